package pdf

import "testing"

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
