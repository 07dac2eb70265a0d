package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// flow lays text out the way a word processor does: from x (plus an
// indent on the first line) to right, breaking between CJK characters and
// between Latin words, one line every pitch points down from y. It
// returns the y of the next line.
func (p *testPDF) flow(b *bytes.Buffer, x, right, y, size, indent, pitch float64, text string) float64 {
	var units []string // CJK characters and Latin words with their space
	for _, f := range strings.SplitAfter(text, " ") {
		for len(f) > 0 {
			rs := []rune(f)
			if rs[0] >= 128 {
				units = append(units, string(rs[0]))
				f = string(rs[1:])
				continue
			}
			i := strings.IndexFunc(f, func(r rune) bool { return r >= 128 })
			if i < 0 {
				i = len(f)
			}
			units = append(units, f[:i])
			f = f[i:]
		}
	}
	line, x0 := "", x+indent
	for _, u := range units {
		if line != "" && x0+width(strings.TrimRight(line+u, " "), size) > right {
			p.text(b, x0, y, size, strings.TrimRight(line, " "))
			line, x0, y = "", x, y-pitch
		}
		line += u
	}
	if line != "" {
		p.text(b, x0, y, size, strings.TrimRight(line, " "))
		y -= pitch
	}
	return y
}

func TestParagraphs(t *testing.T) {
	const (
		left, right = 72.0, 520.0
		size, pitch = 16.0, 28.0
		em          = size
	)
	long := "本机关全年共受理政府信息公开申请十七件，均已在法定期限内予以答复，未发生因政府信息公开申请引起的行政复议和行政诉讼案件。"
	type para struct {
		text          string
		indent, space float64 // first-line indent; extra space above
		title         bool
	}
	cases := []struct {
		name  string
		pages [][]para
		want  []string
	}{{
		name: "indented paragraphs",
		pages: [][]para{{
			{text: long, indent: 2 * em},
			{text: long + long, indent: 2 * em},
		}},
		want: []string{long, long + long},
	}, {
		name: "short last lines without indent",
		pages: [][]para{{
			{text: long},
			{text: long + "其余" + long},
		}},
		want: []string{long, long + "其余" + long},
	}, {
		name: "headings are their own paragraphs",
		pages: [][]para{{
			{text: "一、总体情况", indent: 2 * em},
			{text: "（一）主动公开情况。" + long, indent: 2 * em},
			{text: "（二）依申请公开情况", indent: 2 * em},
		}},
		want: []string{"一、总体情况", "（一）主动公开情况。" + long, "（二）依申请公开情况"},
	}, {
		name: "title lines join",
		pages: [][]para{{
			{text: "某某区人民政府", title: true},
			{text: "2024年政府信息公开工作年度报告", title: true},
			{text: long, indent: 2 * em, space: 20},
		}},
		want: []string{"某某区人民政府2024年政府信息公开工作年度报告", long},
	}, {
		name: "paragraph spacing without indent",
		pages: [][]para{{
			{text: strings.Repeat("全年共受理申请十七件。", 5)},
			{text: strings.Repeat("全年共受理申请十七件。", 5), space: 10},
		}},
		want: []string{strings.Repeat("全年共受理申请十七件。", 5), strings.Repeat("全年共受理申请十七件。", 5)},
	}, {
		name: "across a page break, with header and page numbers",
		pages: [][]para{
			// 26 + 28 characters: two full lines, the first indented
			{{text: long, indent: 2 * em}, {text: strings.Repeat("政务公开工作持续推进", 5) + "政务公开", indent: 2 * em}},
			{{text: "各项工作有序开展。" + long}},
		},
		want: []string{long, strings.Repeat("政务公开工作持续推进", 5) + "政务公开" + "各项工作有序开展。" + long},
	}, {
		name: "Latin words keep a space at the wrap",
		pages: [][]para{{
			{text: "The annual report on government information disclosure of the district people's government for the year 2024 is published here in full."},
		}},
		want: []string{"The annual report on government information disclosure of the district people's government for the year 2024 is published here in full."},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPDF()
			for i, pg := range tc.pages {
				b := p.page()
				if len(tc.pages) > 1 { // furniture: a running header and page numbers
					p.text(b, 250, 800, 10, "某某区人民政府办公室")
					p.text(b, 290, 40, 12, "- "+string(rune('1'+i))+" -")
				}
				y := 740.0
				for _, pa := range pg {
					y -= pa.space
					if pa.title {
						w := width(pa.text, 22)
						p.text(b, (595-w)/2, y, 22, pa.text)
						y -= 34
						continue
					}
					y = p.flow(b, left, right, y, size, pa.indent, pitch, pa.text)
				}
			}
			doc, err := extractBytes(t, p.bytes())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, bl := range doc.Blocks {
				if bl.Para != nil {
					got = append(got, bl.Para.Text)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestJoinWrapped(t *testing.T) {
	for _, tc := range []struct {
		a     string
		trail bool
		b     string
		want  string
	}{
		{"申请", false, "17件", "申请17件"},
		{"全年共受理", false, "申请", "全年共受理申请"},
		{"annual", false, "report", "annual report"},
		{"电话：0517-", false, "87222589", "电话：0517-87222589"},
		{"共31", false, "19件", "共3119件"},
		{"分别为31", true, "19件", "分别为31 19件"},
		{"www.gov.cn/", false, "zwgk", "www.gov.cn/zwgk"},
		{"in 2024,", false, "the", "in 2024, the"},
	} {
		if got := joinWrapped(tc.a, tc.trail, tc.b); got != tc.want {
			t.Errorf("joinWrapped(%q, %v, %q) = %q, want %q", tc.a, tc.trail, tc.b, got, tc.want)
		}
	}
}

func TestPageNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"3": true, "- 3 -": true, "— 12 —": true, "第3页": true, "第 1 页 共 5 页": true,
		"共5页，第2页": true, "Page 2 of 6": true, "3/6": true,
		"2024年": false, "一、总体情况": false, "17件": false,
	} {
		if got := isPageNumber(s); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// isPageNumber answers as the regular expression it replaced, on mixes of
// the words, digits, marks and spaces of page numbers.
func TestPageNumberAsRegexp(t *testing.T) {
	pageNumber := regexp.MustCompile(`(?i)^[-—－–\s]*(` +
		`第\s*[0-9０-９]+\s*页(\s*[，,/、]?\s*共\s*[0-9０-９]+\s*页)?|` +
		`共\s*[0-9０-９]+\s*页\s*[，,/、]?\s*第\s*[0-9０-９]+\s*页|` +
		`(page\s*)?[0-9０-９]+(\s*(/|of)\s*[0-9０-９]+)?` +
		`)[-—－–\s]*$`)
	parts := []string{"第", "共", "页", "3", "12", "０", "９", "１2", "/", "，", ",", "、", "of", "OF", "Page", "pAGE", "pag",
		" ", "\t", "\n", "\u3000", "-", "—", "－", "–", "x", "年", "\xef\xbc", "\xff"}
	// Page numbers as printed, a part of each dropped or changed at random.
	forms := [][]string{
		{"-", " ", "第", " ", "3", " ", "页", " ", "，", " ", "共", " ", "12", " ", "页", " ", "—"},
		{"共", "１2", "页", "、", "第", "3", "页"},
		{"–", "Page", " ", "3", " ", "of", " ", "９"},
		{"－", "12", "/", "3", "\t"},
	}
	x := uint64(9)
	next := func(n int) int {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(n))
	}
	for i := range 200000 {
		var b strings.Builder
		if i%2 == 0 {
			for range 1 + next(9) {
				b.WriteString(parts[next(len(parts))])
			}
		} else {
			for _, w := range forms[next(len(forms))] {
				switch next(12) {
				case 0: // dropped
				case 1:
					b.WriteString(parts[next(len(parts))])
				default:
					b.WriteString(w)
				}
			}
		}
		if s := b.String(); isPageNumber(s) != pageNumber.MatchString(s) {
			t.Fatalf("isPageNumber(%q) = %v, the pattern says otherwise", s, isPageNumber(s))
		}
	}
}

// lastRune is the last rune ranging over the string gives, stray bytes
// and cut sequences included.
func TestLastRune(t *testing.T) {
	for _, s := range []string{"", "a", "申请", "申请a", "a\x80", "\xe4\xb8", "中\xe4\xb8", "\xe4\xb8\xad\x80", "\xff", "a\xf0\x9f\x98", "😀"} {
		var want rune
		for _, r := range s {
			want = r
		}
		if got := lastRune(s); got != want {
			t.Errorf("lastRune(%q) = %U, want %U", s, got, want)
		}
	}
}
