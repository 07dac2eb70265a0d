package docx

import "testing"

// Pictures are counted, DrawingML and VML alike, so that a report whose
// tables were pasted as pictures can say that they need OCR.
func TestPicturesCounted(t *testing.T) {
	body := `<w:p><w:r><w:t>正文</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></v:shape></w:pict></w:r></w:p>`
	doc := extractDocx(t, input(t, "pictures.docx", docxOf(t, wrapBody(body))))
	if doc.Images != 2 {
		t.Errorf("%d pictures counted, want 2", doc.Images)
	}
}
