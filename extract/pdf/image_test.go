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
	pdf := writeClassic([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream",
	}, "/Root 1 0 R")
	in, err := extract.NewInput("pictures.pdf", bytes.NewReader(pdf), int64(len(pdf)))
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
