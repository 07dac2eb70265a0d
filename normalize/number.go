package normalize

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"
)

// value is a number read from a table cell.
type value struct {
	n        float64
	unit     string // "元", "万元", "亿元" when the cell prints one
	blank    bool   // printed as blank, "-", "/", "无": the template's 0
	repaired bool   // needed more than folding to read (separators, marks)
}

// blanks are what documents print where the template wants 0.
var blanks = map[string]bool{"": true, "-": true, "--": true, "---": true, "/": true, "无": true, "\\": true}

// units that may follow a number in a cell.
var units = []string{"万元", "亿元", "元", "万", "件", "条", "个", "次", "项", "份"}

// signWords are the words 本年增/减 cells may print instead of a sign.
var signWords = []struct {
	word string
	sign float64
}{{"增加", 1}, {"新增", 1}, {"增", 1}, {"减少", -1}, {"减", -1}}

// foldValue is a cell's text folded, without spaces: the text itself,
// not a copy, when that changes nothing (parseValue runs on every cell,
// several times).
func foldValue(text string) string {
	return rewrite(text, fold, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u200b' || r == '\ufeff'
	})
}

// cellValue is the value a table cell prints. A cell OCR read as 一 alone
// holds a dash printed for 0 (—): the Chinese model reads the one as the
// other, and no report prints the character 一 for a figure.
func cellValue(c *extract.Cell) (value, bool) {
	if c.Confidence != nil && c.Text != "" && strings.Trim(c.Text, "一 ") == "" {
		return value{blank: true}, true
	}
	return parseValue(c.Text)
}

// parseValue reads a cell as a number: full-width digits, thousands
// separators, decimals, signs and footnote marks are handled; anything else
// is not a value.
func parseValue(text string) (value, bool) {
	s := foldValue(text)
	if blanks[s] {
		return value{blank: true}, true
	}
	var v value
	sign := 1.0
	for _, w := range signWords {
		if t, ok := strings.CutPrefix(s, w.word); ok && t != "" {
			s, sign, v.repaired = t, w.sign, true
			break
		}
	}
	for _, u := range units {
		if t, ok := strings.CutSuffix(s, u); ok {
			s, v.unit = t, u
			break
		}
	}
	// Footnote marks after the number: 12*, 12※, 12①, 12[1]. All but *
	// are beyond ASCII: a text ending in another ASCII byte, as nearly
	// all do, has none to trim (TrimRight with such a cutset was 1% of a
	// document's time).
	if n := len(s); n > 0 && (s[n-1] == '*' || s[n-1] >= utf8.RuneSelf) {
		if t := strings.TrimRight(s, "*※①②③④⑤⑥⑦⑧⑨"); t != s {
			s, v.repaired = t, true
		}
	}
	if i := strings.Index(s, "["); i > 0 && strings.HasSuffix(s, "]") {
		s, v.repaired = s[:i], true
	}
	if strings.Contains(s, ",") {
		if !thousands(s) {
			return value{}, false
		}
		s, v.repaired = strings.ReplaceAll(s, ",", ""), true
	}
	s = strings.TrimPrefix(s, "+")
	// "1." and "1" before a label are item numbers, not values.
	if s == "" || strings.HasSuffix(s, ".") || !strings.ContainsAny(s, "0123456789") {
		return value{}, false
	}
	for _, r := range s {
		if !(isDigit(r) || r == '.' || r == '-') {
			return value{}, false
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return value{}, false
	}
	v.n = sign * n
	return v, true
}

// thousands reports whether commas in s separate groups of three digits.
func thousands(s string) bool {
	intPart, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// inWan converts an amount to 万元, the template's unit, from the unit the
// cell or its header prints.
func inWan(n float64, unit string) float64 {
	switch unit {
	case "万":
		return n
	case "元":
		return n / 10000
	case "亿元":
		return n * 10000
	}
	return n
}
