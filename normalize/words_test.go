package normalize

import (
	"slices"
	"testing"
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
