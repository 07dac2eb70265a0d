package normalize

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// TestUnreadFigure: a figure OCR could not read (extract.Cell.Unread) is a
// value cell of its row, not a label that would hide the row's other
// values; set leaves its key absent, saying why.
func TestUnreadFigure(t *testing.T) {
	tb := &extract.Table{Index: 1, Rows: [][]extract.Cell{{
		{Text: "（一）予以公开", Row: 0, Col: 0, RowSpan: 1, ColSpan: 1},
		{Text: "5", Row: 0, Col: 1, RowSpan: 1, ColSpan: 1},
		{Text: "了", Row: 0, Col: 2, RowSpan: 1, ColSpan: 1, Unread: true},
		{Text: "10", Row: 0, Col: 3, RowSpan: 1, ColSpan: 1},
	}}}
	rows := rowsOf(tb)
	if len(rows) != 1 || len(rows[0].labels) != 1 || len(rows[0].values) != 3 {
		t.Fatalf("rows %+v: want one label and three values", rows)
	}
	r := &Result{Values: schema.Values{}, Provenance: map[string]schema.Provenance{}}
	r.set("applications.granted.enterprise", rows[0].values[1], rows[0], "")
	if _, ok := r.Values["applications.granted.enterprise"]; ok || len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, "OCR could not read") {
		t.Errorf("an unread figure: values %v, problems %+v", r.Values, r.Problems)
	}
}

// TestReviewAfterApplications: a table that opens with table 四's header
// (行政复议 | 行政诉讼) is table 四 even straight after table 三, with no
// section heading read between them (OCR garbled it, or a Word file's
// pictures of tables came after its text); a row of table 三 naming one
// of them stays in table 三.
func TestReviewAfterApplications(t *testing.T) {
	row := func(r int, texts ...string) []extract.Cell {
		var cs []extract.Cell
		for _, c := range cells(texts...) {
			c.Row = r
			cs = append(cs, *c)
		}
		return cs
	}
	apps := &extract.Table{Index: 1, Rows: [][]extract.Cell{
		row(0, "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"),
		row(1, "一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"),
	}}
	figures := []string{"4", "0", "0", "1", "5", "4", "2", "0", "0", "6", "2", "1", "2", "2", "7"}
	for _, tc := range []struct {
		name   string
		header []string
		want   bool
	}{
		{"both parts named", []string{"行政复议", "行政诉讼"}, true},
		{"one part named", []string{"行政复议", "其他"}, false},
	} {
		rev := &extract.Table{Index: 2, Rows: [][]extract.Cell{row(0, tc.header...), row(1, figures...)}}
		res := Document(&extract.Document{Blocks: []extract.Block{{Table: apps}, {Table: rev}}})
		got, ok := res.Values["review.total"]
		if ok != tc.want || ok && got != 5 {
			t.Errorf("%s: review.total = %v (%v), want it read: %v", tc.name, got, ok, tc.want)
		}
	}
}
