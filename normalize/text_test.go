package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"

	"github.com/gongkai/gongkai/internal/mix"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		in    string
		n     float64
		ok    bool
		blank bool
		unit  string
	}{
		{"12", 12, true, false, ""},
		{"１２３", 123, true, false, ""},
		{" 1,204 ", 1204, true, false, ""},
		{"12,34", 0, false, false, ""},
		{"9116.36", 9116.36, true, false, ""},
		{"-18", -18, true, false, ""},
		{"－18", -18, true, false, ""},
		{"+12", 12, true, false, ""},
		{"75394432.52元", 75394432.52, true, false, "元"},
		{"12.5万元", 12.5, true, false, "万元"},
		{"3件", 3, true, false, "件"},
		{"7*", 7, true, false, ""},
		{"7①", 7, true, false, ""},
		{"", 0, true, true, ""},
		{"—", 0, true, true, ""},
		{"——", 0, true, true, ""},
		{"/", 0, true, true, ""},
		{"-", 0, true, true, ""},
		{"无", 0, true, true, ""},
		{"\u00a0", 0, true, true, ""},
		{"规章", 0, false, false, ""},
		{"2016年度", 0, false, false, ""},
		{"1.属于国家秘密", 0, false, false, ""},
		{"1.2.3", 0, false, false, ""},
		{"1.", 0, false, false, ""},
		{"增加2", 2, true, false, ""},
		{"减少 3", -3, true, false, ""},
		{"减", 0, false, false, ""},
		{"1.2万", 1.2, true, false, "万"},
		{"1、", 0, false, false, ""},
	}
	for _, tt := range tests {
		v, ok := parseValue(tt.in)
		if ok != tt.ok || ok && (v.n != tt.n || v.blank != tt.blank || v.unit != tt.unit) {
			t.Errorf("parseValue(%q) = %+v, %v; want %v %v blank=%v unit=%q", tt.in, v, ok, tt.n, tt.ok, tt.blank, tt.unit)
		}
	}
}

func TestSplitNumber(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		rest string
	}{
		{"1.属于国家秘密", 1, "属于国家秘密"},
		{"(三)不予公开", 3, "不予公开"},
		{"三.本年度办理结果", 3, "本年度办理结果"},
		{"(七)总计", 7, "总计"},
		{"12)其他", 12, "其他"},
		{"②重复申请", 2, "重复申请"},
		{"(十一)其他", 11, "其他"},
		{"三安全一稳定", 0, "三安全一稳定"},
		{"2024年", 0, "2024年"},
		{"总计", 0, "总计"},
	}
	for _, tt := range tests {
		n, rest := splitNumber(canon(tt.in))
		if n != tt.n || rest != tt.rest {
			t.Errorf("splitNumber(%q) = %d, %q; want %d, %q", tt.in, n, rest, tt.n, tt.rest)
		}
	}
}

func TestCanon(t *testing.T) {
	tests := map[string]string{
		"三 、本 年 度办 理 结果": "三.本年度办理结果",
		"（一）予以公开":        "(一)予以公开",
		"3. 危及“三安全一稳定”":  "3.危及三安全一稳定",
		"结 果\n维 持":       "结果维持",
		"本年收费金额（单位：万元）":  "本年收费金额(单位:万元)",
	}
	for in, want := range tests {
		if got := canon(in); got != want {
			t.Errorf("canon(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumberOf(t *testing.T) {
	for s, want := range map[string]int{"3": 3, "12": 12, "三": 3, "十": 10, "十二": 12, "二十三": 23, "两": 2, "一百零五": 105, "一百": 100} {
		if got := numberOf(s); got != want {
			t.Errorf("numberOf(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestCellValue: a cell OCR read as 一 holds a dash printed for 0; the same
// text in a text layer is no figure.
func TestCellValue(t *testing.T) {
	conf := 80.0
	for _, tc := range []struct {
		cell      extract.Cell
		blank, ok bool
	}{
		{extract.Cell{Text: "一", Confidence: &conf}, true, true},
		{extract.Cell{Text: "一一", Confidence: &conf}, true, true},
		{extract.Cell{Text: "一"}, false, false},
		{extract.Cell{Text: "一、", Confidence: &conf}, false, false},
		{extract.Cell{Text: "12", Confidence: &conf}, false, true},
	} {
		v, ok := cellValue(&tc.cell)
		if ok != tc.ok || v.blank != tc.blank {
			t.Errorf("%q (OCR %v): blank %v, ok %v; want %v, %v", tc.cell.Text, tc.cell.Confidence != nil, v.blank, ok, tc.blank, tc.ok)
		}
	}
}

// splitNumberRunes is splitNumber as it was, over a []rune of the label:
// the reference splitNumber must agree with.
func splitNumberRunes(s string) (int, string) {
	rs := []rune(s)
	if len(rs) > 0 && rs[0] >= '①' && rs[0] <= '⑳' {
		return int(rs[0]-'①') + 1, string(rs[1:])
	}
	open := len(rs) > 0 && strings.ContainsRune(openBrackets, rs[0])
	i := 0
	if open {
		i = 1
	}
	start := i
	for i < len(rs) && i-start < 3 && (isDigit(rs[i]) || strings.ContainsRune(chineseDigits, rs[i])) {
		i++
	}
	if i == start || i >= len(rs) {
		return 0, s
	}
	if open && !strings.ContainsRune(closeBrackets, rs[i]) || !open && !strings.ContainsRune(".,:)", rs[i]) {
		return 0, s
	}
	return numberOf(string(rs[start:i])), string(rs[i+1:])
}

// splitNumber reads a label in place as the []rune reading did, on every
// mix of numbers, brackets, separators, text and invalid bytes.
func TestSplitNumberAsRunes(t *testing.T) {
	parts := []string{"①", "⑳", "⑴", "(", "《", "【", "[", "1", "0", "9", "一", "十", "两", ")", "》", "]", ".", ",", ":", "、", " ", "申请", "a", "\xff", "\xe4\xb8", ""}
	for _, s := range mix.Strings(11, 20000, 6, mix.Pick(parts)) {
		n, rest := splitNumber(s)
		wn, wrest := splitNumberRunes(s)
		if n != wn || rest != wrest {
			t.Fatalf("splitNumber(%q) = %d, %q; as runes %d, %q", s, n, rest, wn, wrest)
		}
	}
}

// canon gives what rewrite gives with canon's mapping, on every mix of
// ASCII, spaces, dropped and folded characters, traditional ones and
// invalid bytes; and ASCII maps to itself, as canon's check assumes.
func TestCanonAsRewrite(t *testing.T) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if canonRune(c) != c {
			t.Fatalf("canon maps ASCII %q to %q", c, canonRune(c))
		}
	}
	parts := []string{"申请", "行政複議", "ａ", "１", "（", "）", "、", "．", "“", "”", "—", "\u3000", "\u00a0", " ", "\t", "\n", "\"", "'", "*", "※", "a", "1", ".", "\xff", "\xe4\xb8", "😀", ""}
	for _, s := range mix.Strings(5, 20000, 7, mix.Pick(parts)) {
		if got, want := canon(s), rewrite(s, canonRune, canonDrops); got != want {
			t.Fatalf("canon(%q) = %q, rewrite %q", s, got, want)
		}
	}
}

// isPageNumber and isSectionHeading tell most paragraphs apart before
// canonicalising them; they answer as the plain forms below do.
func TestParagraphChecksAsCanon(t *testing.T) {
	pageNumber := func(s string) bool {
		t := strings.Trim(strings.ReplaceAll(canon(s), "页", ""), "-第共/")
		return t != "" && len(t) <= 3 && isDigits(t)
	}
	sectionHeading := func(text string) bool {
		t := canon(text)
		n, rest := splitNumber(t)
		if n == 0 || len([]rune(rest)) > 30 || strings.HasPrefix(t, "(") {
			return false
		}
		return strings.ContainsRune(chineseDigits, []rune(t)[0])
	}
	parts := []string{"页", "-", "－", "第", "共", "/", "1", "１", "23", "一", "二", "十", "、", "．", " ", "　", "\t", "\xff", "（", "）", "(", "主动公开", "情况", "*", "\"", "※", "。"}
	for _, s := range append(mix.Strings(13, 20000, 7, mix.Pick(parts)), "", "- 3 -", "第12页", "二、主动公开政府信息情况") {
		if got, want := isPageNumber(s), pageNumber(s); got != want {
			t.Errorf("isPageNumber(%q) = %v, want %v", s, got, want)
		}
		if got, want := isSectionHeading(s), sectionHeading(s); got != want {
			t.Errorf("isSectionHeading(%q) = %v, want %v", s, got, want)
		}
	}
}
