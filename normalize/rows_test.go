package normalize

import (
	"slices"
	"strconv"
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

// TestRowsPlacedBetween: rows of table 三 whose labels OCR garbled beyond
// matching take the template's rows between the recognised rows around
// them when the counts agree, and are reported otherwise; a table whose
// header is unreadable is still table 三 under section 三's heading.
func TestRowsPlacedBetween(t *testing.T) {
	row := func(r int, label, figure string) []extract.Cell {
		var cs []extract.Cell
		for _, c := range cells(label, figure, "0", "0", "0", "0", "0", figure) {
			c.Row = r
			cs = append(cs, *c)
		}
		return cs
	}
	const (
		newRow   = "一、本年新收政府信息公开申请数量"
		carried  = "二、上年结转政府信息公开申请数量"
		granted  = "（一）予以公开"
		secret   = "（三）不予公开 1.属于国家秘密"
		total    = "总计"
		garbled  = "部刀么幵"
		garbled2 = "杂项"
	)
	for _, tc := range []struct {
		name   string
		rows   []string // labels, each row's figure its number from 1
		key    string   // the garbled row's key, its total column
		placed bool     // the garbled row is placed
	}{
		{"one between two", []string{newRow, carried, granted, garbled, secret}, "applications.partially_granted.total", true},
		{"a row too many", []string{newRow, carried, granted, garbled, garbled2, secret}, "applications.partially_granted.total", false},
		// A wrapped label whose two lines OCR read interleaved.
		{"the first row", []string{"一本年收公开申请.新政府信息数量", carried, granted}, "applications.new.total", true},
		{"two rows before the first", []string{garbled2, "一本年收公开申请.新政府信息数量", carried, granted}, "applications.new.total", false},
		{"the last row", []string{newRow, carried, granted, total, garbled}, "applications.carried_out.total", true},
		{"a row after the last", []string{newRow, carried, granted, total, "四、结转下年度继续办理", garbled}, "", false},
	} {
		var rows [][]extract.Cell
		garbledAt := 0
		for i, l := range tc.rows {
			rows = append(rows, row(i, l, strconv.Itoa(1+i)))
			if l == garbled || strings.HasPrefix(l, "一本年") {
				garbledAt = i + 1
			}
		}
		doc := &extract.Document{Blocks: []extract.Block{
			{Para: &extract.Paragraph{Text: "三、收到和处理政府信息公开申请情况"}},
			{Table: &extract.Table{Index: 1, Rows: rows}},
		}}
		res := Document(doc)
		if tc.key != "" {
			got, ok := res.Values[tc.key]
			if ok != tc.placed || ok && got != float64(garbledAt) {
				t.Errorf("%s: %s = %v (%v), want %d placed: %v", tc.name, tc.key, got, ok, garbledAt, tc.placed)
			}
		}
		if _, ok := res.Values["applications.granted.total"]; !ok {
			t.Errorf("%s: no granted.total (table 三 read without its header)", tc.name)
		}
		kinds := map[schema.ProblemKind]bool{}
		for _, p := range res.Problems {
			kinds[p.Kind] = true
		}
		if tc.placed && !kinds[schema.ProblemGuessedRow] || !tc.placed && !kinds[schema.ProblemUnrecognisedRow] {
			t.Errorf("%s: problems %v, want the row's placing or its loss said", tc.name, res.Problems)
		}
	}
}

// TestActiveRowsPlacedInBlock: a row of table 二 whose label OCR cut short
// beyond matching (强制 for 行政强制) takes its block's row at its place
// when the block's title says which rows it has and the rows recognised
// stand in their places; otherwise it is reported and left out.
func TestActiveRowsPlacedInBlock(t *testing.T) {
	row := func(r int, texts ...string) []extract.Cell {
		var cs []extract.Cell
		for _, c := range cells(texts...) {
			c.Row = r
			cs = append(cs, *c)
		}
		return cs
	}
	header := []string{"信息内容", "上一年项目数量", "本年增/减", "处理决定数量"}
	for _, tc := range []struct {
		name   string
		title  string
		labels []string
		key    string // the cut label's row's key, its first column
		placed bool
	}{
		{"second of two", "第二十条第（六）项", []string{"行政处罚", "强制"}, "active.coercion.prior_year_items", true},
		{"first of two", "第二十条第(六)项", []string{"处", "行政强制"}, "active.punishment.prior_year_items", true},
		{"the only row", "第二十条第（八）项", []string{"收"}, "active.fees.prior_year_items", true},
		{"a row too many", "第二十条第（六）项", []string{"行政处罚", "强制", "合计"}, "active.coercion.prior_year_items", false},
		{"out of order", "第二十条第（六）项", []string{"强制", "行政处罚"}, "active.punishment.prior_year_items", false},
		{"no title", "", []string{"行政处罚", "强制"}, "active.coercion.prior_year_items", false},
		{"a title unread", "第二十条第（）项", []string{"行政处罚", "强制"}, "active.coercion.prior_year_items", false},
	} {
		var rows [][]extract.Cell
		if tc.title != "" {
			rows = append(rows, row(len(rows), tc.title))
		}
		rows = append(rows, row(len(rows), header...))
		for _, l := range tc.labels {
			figure := "1"
			if _, _, ok := activeRows.best(l); !ok {
				figure = "7"
			}
			rows = append(rows, row(len(rows), l, figure, "0", "0"))
		}
		doc := &extract.Document{Blocks: []extract.Block{
			{Para: &extract.Paragraph{Text: "二、主动公开政府信息情况"}},
			{Table: &extract.Table{Index: 1, Rows: rows}},
			{Para: &extract.Paragraph{Text: "三、收到和处理政府信息公开申请情况"}},
		}}
		res := Document(doc)
		if got := res.Values[tc.key]; (got == 7) != tc.placed {
			t.Errorf("%s: %s = %v, want the cut row's 7 placed there: %v", tc.name, tc.key, got, tc.placed)
		}
		if res.Values["active.punishment.prior_year_items"] == 1 != slices.Contains(tc.labels, "行政处罚") {
			t.Errorf("%s: the recognised row's value not read", tc.name)
		}
		kinds := map[schema.ProblemKind]bool{}
		for _, p := range res.Problems {
			kinds[p.Kind] = true
		}
		if tc.placed && !kinds[schema.ProblemGuessedRow] || !tc.placed && !kinds[schema.ProblemUnrecognisedRow] {
			t.Errorf("%s: problems %v, want the row's placing or its loss said", tc.name, res.Problems)
		}
	}
}

// TestGroupLabelNotItem: a label numbered as a group is (（六）) is not an
// item of a group, however like one it reads: OCR's （六）其他, cut from
// （六）其他处理, is the 2019 template's single row of other handling,
// placed between its neighbours, not the 2021 template's item 3.其他.
func TestGroupLabelNotItem(t *testing.T) {
	row := func(r int, label, figure string) []extract.Cell {
		var cs []extract.Cell
		for _, c := range cells(label, figure, "0", "0", "0", "0", "0", figure) {
			c.Row = r
			cs = append(cs, *c)
		}
		return cs
	}
	labels := []string{"一、本年新收政府信息公开申请数量", "（五）不予处理 5.要求行政机关确认或重新出具已获取信息", "（六）其他", "（七）总计"}
	var rows [][]extract.Cell
	for i, l := range labels {
		rows = append(rows, row(i, l, strconv.Itoa(1+i)))
	}
	res := Document(&extract.Document{Blocks: []extract.Block{
		{Para: &extract.Paragraph{Text: "三、收到和处理政府信息公开申请情况"}},
		{Table: &extract.Table{Index: 1, Rows: rows}},
	}})
	if got := res.Values["applications.other_handling.total.total"]; got != 3 {
		t.Errorf("other_handling.total.total = %v, want 3; values %v", got, res.Values)
	}
	if got, ok := res.Values["applications.other_handling.other.total"]; ok {
		t.Errorf("other_handling.other.total = %v, want none", got)
	}
}
