package pdf

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

func TestDebugSegs(t *testing.T) {
	name := os.Getenv("PDFSEGS")
	if name == "" {
		t.Skip()
	}
	f, _ := os.Open(name)
	st, _ := f.Stat()
	rd, err := open(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(os.Getenv("PAGE"))
	c, err := rd.readPage(n)
	if err != nil {
		t.Fatal(err)
	}
	h, v := mergeSegs(c.h, true), mergeSegs(c.v, false)
	for _, s := range v {
		fmt.Printf("V x=%.2f y=%.2f..%.2f\n", s.x0, s.y0, s.y1)
	}
	for _, s := range h {
		fmt.Printf("H y=%.2f x=%.2f..%.2f\n", s.y0, s.x0, s.x1)
	}
	for _, g := range findGrids(c.h, c.v) {
		fmt.Printf("grid xs=%.1f\n ys=%.1f\n", g.xs, g.ys)
	}
}
