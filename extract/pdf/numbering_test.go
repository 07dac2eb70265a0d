package pdf

import (
	"regexp"
	"testing"

	"github.com/gongkai/gongkai/internal/mix"
)

func TestLeadingNumber(t *testing.T) {
	tests := []struct {
		s           string
		item, label bool
		heading     bool
		number      int
		rest        string
	}{
		{"1.予以公开", true, true, false, 1, "予以公开"},
		{" 12、其他", true, true, false, 12, "其他"},
		{"３．全角", true, true, false, 3, "全角"},
		{"（三）不予公开", true, true, false, 0, "不予公开"},
		{"(四)无法提供", true, true, false, 0, "无法提供"},
		{"（三", false, true, false, 0, ""},
		{"四、政府信息公开", true, true, true, 0, "政府信息公开"},
		{"1.5", true, true, false, 1, "5"},
		{"总计", false, false, false, 0, ""},
		{"2021年", false, false, false, 0, ""},
	}
	for _, tt := range tests {
		rest, ok := afterItem(tt.s)
		if startsItem(tt.s) != tt.item || startsLabel(tt.s) != tt.label || isSectionHeading(tt.s) != tt.heading ||
			itemNumber(tt.s) != tt.number || ok != tt.item || rest != tt.rest {
			t.Errorf("%q: item %v label %v heading %v number %d rest %q", tt.s, startsItem(tt.s), startsLabel(tt.s), isSectionHeading(tt.s), itemNumber(tt.s), rest)
		}
	}
	if startsHeading("1.5") || !startsHeading("1.总体情况") {
		t.Error("startsHeading: a decimal is no heading")
	}
}

// leadingNumber reads what the regular expression it replaced matched:
// the kind, the value and the end, on mixes of numbers, numerals, marks,
// spaces and broken bytes.
func TestLeadingNumberAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^\s*(?:([0-9０-９]+)\s*[.．、]|[（(]\s*[一二三四五六七八九十]+\s*([）)])?|[一二三四五六七八九十]+\s*(、))`)
	want := func(s string) (numberKind, int, int) {
		m := re.FindStringSubmatchIndex(s)
		switch {
		case m == nil:
			return noNumber, 0, 0
		case m[2] >= 0:
			return arabicNumber, arabicValue(s[m[2]:m[3]]), m[1]
		case m[6] >= 0:
			return headingNumber, 0, m[1]
		case m[4] >= 0:
			return parenNumber, 0, m[1]
		}
		return openParenNumber, 0, m[1]
	}
	parts := []string{"1", "12", "３", "０", "9", ".", "．", "、", "（", "(", "）", ")", "三", "十", "一", "百",
		" ", "\t", "\n", "\u3000", "予以", "x", "\xef\xbc", "\xff"}
	for _, s := range mix.Strings(13, 100000, 7, mix.Pick(parts)) {
		k, n, end := leadingNumber(s)
		if wk, wn, wend := want(s); k != wk || n != wn || end != wend {
			t.Fatalf("leadingNumber(%q) = %d, %d, %d; the pattern: %d, %d, %d", s, k, n, end, wk, wn, wend)
		}
	}
}
