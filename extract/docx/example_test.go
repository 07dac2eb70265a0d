package docx_test

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/docx"
)

// Read a .docx through a registry holding the Word readers: the registry
// sniffs the content, so the file name does not matter.
func Example() {
	data, err := os.ReadFile("../../../shared/corpus/generated/report_serif.docx")
	if err != nil {
		fmt.Println("corpus not found")
		return
	}
	reg := extract.NewRegistry(docx.New(), docx.NewDoc(), docx.NewWPS())
	in, err := extract.NewInput("report", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, format, err := reg.Extract(context.Background(), in)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := doc.Tables()[1]
	fmt.Println(format, len(doc.Tables()), "tables")
	for _, c := range t.Rows[5][:3] {
		fmt.Printf("row %d col %d spans %dx%d: %s\n", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text)
	}
	// Output:
	// docx 3 tables
	// row 5 col 0 spans 22x1: 三、本年度办理结果
	// row 5 col 1 spans 1x2: (一) 予以公开
	// row 5 col 3 spans 1x1: 5
}
