package pdf

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
)

// The generated PDFs of the corpus were rendered from HTML; their tables
// must come out as the HTML's tables, cell for cell (ignoring spaces).

const corpus = "../../../shared/corpus"

func corpusDir(t testing.TB, sub string) string {
	d := filepath.Join(corpus, sub)
	if _, err := os.Stat(d); err != nil {
		t.Skipf("corpus not found at %s (it sits beside the repository)", d)
	}
	return d
}

func extractFile(t testing.TB, name string) (*extract.Document, error) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	in, err := extract.NewInput(name, f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	in.OCR = extract.OCROff // the text layer, as printed; OCR has tests of its own
	return New().Extract(context.Background(), in)
}

// htmlCell is a cell of the HTML source table.
type htmlCell struct {
	text   string
	rs, cs int
}

func htmlTables(t *testing.T, name string) [][][]htmlCell {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var tables [][][]htmlCell
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			var rows [][]htmlCell
			var rowWalk func(n *html.Node)
			rowWalk = func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "tr" {
					var row []htmlCell
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
							row = append(row, htmlCell{text: squash(nodeText(c)), rs: attrInt(c, "rowspan"), cs: attrInt(c, "colspan")})
						}
					}
					rows = append(rows, row)
					return
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					rowWalk(c)
				}
			}
			rowWalk(n)
			tables = append(tables, rows)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return tables
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

func attrInt(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			if v, err := strconv.Atoi(a.Val); err == nil {
				return v
			}
		}
	}
	return 1
}

func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// rowsOf renders a table's rows as "text(rs×cs)" lists for comparison.
func rowsOf(rows [][]string) string {
	var b strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&b, "%d: %s\n", i, strings.Join(r, " | "))
	}
	return b.String()
}

func TestGeneratedTablesMatchHTML(t *testing.T) {
	dir := corpusDir(t, "generated")
	cases := []struct {
		pdf, html string
		spans     bool // compare merged-cell spans too
	}{
		{"report_serif.pdf", "report_serif.html", true},
		{"report_wqy.pdf", "report_wqy.html", true},
		{"report_serif_cairo.pdf", "report_serif.html", true},
		{"report_wqy_cairo.pdf", "report_wqy.html", true},
		{"report_serif_gs.pdf", "report_serif.html", true},
		{"report_serif_tagged.pdf", "report_serif.html", true},
		{"report_serif_enc_aes128.pdf", "report_serif.html", true},
		{"report_serif_enc_aes256.pdf", "report_serif.html", true},
		{"report_serif_enc_rc4_40.pdf", "report_serif.html", true},
		{"report_serif_split.pdf", "report_serif_split.html", true},
		{"report_serif_noborder.pdf", "report_serif_noborder.html", false},
	}
	for _, tc := range cases {
		t.Run(tc.pdf, func(t *testing.T) {
			doc, err := extractFile(t, filepath.Join(dir, tc.pdf))
			if err != nil {
				t.Fatal(err)
			}
			want := htmlTables(t, filepath.Join(dir, tc.html))
			got := doc.Tables()
			if len(got) != len(want) {
				t.Fatalf("%d tables, want %d\n%s", len(got), len(want), dump(doc))
			}
			for i := range want {
				var w, g [][]string
				for _, row := range want[i] {
					var cells []string
					for _, c := range row {
						cells = append(cells, c.text)
						if tc.spans {
							cells[len(cells)-1] = fmt.Sprintf("%s(%dx%d)", c.text, c.rs, c.cs)
						}
					}
					w = appendRow(w, cells, tc.spans)
				}
				for _, row := range got[i].Rows {
					var cells []string
					for _, c := range row {
						cells = append(cells, squash(c.Text))
						if tc.spans {
							cells[len(cells)-1] = fmt.Sprintf("%s(%dx%d)", squash(c.Text), c.RowSpan, c.ColSpan)
						}
					}
					g = appendRow(g, cells, tc.spans)
				}
				if rowsOf(g) != rowsOf(w) {
					t.Errorf("table %d:\ngot\n%swant\n%s", i+1, rowsOf(g), rowsOf(w))
				}
			}
		})
	}
}

// TestUnreadableTextLayer: a PDF whose fonts map no glyph to Unicode is
// refused, saying OCR is needed, when OCR is off; with OCR, its pages are
// rendered and read (the top-level TestScannedReport checks its values).
func TestUnreadableTextLayer(t *testing.T) {
	name := filepath.Join(corpusDir(t, "generated"), "report_wqy_cairo_noToUnicode.pdf")
	_, err := extractFile(t, name)
	if !errors.Is(err, extract.ErrNoTextLayer) || !strings.Contains(err.Error(), "OCR") {
		t.Fatalf("OCR off: err = %v, want ErrNoTextLayer saying OCR is needed", err)
	}
	if !ocr.Available() {
		t.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (Debian package poppler-utils)")
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	in, err := extract.NewInput(name, bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New().Extract(context.Background(), in)
	if err != nil || doc.OCRPages != doc.Pages {
		t.Fatalf("OCR auto: err = %v, %d of %d pages OCR'd", err, doc.OCRPages, doc.Pages)
	}
}

// appendRow adds a row for comparison. Without spans (borderless tables,
// whose header layout is a matter of taste) only data rows count, as their
// innermost label and their numbers: what normalize reads.
func appendRow(rows [][]string, cells []string, spans bool) [][]string {
	if spans {
		return append(rows, cells)
	}
	var label string
	var nums []string
	for _, c := range cells {
		switch {
		case isNumber(c):
			nums = append(nums, c)
		case c != "" && len(nums) == 0:
			label = c
		}
	}
	if len(nums) == 0 {
		return rows
	}
	return append(rows, append([]string{label}, nums...))
}

// TestCorpusGolden keeps the table dumps of the real and generated PDFs
// (checked by eye against pdftotext -layout) so that a change in layout
// analysis shows up as a diff. Refresh with -update.
func TestCorpusGolden(t *testing.T) {
	for _, name := range corpusPDFs(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			doc, err := extractFile(t, name)
			var got string
			if err != nil {
				got = "error: " + err.Error() + "\n"
			} else {
				got = tablesOnly(dump(doc))
			}
			golden.Check(t, filepath.Join("testdata", "corpus", strings.TrimSuffix(filepath.Base(name), ".pdf")+".golden"), []byte(got))
		})
	}
}

// tablesOnly keeps the table lines of a dump and the first paragraph (the
// title), not the narrative.
func tablesOnly(d string) string {
	var b strings.Builder
	paras := 0
	for _, l := range strings.SplitAfter(d, "\n") {
		if strings.HasPrefix(l, "P") {
			paras++
			if paras > 2 {
				continue
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// TestCorpusParagraphs keeps the paragraph structure of the corpus PDFs
// (page, length, first and last characters of each paragraph: enough to
// see a paragraph split or joined, without copying the reports' text) so
// that a change in paragraph building shows up as a diff. Refresh with
// -update after checking with `gongkai dump`.
func TestCorpusParagraphs(t *testing.T) {
	for _, name := range corpusPDFs(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			doc, err := extractFile(t, name)
			if err != nil {
				t.Skip(err)
			}
			var b strings.Builder
			for _, bl := range doc.Blocks {
				switch {
				case bl.Para != nil:
					rs := []rune(bl.Para.Text)
					head, tail := rs[:min(6, len(rs))], rs[max(len(rs)-4, min(6, len(rs))):]
					fmt.Fprintf(&b, "P%d %d %s…%s\n", bl.Para.Page, len(rs), string(head), string(tail))
				case bl.Table != nil:
					fmt.Fprintf(&b, "T%d\n", bl.Table.Page)
				}
			}
			golden.Check(t, filepath.Join("testdata", "corpus", strings.TrimSuffix(filepath.Base(name), ".pdf")+".paras"), []byte(b.String()))
		})
	}
}

// A document keeps nothing of its pages' characters, whose memory the
// next page's reuse (the tests' own PDFs are checked in extractBytes).
func TestPagesKeepNoCharacters(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.pdf")
	if _, err := os.Stat(corpus); err == nil {
		files = append(files, corpusPDFs(t)...)
	} else {
		t.Logf("corpus not found at %s: the test's PDFs only", corpus)
	}
	for _, f := range files {
		keepsNoCharacters(t, filepath.Base(f), func() (*extract.Document, error) { return extractFile(t, f) })
	}
}
