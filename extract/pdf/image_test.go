package pdf

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

// A picture the size of a table counts; a small one (a logo, a seal) does
// not. The count lets a record say that tables printed as pictures need OCR.
func TestImagesCounted(t *testing.T) {
	content := "BT /F1 12 Tf 20 250 Td (Report text) Tj ET " +
		"q 300 0 0 150 50 50 cm /Im1 Do Q " + // a table-sized picture
		"q 20 0 0 20 5 5 cm /Im1 Do Q" // a logo
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)

	in, err := extract.NewInput("pictures.pdf", bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New().Extract(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Images != 1 {
		t.Errorf("%d images counted, want 1 (the table-sized one)", doc.Images)
	}
}
