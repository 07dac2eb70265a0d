package pdf

import (
	"fmt"
	"strings"
	"testing"
)

// TestActualText: glyphs inside a marked-content span with /ActualText
// read as that text, the way LibreOffice writes characters it has no font
// for (every one the same .notdef glyph).
func TestActualText(t *testing.T) {
	span := func(props string) string {
		var b strings.Builder
		b.WriteString("BT /F2 12 Tf 72 700 Td ")
		for _, r := range "申请17件" {
			fmt.Fprintf(&b, "/Span <</ActualText <feff%04x>>> BDC <0001> Tj EMC ", r)
		}
		b.WriteString("ET")
		return b.String()
	}
	for _, tc := range []struct{ name, content, want string }{
		{"one span a glyph", span(""), "申请17件"},
		{"one span for several glyphs", "BT /F2 12 Tf 72 700 Td /Span <</ActualText (fi)>> BDC <0001> Tj EMC (x) Tj ET", "fi"},
		{"more glyphs than text", "BT /F2 12 Tf 72 700 Td /Span <</ActualText <feff7533>>> BDC <00010001> Tj EMC ET", "申"},
		{"named properties", "BT /F2 12 Tf 72 700 Td /Span /P1 BDC <0001> Tj EMC ET", "件"},
		{"nested spans: the outer wins", "BT /F2 12 Tf 72 700 Td /Span <</ActualText <feff4ef6>>> BDC /Span <</ActualText (x)>> BDC <0001> Tj EMC EMC ET", "件"},
		{"unbalanced EMC", "EMC EMC BT /F2 12 Tf 72 700 Td <0001> Tj ET", "一"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			p.runes['一'] = 1 // code 1: the glyph every span draws
			p.res = "/Properties << /P1 << /ActualText <feff4ef6> >> >>"
			p.page().WriteString(tc.content)
			doc, err := extractBytes(t, p.bytes())
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(strings.TrimSpace(doc.Text()), " ", ""); !strings.HasPrefix(got, tc.want) {
				t.Errorf("text %q, want %q first", got, tc.want)
			}
		})
	}
}
