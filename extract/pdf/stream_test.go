package pdf

import (
	"fmt"
	"strings"
	"testing"
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
