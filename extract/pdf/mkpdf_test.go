package pdf

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// makePDF writes a one-page PDF with the given content stream and fonts:
// /F1 is Helvetica (WinAnsi), /F2 a composite Identity-H font whose
// ToUnicode maps codes 1..n to the runes of cjk, each 1000 units wide.
func makePDF(content, cjk string) []byte {
	var cm bytes.Buffer
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	rs := []rune(cjk)
	fmt.Fprintf(&cm, "%d beginbfchar\n", len(rs))
	for i, r := range rs {
		fmt.Fprintf(&cm, "<%04X> <%04X>\n", i+1, r)
	}
	cm.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	return writeClassic([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 57 /Widths [278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556] >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /DW 1000 /W [1 [1000]] /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cm.Len()+1, cm.String()),
	}, "/Root 1 0 R")
}

// cjkHex encodes runes of cjk as the 2-byte codes makePDF's /F2 maps.
func cjkHex(cjk, s string) string {
	var b bytes.Buffer
	b.WriteByte('<')
	for _, r := range s {
		for i, c := range []rune(cjk) {
			if c == r {
				fmt.Fprintf(&b, "%04X", i+1)
			}
		}
	}
	b.WriteByte('>')
	return b.String()
}

const seedCJK = "规章信息内容行政许可"

// seeds are the small PDFs under testdata/: a ruled table with an empty
// cell, CJK text through ToUnicode, a borderless table and plain text.
func seeds() map[string][]byte {
	rule := func(x0, y0, x1, y1 float64) string { return fmt.Sprintf("%g %g m %g %g l S\n", x0, y0, x1, y1) }
	var table bytes.Buffer
	table.WriteString("0.5 w\n")
	for _, y := range []float64{250, 220, 190} {
		table.WriteString(rule(50, y, 350, y))
	}
	for _, x := range []float64{50, 150, 250, 350} {
		table.WriteString(rule(x, 190, x, 250))
	}
	table.WriteString("BT /F2 10 Tf 60 230 Td " + cjkHex(seedCJK, "信息内容") + " Tj ET\n")
	table.WriteString("BT /F1 10 Tf 160 230 Td (2023) Tj 100 0 Td (2024) Tj ET\n")
	table.WriteString("BT /F2 10 Tf 60 200 Td " + cjkHex(seedCJK, "规章") + " Tj ET\n")
	table.WriteString("BT /F1 10 Tf 260 200 Td [(1) -300 (2)] TJ ET\n")
	text := "BT /F2 16 Tf 100 260 Td " + cjkHex(seedCJK, "行政许可") + " Tj /F1 10 Tf -50 -30 Td 12 TL (Annual report 2024) Tj T* (second line) Tj ET"
	var nb bytes.Buffer
	for i, row := range [][]string{{"A", "10", "20"}, {"B", "3", ""}, {"C", "4", "5"}} {
		y := 250 - 20*i
		for j, s := range row {
			if s != "" {
				fmt.Fprintf(&nb, "BT /F1 10 Tf %d %d Td (%s) Tj ET\n", 60+100*j, y, s)
			}
		}
	}
	return map[string][]byte{
		"table.pdf":       makePDF(table.String(), seedCJK),
		"text.pdf":        makePDF(text, seedCJK),
		"noborder.pdf":    makePDF(nb.String(), seedCJK),
		"form-xobj.pdf":   makePDF("q 1 0 0 1 10 10 cm BT /F1 12 Tf 20 20 Td (x) Tj ET Q", seedCJK),
		"invalid-ops.pdf": makePDF("BT /F9 12 Tf (no font) Tj ] ] TJ 1 2 re S Q Q Q ET", seedCJK),
	}
}

func TestWriteSeeds(t *testing.T) {
	for name, b := range seeds() {
		path := filepath.Join("testdata", name)
		if *golden.Update {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("%s is stale; run go test ./extract/pdf -update", path)
		}
	}
}
