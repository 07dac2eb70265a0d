package pdf

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"
)

// extractBytes extracts a PDF made by a test, checking that it keeps none
// of its pages' characters (tables stitched across pages among them).
func extractBytes(t testing.TB, b []byte) (*extract.Document, error) {
	t.Helper()
	return keepsNoCharacters(t, "x.pdf", func() (*extract.Document, error) {
		in, err := extract.NewInput("x.pdf", bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		return New().Extract(context.Background(), in)
	})
}

// keepsNoCharacters returns what read returns, after checking that it
// returns the same with each page's characters overwritten once the page
// is read: the next page's are gathered in their memory (content.Read).
func keepsNoCharacters(t testing.TB, name string, read func() (*extract.Document, error)) (*extract.Document, error) {
	t.Helper()
	doc, err := read()
	scribbling = true
	again, err2 := read()
	scribbling = false
	if fmt.Sprint(err) != fmt.Sprint(err2) || (doc == nil) != (again == nil) || doc != nil && dump(doc) != dump(again) {
		t.Errorf("%s: a page's characters overwritten once it is read change the document", name)
	}
	return doc, err
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		want extract.Match
	}{
		{"%PDF-1.7\n", extract.Certain},
		{"\xef\xbb\xbfjunk %PDF-1.4\n", extract.Likely},
		{"PK\x03\x04", extract.NoMatch},
		{"<html>", extract.NoMatch},
	} {
		if got := New().Sniff(&extract.Input{Head: []byte(tc.head)}); got != tc.want {
			t.Errorf("Sniff(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

// TestGolden extracts the seeds and compares with testdata/*.golden.
func TestGolden(t *testing.T) {
	for name, b := range seeds() {
		t.Run(name, func(t *testing.T) {
			doc, err := extractBytes(t, b)
			got := ""
			if err != nil {
				got = "error: " + err.Error() + "\n"
			} else {
				got = dump(doc)
			}
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(name, ".pdf")+".golden"), []byte(got))
		})
	}
}

func TestTableCells(t *testing.T) {
	doc, err := extractBytes(t, seeds()["table.pdf"])
	if err != nil {
		t.Fatal(err)
	}
	ts := doc.Tables()
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1:\n%s", len(ts), dump(doc))
	}
	g := ts[0].Grid()
	want := [][]string{{"信息内容", "2023", "2024"}, {"规章", "", "1 2"}}
	for r, row := range want {
		for c, s := range row {
			if g[r][c] == nil || g[r][c].Text != s {
				t.Errorf("cell %d,%d = %v, want %q", r, c, g[r][c], s)
			}
		}
	}
}

// TestErrors: each kind of refusal has its class and a sentence saying
// why, in words for what the file holds.
func TestErrors(t *testing.T) {
	page := func(dict, data string) []byte {
		return writeClassic([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R >>",
			fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data),
		}, "/Root 1 0 R")
	}
	for _, tc := range []struct {
		name string
		pdf  []byte
		want error
		msg  string
	}{
		{"truncated", []byte("%PDF-1.4\nnot really"), extract.ErrCorrupt, "damaged"},
		{"no text", makePDF("", seedCJK), extract.ErrNoTextLayer, "its one page carries no text, nor a picture"},
		{"unsupported filter", page("/Filter /FooDecode", "BT ET"), extract.ErrNoTextLayer, "a filter gongkai does not decode: /FooDecode"},
		{"damaged Flate", page("/Filter /FlateDecode", "BT (x) Tj ET"), extract.ErrCorrupt, "damaged /FlateDecode data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extractBytes(t, tc.pdf)
			if !errors.Is(err, tc.want) || !strings.Contains(fmt.Sprint(err), tc.msg) {
				t.Errorf("err = %v, want %v saying %q", err, tc.want, tc.msg)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := seeds()["text.pdf"]
	in, _ := extract.NewInput("x.pdf", bytes.NewReader(b), int64(len(b)))
	if _, err := New().Extract(ctx, in); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.pdf")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	for _, b := range encryptedSeeds() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := extract.NewInput("f.pdf", bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		in.OCR = extract.OCROff // Tesseract's seconds a page would stall the fuzzer
		doc, err := New().Extract(context.Background(), in)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
	})
}

func ExampleNew() {
	reg := extract.NewRegistry(New())
	_ = reg // gongkai's default registry lists pdf.New() with the others
	// Output:
}

// The text after an inline image is read: the lexer passes over the
// image's binary data.
func TestTextAfterInlineImage(t *testing.T) {
	text := "BT /F1 12 Tf 72 700 Td (after) Tj ET"
	doc, err := extractBytes(t, makePDF("q 10 0 0 10 0 0 cm BI /W 2 /H 1 /F /AHx ID 0)(f EI Q "+text, seedCJK))
	if err != nil || !strings.Contains(doc.Text(), "after") {
		t.Errorf("text after an inline image: %v %q", err, doc.Text())
	}
}

// TestHugeGlyphIndex: a character whose box a damaged size made enormous
// is kept apart from the grid (filing it under every bucket it spans took
// minutes), and still holds the segments inside it.
func TestHugeGlyphIndex(t *testing.T) {
	ix := indexChars([]content.Char{{X0: 0, X1: 1e9, Y0: 0, Y1: 1e9, Size: 1e9}, {X0: 10, X1: 20, Y0: 10, Y1: 20, Size: 10}})
	if len(ix.big) != 1 || len(ix.grid) != 1 {
		t.Errorf("%d big, %d buckets; want 1 and 1", len(ix.big), len(ix.grid))
	}
	if !ix.inGlyph(content.Seg{X0: 5e8, Y0: 5e8, X1: 5e8 + 10, Y1: 5e8}) {
		t.Error("a segment inside the huge character is not in a glyph")
	}
}

// TestDropGlyphSegs: segments inside a character's box are a glyph's
// outline and go; rulings and short strokes between characters stay. The
// same holds on a page with few characters (each segment tested against
// every one) and on one with many (through the index).
func TestDropGlyphSegs(t *testing.T) {
	char := func(x, y float64) content.Char {
		return content.Char{S: "申", X0: x, X1: x + 10, Y0: y, Y1: y + 10, Size: 10}
	}
	for _, n := range []int{1, 3000} {
		var cs []content.Char
		for i := range n {
			cs = append(cs, char(float64(i%50)*14, float64(i/50)*14))
		}
		h := []content.Seg{
			{X0: 1, Y0: 5, X1: 9, Y1: 5},     // 申's middle stroke: a glyph
			{X0: 0, Y0: -2, X1: 500, Y1: -2}, // a ruling under the first row
		}
		v := []content.Seg{
			{X0: 5, Y0: 1, X1: 5, Y1: 9},   // 申's upright
			{X0: 12, Y0: 1, X1: 12, Y1: 9}, // between two characters (or past the one)
		}
		for range 100 { // enough short segments to need the index among 3,000 characters
			v = append(v, content.Seg{X0: 5, Y0: 2, X1: 5, Y1: 8})
		}
		dropGlyphSegs(cs, &h, &v)
		if len(h) != 1 || h[0].X1 != 500 {
			t.Errorf("%d characters: horizontal %v; want the ruling only", n, h)
		}
		if len(v) != 1 || v[0].X0 != 12 {
			t.Errorf("%d characters: vertical %v; want the stroke between characters only", n, v)
		}
	}
}
