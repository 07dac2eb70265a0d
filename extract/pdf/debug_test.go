package pdf

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

// TestDebugSegs prints a page's ruling segments and grids:
// PDFSEGS=file.pdf PAGE=n go test -run TestDebugSegs -v
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

// TestDebugLines prints every line of a file with its position:
// PDFLINES=file.pdf go test -run TestDebugLines -v
func TestDebugLines(t *testing.T) {
	name := os.Getenv("PDFLINES")
	if name == "" {
		t.Skip()
	}
	f, _ := os.Open(name)
	st, _ := f.Stat()
	rd, err := open(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	n, _ := rd.numPages()
	for p := 1; p <= n; p++ {
		c, err := rd.readPage(p)
		if err != nil {
			t.Fatal(err)
		}
		var cs []*char
		for i := range c.chars {
			if c.chars[i].s != " " {
				cs = append(cs, &c.chars[i])
			}
		}
		fmt.Printf("== page %d %.0fx%.0f\n", p, c.width, c.height)
		for _, l := range buildLines(cs) {
			fmt.Printf("x0=%6.1f x1=%6.1f y=%6.1f sz=%4.1f %s\n", l.x0, l.x1, l.base(), l.size, l.text())
		}
	}
}
