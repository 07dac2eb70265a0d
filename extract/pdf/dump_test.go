package pdf

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

// dump writes a document as text: paragraphs, then tables as rows of
// cells with their grid positions. Golden files and people read it.
func dump(doc *extract.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages %d\n", doc.Pages)
	for _, p := range doc.Problems {
		fmt.Fprintf(&b, "problem p%d: %s\n", p.Page, p.Message)
	}
	for _, bl := range doc.Blocks {
		if bl.Para != nil {
			fmt.Fprintf(&b, "P%d %s\n", bl.Para.Page, bl.Para.Text)
			continue
		}
		t := bl.Table
		fmt.Fprintf(&b, "TABLE %d page %d rows %d\n", t.Index, t.Page, len(t.Rows))
		for r, row := range t.Rows {
			fmt.Fprintf(&b, "  r%d:", r)
			for _, c := range row {
				span := ""
				if c.RowSpan > 1 || c.ColSpan > 1 {
					span = fmt.Sprintf("(%dx%d)", c.RowSpan, c.ColSpan)
				}
				fmt.Fprintf(&b, " [c%d%s p%d] %s |", c.Col, span, c.Page, c.Text)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestDumpFile(t *testing.T) {
	name := os.Getenv("PDFDUMP")
	if name == "" {
		t.Skip("set PDFDUMP=file.pdf to print a file's document")
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	in, err := extract.NewInput(name, f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	in.OCR = extract.OCROff
	doc, err := New().Extract(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(dump(doc))
}
