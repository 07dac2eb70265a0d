package content

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
	"github.com/gongkai/gongkai/internal/pdftest"
)

// A form's fields are read where the page shows them: a field's
// appearance stream placed in its rectangle, a value saved without an
// appearance (NeedAppearances) as text in its rectangle; hidden
// annotations and links are not read.
func TestAnnotations(t *testing.T) {
	ap := "BT /F1 10 Tf 2 4 Td (Shown) Tj ET"
	hidden := "BT /F1 10 Tf 2 4 Td (Hidden) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 8 0 R] /NeedAppearances true >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 8 0 R 9 0 R 11 0 R] >>",
		"<< /Length 35 >>\nstream\nBT /F1 10 Tf 20 250 Td (Page) Tj ET\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Annot /Subtype /Widget /FT /Tx /T (a) /Rect [100 100 200 120] /AP << /N 7 0 R >> >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 50 10] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(ap), ap),
		"<< /Type /Annot /Subtype /Widget /FT /Tx /T (b) /Rect [100 50 300 70] /DA (/Helv 10 Tf 0 g) /V <FEFF653F5E9C4FE1606F516C5F00> >>",
		"<< /Type /Annot /Subtype /Widget /FT /Tx /T (c) /F 2 /Rect [100 150 200 170] /AP << /N 10 0 R >> >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 50 10] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(hidden), hidden),
		"<< /Type /Annot /Subtype /Link /Rect [10 10 50 20] /AP << /N 10 0 R >> >>",
	}
	b := pdftest.Classic(objs, "/Root 1 0 R")
	f, err := object.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := f.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := Read(context.Background(), pages[0], &Fonts{})
	var text strings.Builder
	var shown *Char
	for i, ch := range c.Chars {
		text.WriteString(ch.S)
		if ch.S == "S" {
			shown = &c.Chars[i]
		}
	}
	if got := text.String(); got != "PageShown政府信息公开" {
		t.Fatalf("text %q", got)
	}
	// The appearance's box (50×10) is scaled onto the rectangle (100×20):
	// "Shown" starts at 100 + 2×2 and sits in 100…120.
	if shown.X0 < 103 || shown.X0 > 105 || shown.Y0 < 100 || shown.Y1 > 125 {
		t.Errorf("appearance placed at x %g, y %g…%g", shown.X0, shown.Y0, shown.Y1)
	}
}
