package normalize

import (
	"math"
	"strings"
	"unicode/utf8"
)

// cut splits s into words as gse's Cut(s, false) does — the same
// dictionary, the same lookups, the same best route with its ties broken
// the same way (TestCutAsGse) — with gse's parts that serve (the
// dictionary's trie) and without those that do not: gse builds a map of
// the routes and a string for every character, and matches a regexp for
// every word: its Cut was two fifths of the narrative's time.
func cut(s string) []string {
	seg := segmenter()
	low := strings.ToLower(s) // as gse does (its ToLower is on)
	if !utf8.ValidString(low) {
		return seg.Cut(s, false) // its runes would not be the bytes
	}
	b := []byte(low)
	// at[k] is where the k-th character starts; at[n] is the end.
	at := make([]int, 0, len(b)+1)
	for i := range low {
		at = append(at, i)
	}
	n := len(at)
	at = append(at, len(b))

	// For each character, the dictionary words that start there (their
	// last character and frequency), as gse's getDag finds them: longer
	// and longer prefixes while the trie holds them.
	type word struct {
		last int
		freq float64
	}
	words := make([]word, 0, 2*n)
	from := make([]int, n+1) // words[from[k]:from[k+1]] start at k
	first := make([]struct {
		freq float64
		ok   bool
	}, n) // the lookup of the character alone
	for k := range n {
		from[k] = len(words)
		for i := k; i < n; i++ {
			freq, _, ok := seg.Dict.Find(b[at[k]:at[i+1]])
			if i == k {
				first[k].freq, first[k].ok = freq, ok
			}
			if !ok {
				break
			}
			if freq > 0 {
				words = append(words, word{i, freq})
			}
		}
	}
	from[n] = len(words)

	// The best route from each character to the end, from the last
	// character back, as gse's calc computes it.
	logT := math.Log(seg.Dict.TotalFreq())
	score := make([]float64, n+1)
	next := make([]int, n+1) // the last character of the word chosen at k
	for k := n - 1; k >= 0; k-- {
		set := false
		try := func(last int, f float64) {
			if !set || score[k] < f || score[k] == f && next[k] < last {
				score[k], next[k], set = f, last, true
			}
		}
		if from[k] == from[k+1] { // no word: the character alone
			if first[k].ok {
				try(k, math.Log(first[k].freq)-logT+score[k+1])
			} else {
				try(k, math.Log(1.0)-logT+score[k+1])
			}
		}
		for _, w := range words[from[k]:from[k+1]] {
			try(w.last, math.Log(w.freq)-logT+score[w.last+1])
		}
	}

	// The words of the route; single letters and digits in a row are one
	// word, as gse joins them.
	out := make([]string, 0, n/2+1)
	run := -1 // where a run of single letters and digits starts
	for k := 0; k < n; {
		end := next[k] + 1
		if end == k+1 && isASCIIAlnum(low[at[k]]) {
			if run < 0 {
				run = at[k]
			}
			k = end
			continue
		}
		if run >= 0 {
			out = append(out, low[run:at[k]])
			run = -1
		}
		out = append(out, low[at[k]:at[end]])
		k = end
	}
	if run >= 0 {
		out = append(out, low[run:])
	}
	return out
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
