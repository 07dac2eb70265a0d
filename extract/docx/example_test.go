package docx_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/docx"
)

// Read a Word file through a registry holding the Word readers: the registry
// sniffs the content, so the file name does not matter.
func Example() {
	f, err := os.Open("testdata/example.docx")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		fmt.Println(err)
		return
	}
	in, err := extract.NewInput("report", f, st.Size())
	if err != nil {
		fmt.Println(err)
		return
	}
	reg := extract.NewRegistry(docx.New(), docx.NewDoc(), docx.NewWPS())
	doc, format, err := reg.Extract(context.Background(), in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(format, doc.Blocks[0].Para.Text)
	for _, row := range doc.Tables()[0].Rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, fmt.Sprintf("(%d,%d %dx%d) %q", c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text))
		}
		fmt.Println(strings.Join(cells, " "))
	}
	// Output:
	// docx 表头跨列
	// (0,0 1x3) "第二十条第（五）项"
	// (1,0 1x1) "信息内容" (1,1 1x2) "本年处理决定数量"
	// (2,0 1x1) "行政许可" (2,1 1x1) "" (2,2 1x1) "12"
}
