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
