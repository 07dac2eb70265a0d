package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/normalize"
)

// compiled builds a compiled report of n pages: each a heading, a
// paragraph and a ruled table of figures, as a city's report bound with
// its departments' prints them.
func compiled(n int) []byte {
	p := newTestPDF()
	for i := range n {
		b := p.page()
		p.text(b, 72, 780, 16, fmt.Sprintf("第%d部门2023年政府信息公开工作年度报告", i+1))
		p.text(b, 72, 740, 10.5, "本年度共收到政府信息公开申请12件，均已按时办结。")
		const top, rows, pitch = 700.0, 8, 20.0
		for r := range rows + 1 {
			fmt.Fprintf(b, "0.5 w 72 %g m 520 %g l S\n", top-pitch*float64(r), top-pitch*float64(r))
		}
		for _, x := range []float64{72, 300, 410, 520} {
			fmt.Fprintf(b, "0.5 w %g %g m %g %g l S\n", x, top, x, top-pitch*rows)
		}
		for r := range rows {
			y := top - pitch*float64(r) - 14
			p.text(b, 78, y, 10.5, fmt.Sprintf("（%d）行政许可", r+1))
			p.text(b, 310, y, 10.5, fmt.Sprint(i*r))
			p.text(b, 420, y, 10.5, fmt.Sprint(i+r))
		}
	}
	return p.bytes()
}

// TestCostLinearInPages: reading and normalizing a 1000-page document
// costs no more a page than a 50-page one (within 1.3×). Cost is counted
// as memory allocated, which follows the work done and, unlike time, does
// not depend on the machine: the page tree walked from the root for every
// page made the 1000-page file allocate 3.9 GB.
func TestCostLinearInPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1000-page PDF; -short")
	}
	perPage := func(n int) (bytesPerPage, allocsPerPage float64) {
		data := compiled(n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		in, err := extract.NewInput("compiled.pdf", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := New().Extract(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		normalize.Document(doc)
		runtime.ReadMemStats(&after)
		if got := len(doc.Tables()); got < n/2 {
			t.Fatalf("%d pages: %d tables read; the document is not what the test means", n, got)
		}
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n), float64(after.Mallocs-before.Mallocs) / float64(n)
	}
	b50, a50 := perPage(50)
	b1000, a1000 := perPage(1000)
	t.Logf("a page: %.0f bytes and %.0f allocations at 50 pages, %.0f and %.0f at 1000", b50, a50, b1000, a1000)
	if b1000 > 1.3*b50 || a1000 > 1.3*a50 {
		t.Errorf("a page at 1000 pages costs %.2f× the bytes and %.2f× the allocations of one at 50; want at most 1.3×", b1000/b50, a1000/a50)
	}
}

// TestMemoryInPlace: a file held in memory (extract.Memory) is read in
// place, and reads exactly as the same bytes read through a plain
// io.ReaderAt — encrypted and compiled files included.
func TestMemoryInPlace(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.pdf")
	inputs := map[string][]byte{"compiled": compiled(20)}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = b
	}
	for _, name := range []string{"real/huaian-city-2024.pdf", "generated/report_serif_enc_aes256.pdf", "generated/report_serif_enc_rc4_40.pdf"} {
		if b, err := os.ReadFile(filepath.Join("../../../shared/corpus", name)); err == nil {
			inputs[name] = b
		}
	}
	for name, b := range inputs {
		read := func(r io.ReaderAt) string {
			in, err := extract.NewInput(name, r, int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := New().Extract(context.Background(), in)
			if err != nil {
				return "error: " + err.Error()
			}
			return dump(doc)
		}
		mem := append([]byte(nil), b...)
		if got, want := read(extract.Memory(mem)), read(bytes.NewReader(b)); got != want {
			t.Errorf("%s: read in place differs:\n%s\nwant:\n%s", name, got, want)
		}
		if !bytes.Equal(mem, b) {
			t.Errorf("%s: reading changed the bytes held in memory", name)
		}
	}
}
