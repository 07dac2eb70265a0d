package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// gcellSpec is a ruled table cell: grid position, spans, text.
type gcellSpec struct {
	r, c, rs, cs int
	text         string
}

// ruled draws a table with a rule around every cell: xs are the column
// edges, rows the row heights from top down.
func (p *testPDF) ruled(b *bytes.Buffer, xs []float64, top float64, rows []float64, cells []gcellSpec) {
	ys := []float64{top}
	for _, h := range rows {
		ys = append(ys, ys[len(ys)-1]-h)
	}
	b.WriteString("0.5 w\n")
	for _, c := range cells {
		x0, x1, y0, y1 := xs[c.c], xs[c.c+c.cs], ys[c.r+c.rs], ys[c.r]
		fmt.Fprintf(b, "%g %g m %g %g l %g %g l %g %g l h S\n", x0, y0, x1, y0, x1, y1, x0, y1)
		if c.text != "" {
			p.text(b, x0+2, (y0+y1)/2-4, 10, c.text)
		}
	}
}

func TestStitchAcrossPages(t *testing.T) {
	xs := []float64{60, 200, 260, 320, 380, 440}
	header := []gcellSpec{
		{0, 0, 2, 1, "项目"}, {0, 1, 2, 1, "自然人"}, {0, 2, 1, 2, "法人或其他组织"}, {0, 4, 2, 1, "总计"},
		{1, 2, 1, 1, "商业企业"}, {1, 3, 1, 1, "科研机构"},
	}
	row := func(r int, label string, nums ...int) []gcellSpec {
		cs := []gcellSpec{{r, 0, 1, 1, label}}
		for i, n := range nums {
			cs = append(cs, gcellSpec{r, i + 1, 1, 1, fmt.Sprint(n)})
		}
		return cs
	}
	blank := []gcellSpec{{0, 0, 1, 1, ""}, {0, 1, 1, 1, ""}, {0, 2, 1, 1, ""}, {0, 3, 1, 1, ""}, {0, 4, 1, 1, ""}}
	shift := func(cs []gcellSpec, by int) []gcellSpec {
		out := append([]gcellSpec(nil), cs...)
		for i := range out {
			out[i].r += by
		}
		return out
	}
	cases := []struct {
		name         string
		p1, p2       []gcellSpec
		h1, h2       []float64
		want         []string // the rows, cells joined with |
		noneContains string
	}{{
		name: "a header merged over two rows ends the page",
		p1:   header, h1: []float64{20, 20},
		p2: append(row(0, "一、本年新收", 47, 23, 3, 73), row(1, "二、上年结转", 0, 1, 0, 1)...), h2: []float64{20, 20},
		want: []string{"项目|自然人|法人或其他组织|总计", "商业企业|科研机构", "一、本年新收|47|23|3|73", "二、上年结转|0|1|0|1"},
	}, {
		name: "the next page starts with the empty rest of a cut row",
		p1:   append(header, row(2, "3.其他", 1, 2, 0, 3)...), h1: []float64{20, 20, 20},
		p2: append(blank, shift(row(0, "（七）总计", 5, 6, 7, 18), 1)...), h2: []float64{6, 20},
		want: []string{"项目|自然人|法人或其他组织|总计", "商业企业|科研机构", "3.其他|1|2|0|3", "（七）总计|5|6|7|18"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			b := p.page()
			var total float64
			for _, h := range tc.h1 {
				total += h
			}
			p.ruled(b, xs, 60+total, tc.h1, tc.p1) // at the bottom of page 1
			p.ruled(p.page(), xs, 780, tc.h2, tc.p2)
			doc, err := extractBytes(t, p.bytes())
			if err != nil {
				t.Fatal(err)
			}
			ts := doc.Tables()
			if len(ts) != 1 {
				t.Fatalf("%d tables, want one stitched table:\n%s", len(ts), dump(doc))
			}
			got := rowTexts(ts[0], false)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A header row at the foot of a page above a row of values at the head of
// the next (a browser's print of table 二) is two rows; a label cut by the
// break, with its values on one side, is one.
func TestRowCutHeaderAboveValues(t *testing.T) {
	tests := []struct {
		name string
		a, b map[int]string
		cut  bool
	}{
		{"header then values", map[int]string{0: "信息内容", 1: "本年处理决定数量"}, map[int]string{0: "行政许可", 1: "10690"}, false},
		{"label cut, values below", map[int]string{0: "（二）部分公开（区分处理的，", 1: ""}, map[int]string{0: "只计这一情形）", 1: "5"}, true},
		{"values above, label tail below", map[int]string{0: "（二）部分公开（区分", 1: "5"}, map[int]string{0: "处理的）", 1: ""}, true},
	}
	for _, tt := range tests {
		if got := rowCut(tt.a, tt.b); got != tt.cut {
			t.Errorf("%s: rowCut = %v, want %v", tt.name, got, tt.cut)
		}
	}
}

// A borderless table keeps its lines for stitching only where a stitch
// can happen: first or last on its page (margins aside), with value
// columns, or first under a header that ends the page before.
func TestDropUnstitchable(t *testing.T) {
	src := []srcLine{{l: &line{}}}
	body := func(y float64) item { return item{top: y, line: &textLine{text: "正文", y0: y - 10, y1: y}} }
	footer := item{top: 20, line: &textLine{text: "1", y0: 10, y1: 20}}
	for _, tc := range []struct {
		name  string
		vcols []float64
		at    int // the table's place among the page's items
		items []item
		prev  []*pageResult
		kept  bool
	}{
		{"between text", []float64{300}, 1, []item{body(700), {}, body(300)}, nil, false},
		{"last but for the footer", []float64{300}, 1, []item{body(700), {}, footer}, nil, true},
		{"first", []float64{300}, 0, []item{{}, body(300)}, nil, true},
		{"no value columns, no header before", nil, 0, []item{{}, body(300)}, []*pageResult{{n: 1}}, false},
		{"no value columns, under a header", nil, 0, []item{{}, body(300)}, []*pageResult{{n: 1, tail: src}}, true},
		{"no value columns, last", nil, 1, []item{body(700), {}}, []*pageResult{{n: 1, tail: src}}, false},
	} {
		tb := &ptable{vcols: tc.vcols, src: src}
		tc.items[tc.at] = item{top: 500, table: tb}
		pr := &pageResult{n: 2, height: 800, items: tc.items}
		pr.dropUnstitchable(tc.prev)
		if got := tb.src != nil; got != tc.kept {
			t.Errorf("%s: lines kept %v, want %v", tc.name, got, tc.kept)
		}
	}
}

// numericRE is the regular expression isNumber replaced, the reference
// it must agree with (spaces removed first, as its callers did).
var numericRE = regexp.MustCompile(`^[-+−]?[0-9０-９][0-9０-９,，.]*%?$`)

func FuzzIsNumber(f *testing.F) {
	for _, s := range []string{"", "12", "-3", "+ 4", "−5", "１２", "1,234.5", "12%", "12%%", "%", "-", "1-2", "1 2", "a1", "1a", "12，345", "--1", ".5", "5.", "\xff1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // text reaches isNumber as runes written out: valid UTF-8 (a space between two halves of a broken sequence would join them in the old way)
		}
		if got, want := isNumber(s), numericRE.MatchString(strings.ReplaceAll(s, " ", "")); got != want {
			t.Errorf("isNumber(%q) = %v, want %v", s, got, want)
		}
	})
}
