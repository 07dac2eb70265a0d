package docx

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

// FuzzBody feeds the body reader arbitrary document XML, seeded with the
// fixtures in testdata. Whatever it reads must be a consistent grid: no
// panic, spans at least 1, cells in their rows, no two cells on one grid
// position, tables numbered in order; failures are ErrCorrupt.
func FuzzBody(f *testing.F) {
	for _, fx := range fixtures(f) {
		f.Add(fx.body)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readBody("word/document.xml", data)
		if err != nil && !errors.Is(err, extract.ErrCorrupt) {
			t.Fatalf("error %v is not ErrCorrupt", err)
		}
		if doc == nil {
			return
		}
		for i, tb := range doc.Tables() {
			if tb.Index != i+1 {
				t.Fatalf("table %d has Index %d", i+1, tb.Index)
			}
			checkGrid(t, tb)
		}
	})
}

func checkGrid(t *testing.T, tb *extract.Table) {
	t.Helper()
	taken := map[[2]int]bool{}
	for r, row := range tb.Rows {
		last := -1
		for _, c := range row {
			if c.Row != r || c.Col <= last || c.RowSpan < 1 || c.ColSpan < 1 || c.Col+c.ColSpan > maxCols || r+c.RowSpan > len(tb.Rows) {
				t.Fatalf("table %d: bad cell %+v in row %d", tb.Index, c, r)
			}
			last = c.Col
			for dr := 0; dr < c.RowSpan; dr++ {
				for dc := 0; dc < c.ColSpan; dc++ {
					p := [2]int{r + dr, c.Col + dc}
					if taken[p] {
						t.Fatalf("table %d: two cells cover row %d column %d", tb.Index, p[0], p[1])
					}
					taken[p] = true
				}
			}
		}
	}
}

// FuzzFile feeds whole files to sniffing and reading: zip packages made from
// the testdata bodies, and OLE2 compound files. Nothing may panic, and
// every failure must be one of the kinds a user is told about.
func FuzzFile(f *testing.F) {
	for _, fx := range fixtures(f) {
		f.Add(docxOf(f, string(fx.body)))
	}
	f.Add(cfbOf(f, stream{"WordDocument", wordFIB(true)}, stream{"1Table", filler(4100)}))
	f.Add(cfbOf(f, stream{"EncryptionInfo", filler(4200)}, stream{"EncryptedPackage", filler(8000)}))
	kinds := []error{extract.ErrCorrupt, extract.ErrTooLarge, extract.ErrEncrypted, extract.ErrUnknownFormat}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := extract.NewInput("fuzz", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		in.OCR = extract.OCROff // Tesseract's seconds a picture would stall the fuzzer
		NewDoc().Sniff(in)
		if ole, err := readOLE2(in.R, in.Size); err == nil {
			ole.encryptedDoc()
			ole.encryptedOOXML()
		}
		if New().Sniff(in) == extract.NoMatch {
			return
		}
		doc, err := New().Extract(context.Background(), in)
		if err != nil {
			if !slices.ContainsFunc(kinds, func(k error) bool { return errors.Is(err, k) }) {
				t.Fatalf("error %v is of no known kind", err)
			}
			return
		}
		for _, tb := range doc.Tables() {
			checkGrid(t, tb)
		}
	})
}
