package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

// borderless draws table 三's outcome rows without rules, the way
// LibreOffice prints a table whose borders were removed: items centred in
// their column, group labels wrapped over two lines beside the middle of
// their items, and the outer vertical label set so close to a group label
// (gap) that only the alignment of the group labels separates them.
func borderless(gap float64) []byte {
	const size, pitch = 9.0, 13.0
	groups := []struct {
		label [2]string
		items []string
	}{
		{[2]string{"(三)不予", "公开"}, []string{"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益"}},
		{[2]string{"(四)无法", "提供"}, []string{"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"}},
		{[2]string{"(五)不予", "处理"}, []string{"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物"}},
	}
	p := newTestPDF()
	b := p.page()
	const groupX = 114.7
	y := 700.0
	for g, gr := range groups {
		mid := y - pitch*float64(len(gr.items)-1)/2
		p.text(b, groupX, mid+pitch/2, size, gr.label[0])
		p.text(b, groupX+(width(gr.label[0], size)-width(gr.label[1], size))/2, mid-pitch/2, size, gr.label[1])
		if g == 1 { // the outer label, centred on the middle group
			outer := "三、本年度办"
			p.text(b, groupX-gap*size-width(outer, size), mid+pitch/2, size, outer)
			p.text(b, groupX-gap*size-width(outer, size)/2-width("理结果", size)/2, mid-pitch/2, size, "理结果")
		}
		for i, it := range gr.items {
			p.text(b, 242-width(it, size)/2, y, size, it)
			for c := range 3 {
				p.text(b, 350+40*float64(c), y, size, fmt.Sprint(g*10+i+c))
			}
			y -= pitch
		}
	}
	return p.bytes()
}

func TestBorderlessNestedLabels(t *testing.T) {
	for _, gap := range []float64{0.29, 0.6, 1.5} {
		t.Run(fmt.Sprint(gap), func(t *testing.T) {
			doc, err := extractBytes(t, borderless(gap))
			if err != nil {
				t.Fatal(err)
			}
			ts := doc.Tables()
			if len(ts) != 1 {
				t.Fatalf("%d tables, want 1:\n%s", len(ts), dump(doc))
			}
			// every cell whole, none glued to its neighbour
			want := map[string]bool{"三、本年度办理结果": false, "(四)无法提供": false, "(三)不予公开": false, "(五)不予处理": false, "2.没有现成信息需要另行制作": false}
			for _, row := range ts[0].Rows {
				for _, c := range row {
					if _, ok := want[squash(c.Text)]; ok {
						want[squash(c.Text)] = true
					}
				}
			}
			for s, found := range want {
				if !found {
					t.Errorf("no cell %q:\n%s", s, dump(doc))
				}
			}
		})
	}
}

// rowTexts renders a table's rows as "cell|cell|…", spaces squashed; with
// pages, each cell as "text@page" and empty cells left out.
func rowTexts(tab *extract.Table, pages bool) []string {
	var out []string
	for _, row := range tab.Rows {
		var cs []string
		for _, c := range row {
			switch {
			case !pages:
				cs = append(cs, squash(c.Text))
			case c.Text != "":
				cs = append(cs, fmt.Sprintf("%s@%d", squash(c.Text), c.Page))
			}
		}
		out = append(out, strings.Join(cs, "|"))
	}
	return out
}

// TestNarrativeIsNoTable: justified running text full of figures stays
// paragraphs.
func TestNarrativeIsNoTable(t *testing.T) {
	p := newTestPDF()
	b := p.page()
	text := strings.Repeat("2024年，全区共受理政府信息公开申请17件，办结15件，结转2件；主动公开政府信息2428条，公开政府常务会议7期，解读信息发布7条。", 4)
	y := p.flow(b, 72, 520, 740, 16, 32, 28, text)
	p.flow(b, 72, 520, y, 16, 32, 28, text)
	doc, err := extractBytes(t, p.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Tables()) != 0 {
		t.Errorf("narrative read as a table:\n%s", dump(doc))
	}
	if n := strings.Count(dump(doc), "\nP"); n != 2 {
		t.Errorf("%d paragraphs, want 2:\n%s", n, dump(doc))
	}
}

// TestBorderlessWrappedLabels: labels wrapped over several lines, with
// their row's numbers on the middle line, each stay whole with their row.
func TestBorderlessWrappedLabels(t *testing.T) {
	const size = 10.0
	rows := []struct {
		label []string // the label's lines
		nums  int      // the line the numbers are on
	}{
		{[]string{"1.申请人无正当理由逾期", "不补正、行政机关不再处", "理其政府信息公开申请"}, 1},
		{[]string{"2.申请人逾期未按收费通", "知要求缴纳费用、行政机", "关不再处理其政府信息公", "开申请"}, 2},
		{[]string{"3.其他"}, 0},
		{[]string{"4.重复申请"}, 0},
	}
	p := newTestPDF()
	b := p.page()
	y := 700.0
	for i, r := range rows {
		for k, s := range r.label {
			p.text(b, 100, y, size, s)
			if k == r.nums {
				for c := range 3 {
					p.text(b, 260+40*float64(c), y, size, fmt.Sprint(10*i+c))
				}
			}
			y -= 15 // one line
		}
		y -= 8 // cell padding between rows
	}
	doc, err := extractBytes(t, p.bytes())
	if err != nil {
		t.Fatal(err)
	}
	ts := doc.Tables()
	if len(ts) != 1 {
		t.Fatalf("%d tables:\n%s", len(ts), dump(doc))
	}
	got := rowTexts(ts[0], false)
	want := []string{
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请|0|1|2",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请|10|11|12",
		"3.其他|20|21|22",
		"4.重复申请|30|31|32",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBorderlessAcrossPages: a borderless table continued on the next page
// is one table, whether the break cuts its rows or leaves its header alone
// at the bottom of the page.
func TestBorderlessAcrossPages(t *testing.T) {
	const size, pitch = 10.0, 18.0
	header := [][2]string{{"", "申请人情况"}, {"项目", "自然人 法人 总计"}}
	items := []string{"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
		"4.信访举报投诉类申请", "5.重复申请", "6.要求提供公开出版物"}
	draw := func(p *testPDF, b *bytes.Buffer, y float64, hdr bool, rows []int) {
		if hdr {
			p.text(b, 72, y+40, 16, "三、收到和处理政府信息公开申请情况")
			for _, h := range header {
				p.text(b, 80, y, size, h[0])
				for k, s := range strings.Fields(h[1]) {
					p.text(b, 300+60*float64(k), y, size, s)
				}
				y -= pitch
			}
		}
		for _, i := range rows {
			p.text(b, 80, y, size, items[i])
			for c := range 3 {
				p.text(b, 300+60*float64(c), y, size, fmt.Sprint(10*i+c))
			}
			y -= pitch
		}
	}
	for _, tc := range []struct {
		name   string
		p1, p2 []int
	}{
		{"the break cuts the rows", []int{0, 1, 2}, []int{3, 4, 5}},
		{"the header alone ends the page", nil, []int{0, 1, 2, 3, 4, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			b := p.page()
			p.flow(b, 72, 520, 760, 12, 24, 20, strings.Repeat("全年共受理政府信息公开申请十七件，均已按期答复。", 3))
			draw(p, b, 60+pitch*float64(len(tc.p1)+1), true, tc.p1)
			draw(p, p.page(), 780, false, tc.p2)
			doc, err := extractBytes(t, p.bytes())
			if err != nil {
				t.Fatal(err)
			}
			ts := doc.Tables()
			if len(ts) != 1 {
				t.Fatalf("%d tables, want one:\n%s", len(ts), dump(doc))
			}
			got := rowTexts(ts[0], true)
			first := 1 // the page of the first item's row
			if len(tc.p1) == 0 {
				first = 2
			}
			want1 := fmt.Sprintf("1.本机关不掌握相关政府信息@%d|0@%[1]d|1@%[1]d|2@%[1]d", first)
			if ts[0].Page != 1 || len(got) != 8 || got[2] != want1 || got[7] != "6.要求提供公开出版物@2|50@2|51@2|52@2" {
				t.Errorf("table on page %d, rows\n%s", ts[0].Page, strings.Join(got, "\n"))
			}
		})
	}
}
