package normalize

import (
	"math/bits"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Label variants as published reports print them, applied to every label
// cell of the bundled samples: the values read must not change. The
// variants are the classes of labels-in-the-wild.tsv, made here so that
// the test does not depend on that file's rows.
var labelVariants = []struct {
	name string
	fn   func(string) string
}{
	{"core only", func(s string) string {
		if i := strings.IndexAny(s, "（("); i > 0 {
			return s[:i]
		}
		return s
	}},
	{"numbering restyled", func(s string) string {
		s = numberRestyle.ReplaceAllStringFunc(s, func(m string) string {
			switch {
			case strings.HasSuffix(m, "."), strings.HasSuffix(m, "．"):
				return strings.TrimRight(m, ".．") + "、"
			case strings.HasPrefix(m, "（"):
				return "(" + strings.Trim(m, "（）") + ")"
			}
			return m
		})
		return s
	}},
	{"letter-spaced", func(s string) string { return strings.Join(strings.Split(s, ""), " ") }},
	{"one letter a line", func(s string) string {
		if len([]rune(s)) > 8 {
			return s // vertical labels are short: 结果维持, 申请人情况
		}
		return strings.Join(strings.Split(s, ""), "\n")
	}},
	{"traditional", traditional},
}

var numberRestyle = regexp.MustCompile(`^\s*([0-9]+[.．]|（[一二三四五六七八九十]+）)`)

// traditional writes s in traditional characters, by the inverse of the
// table normalize simplifies with.
func traditional(s string) string {
	inv := map[rune]rune{}
	for i, t := range simplifiedFrom {
		if _, ok := inv[simplifiedTo[i]]; !ok {
			inv[simplifiedTo[i]] = t
		}
	}
	return strings.Map(func(r rune) rune {
		if t, ok := inv[r]; ok {
			return t
		}
		return r
	}, s)
}

func TestLabelVariants(t *testing.T) {
	inputs, _ := filepath.Glob("../samples/reports/*")
	if len(inputs) == 0 {
		t.Fatal("no samples")
	}
	for _, in := range inputs {
		want := Document(read(t, in)).Values
		for _, v := range labelVariants {
			doc := read(t, in)
			changed := 0
			for _, tb := range doc.Tables() {
				for r := range tb.Rows {
					for c := range tb.Rows[r] {
						cell := &tb.Rows[r][c]
						if _, isValue := parseValue(cell.Text); !isValue && cell.Text != "" {
							cell.Text = v.fn(cell.Text)
							changed++
						}
					}
				}
			}
			got := Document(doc).Values
			if changed == 0 {
				t.Errorf("%s, %s: no label changed", filepath.Base(in), v.name)
			}
			for k, w := range want {
				if g, ok := got[k]; !ok || g != w {
					t.Errorf("%s, labels %s: %s = %v (read %v), want %v", filepath.Base(in), v.name, k, g, ok, w)
				}
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("%s, labels %s: %s read, not in the original", filepath.Base(in), v.name, k)
				}
			}
		}
	}
}

// The generated table is in order, with a bit for each of its characters
// of the Basic Multilingual Plane and for no other: simplified trusts all
// three.
func TestSimplifiedTable(t *testing.T) {
	if !slices.IsSorted(simplifiedFrom[:]) || len(slices.Compact(slices.Clone(simplifiedFrom[:]))) != len(simplifiedFrom) {
		t.Fatal("simplifiedFrom is not in strict order")
	}
	set := 0
	for _, w := range simplifiedBMP {
		set += bits.OnesCount64(w)
	}
	inBMP := 0
	for i, r := range simplifiedFrom {
		if r < 0x10000 {
			inBMP++
			if simplifiedBMP[r>>6]&(1<<(r&63)) == 0 {
				t.Errorf("%c has no bit", r)
			}
		}
		if simplified(r) != simplifiedTo[i] || simplifiedTo[i] == r {
			t.Errorf("%c → %c, want %c", r, simplified(r), simplifiedTo[i])
		}
	}
	if set != inBMP {
		t.Errorf("%d bits set for %d characters", set, inBMP)
	}
	if got := strings.Map(simplified, "申請人情況"); got != "申请人情况" {
		t.Errorf("申請人情況 → %s", got)
	}
}
