package docx

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/gongkai/gongkai/extract"
)

// TestCorpusMatchesHTML checks the .docx tables against the HTML each corpus
// .docx was converted from: same tables, same rows, and in each row the
// same cells (text with spaces ignored, grid column, spans).
func TestCorpusMatchesHTML(t *testing.T) {
	for _, path := range corpusFiles(t, "*.docx") {
		src := strings.TrimSuffix(path, ".docx") + ".html"
		t.Run(filepath.Base(path), func(t *testing.T) {
			want := htmlTables(t, src)
			got := extractDocx(t, openInput(t, path)).Tables()
			if len(got) != len(want) {
				t.Fatalf("%d tables, the HTML has %d", len(got), len(want))
			}
			for i := range got {
				compareTables(t, i+1, got[i], want[i])
			}
		})
	}
}

func compareTables(t *testing.T, n int, got, want *extract.Table) {
	t.Helper()
	compareRows(t, n, got, want, cellKeys)
}

// compareRows compares two tables row by row, each row as keys made of its cells.
func compareRows(t *testing.T, n int, got, want *extract.Table, keys func([]extract.Cell) []string) {
	t.Helper()
	if len(got.Rows) != len(want.Rows) {
		t.Errorf("table %d: %d rows, the HTML has %d", n, len(got.Rows), len(want.Rows))
		return
	}
	for r := range got.Rows {
		g, w := keys(got.Rows[r]), keys(want.Rows[r])
		if strings.Join(g, " | ") != strings.Join(w, " | ") {
			t.Errorf("table %d row %d:\n got %s\nwant %s", n, r, strings.Join(g, " | "), strings.Join(w, " | "))
		}
	}
}

func cellKeys(row []extract.Cell) []string {
	var ks []string
	for _, c := range row {
		text := strings.Join(strings.Fields(c.Text), "")
		ks = append(ks, strconv.Itoa(c.Col)+":"+strconv.Itoa(c.RowSpan)+"x"+strconv.Itoa(c.ColSpan)+" "+text)
	}
	return ks
}

// textKeys is a row's cell texts (spaces ignored) and row spans.
func textKeys(row []extract.Cell) []string {
	var ks []string
	for _, c := range row {
		ks = append(ks, strconv.Itoa(c.RowSpan)+" "+strings.Join(strings.Fields(c.Text), ""))
	}
	return ks
}

// htmlTables reads the tables of an HTML file, laid out as browsers do.
func htmlTables(t *testing.T, path string) []*extract.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no HTML source: %v", err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var tables []*extract.Table
	for n := range root.Descendants() {
		if n.DataAtom != atom.Table {
			continue
		}
		var rows [][]extract.Cell
		for tr := range n.Descendants() {
			if tr.DataAtom != atom.Tr {
				continue
			}
			var row []extract.Cell
			for td := tr.FirstChild; td != nil; td = td.NextSibling {
				if td.DataAtom == atom.Td || td.DataAtom == atom.Th {
					row = append(row, extract.Cell{
						Text:    htmlText(td),
						RowSpan: atoiAttr(td, "rowspan"),
						ColSpan: atoiAttr(td, "colspan"),
					})
				}
			}
			rows = append(rows, row)
		}
		tables = append(tables, extract.NewTable(len(tables)+1, 0, rows))
	}
	return tables
}

func htmlText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func atoiAttr(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			v, _ := strconv.Atoi(a.Val)
			return v
		}
	}
	return 1
}
