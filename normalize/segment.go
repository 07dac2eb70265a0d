package normalize

import (
	"math"
	"strings"
)

// cut splits s into words as gse's Cut(s, false) does with the domain
// dictionary — the same lookups, the same best route with its ties broken
// the same way (TestCutAsGse) — without gse's map of routes, its string a
// character and its regexp a word (its Cut was two fifths of the
// narrative's time).
func cut(s string) []string {
	dict := domainWords()
	// Lowered as gse does (its ToLower is on). ToLower's result is valid
	// UTF-8: a stray byte becomes U+FFFD, as in gse.
	low := strings.ToLower(s)
	// at[k] is where the k-th character starts; at[n] is the end.
	at := make([]int, 0, len(low)+1)
	for i := range low {
		at = append(at, i)
	}
	n := len(at)
	at = append(at, len(low))

	// For each character, the dictionary words that start there (their
	// last character and frequency), as gse's getDag finds them: longer
	// and longer prefixes while a word starts with them.
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
			freq, ok := dict.find(low[at[k]:at[i+1]])
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
	logT := math.Log(dict.total)
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
