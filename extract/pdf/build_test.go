package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/internal/pdftest"
)

// testPDF builds synthetic multi-page PDFs for the tests: text placed at
// given positions in a Latin font (/F1, Helvetica) and a CJK font (/F2, an
// Identity-H font whose ToUnicode maps one 2-byte code to each rune used,
// every glyph 1 em wide). The objects are kept apart from the file layout
// so that one document can be written with an xref table, an xref stream,
// object streams, a broken table, and so on (see xref_test.go).
type testPDF struct {
	w, h  float64
	pages []*bytes.Buffer
	runes map[rune]int
	res   string // more page resources, e.g. "/Properties << … >>"
}

func newTestPDF() *testPDF { return &testPDF{w: 595, h: 842, runes: map[rune]int{}} }

// page starts a new page and returns its content stream.
func (p *testPDF) page() *bytes.Buffer {
	b := &bytes.Buffer{}
	p.pages = append(p.pages, b)
	return b
}

// helvW is the advance of every printable ASCII glyph of /F1: one width
// for all keeps the file small; the reader only needs them consistent.
const helvW = 556

// text writes s at (x, y) in the given size, switching between the two
// fonts for ASCII and other runes.
func (p *testPDF) text(b *bytes.Buffer, x, y, size float64, s string) {
	fmt.Fprintf(b, "BT 1 0 0 1 %g %g Tm\n", x, y)
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		ascii := rs[i] < 128
		for j < len(rs) && (rs[j] < 128) == ascii {
			j++
		}
		if ascii {
			esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(string(rs[i:j]))
			fmt.Fprintf(b, "/F1 %g Tf (%s) Tj\n", size, esc)
		} else {
			fmt.Fprintf(b, "/F2 %g Tf <", size)
			for _, r := range rs[i:j] {
				c, ok := p.runes[r]
				if !ok {
					c = len(p.runes) + 1
					p.runes[r] = c
				}
				fmt.Fprintf(b, "%04X", c)
			}
			b.WriteString("> Tj\n")
		}
		i = j
	}
	b.WriteString("ET\n")
}

// width is the printed width of s in the given size.
func width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r < 128 {
			w += helvW
		} else {
			w += 1000
		}
	}
	return w * size / 1000
}

// objects returns the document's objects, object 1 the catalog. content.Content
// streams are written uncompressed.
func (p *testPDF) objects() []string {
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // page tree, filled in below
	font1 := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" +
		strings.TrimSpace(strings.Repeat(fmt.Sprint(helvW)+" ", 95)) + "] >>")
	font2 := add("") // composite font, filled in below
	desc := add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /DW 1000 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>")
	var cm bytes.Buffer
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	type pair struct {
		r rune
		c int
	}
	var ps []pair
	for r, c := range p.runes {
		ps = append(ps, pair{r, c})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].c < ps[j].c })
	for len(ps) > 0 { // at most 100 entries a block
		n := min(len(ps), 100)
		fmt.Fprintf(&cm, "%d beginbfchar\n", n)
		for _, q := range ps[:n] {
			fmt.Fprintf(&cm, "<%04X> <%04X>\n", q.c, q.r)
		}
		cm.WriteString("endbfchar\n")
		ps = ps[n:]
	}
	cm.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end")
	cmap := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cm.Len(), cm.String()))
	objs[font2-1] = fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, cmap)
	var kids []string
	for _, c := range p.pages {
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> %s >> >>",
			p.w, p.h, content, font1, font2, p.res))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return objs
}

// bytes writes the document with a classic xref table.
func (p *testPDF) bytes() []byte { return writeClassic(p.objects(), "/Root 1 0 R") }

// writeClassic writes objects (numbered from 1) with an xref table and a
// trailer holding the given entries.
var writeClassic = pdftest.Classic
