package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// Each set of words names each word once, and every set fits a class's
// bits; classOf gives a word the sets that list it, and no other.
func TestWordSets(t *testing.T) {
	if numWordSets > 64 {
		t.Fatalf("%d sets of words: a wordClass holds 64", numWordSets)
	}
	for s, ws := range setWords {
		if len(ws) == 0 {
			t.Errorf("set %d has no words", s)
		}
		for i, w := range ws {
			if slices.Contains(ws[:i], w) {
				t.Errorf("set %d names %q twice", s, w)
			}
		}
	}
	for _, ws := range setWords {
		for _, word := range ws {
			for _, w := range []string{word, word + "x", word[:len(word)-1]} {
				for s := range numWordSets {
					if got, want := s.has(w), slices.Contains(setWords[s], w); got != want {
						t.Errorf("set %d has %q: %v, want %v", s, w, got, want)
					}
				}
			}
		}
	}
}

// toLower is strings.ToLower: on every character it lets through, and on
// text mixing them with letters, digits, stray bytes and U+FFFD.
func TestToLower(t *testing.T) {
	for r := rune(0x3000); r < 0xA000; r++ {
		if unicode.ToLower(r) != r {
			t.Fatalf("%U has a lower case: toLower would keep it", r)
		}
	}
	for _, s := range []string{"", "abc", "ABC", "申请公开", "行政复议Ab12", "ＡＢ申请", "Ǆ申", "申\xff请", "\ufffdA", "İ申", "12件", "ΣΑΣ", "申请a-b"} {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Errorf("toLower(%q) = %q, strings.ToLower %q", s, got, want)
		}
	}
}
