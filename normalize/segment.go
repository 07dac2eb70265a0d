package normalize

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/freelist"
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
	low := toLower(s)
	sc, ok := cutScratches.Get()
	if !ok {
		sc = new(cutScratch)
	}
	defer func() {
		if cap(sc.at) <= maxKeptCut {
			cutScratches.Put(sc)
		}
	}()
	// at[k] is where the k-th character starts; at[n] is the end.
	at := sc.at[:0]
	for i := range low {
		at = append(at, i)
	}
	n := len(at)
	at = append(at, len(low))
	sc.at = at

	// For each character, the dictionary words that start there (their
	// last character and frequency), as gse's getDag finds them: longer
	// and longer prefixes while a word starts with them.
	words := sc.words[:0]
	from := grown(sc.from, n+1) // words[from[k]:from[k+1]] start at k
	first := grown(sc.first, n) // the lookup of the character alone
	for k := range n {
		from[k] = len(words)
		first[k] = cutLookup{word: -1}
		// The words that start with the prefix are a run of the list, which
		// each longer prefix narrows: its search starts where the last one
		// ended, and the character is looked up once.
		lo, hi := dict.startingWith(low[at[k]:])
		for i := k; i < n && lo < hi; i++ {
			word, next, ok := dict.find(lo, hi, low[at[k]:at[i+1]])
			if i == k {
				first[k].word, first[k].ok = word, ok
			}
			if !ok {
				break
			}
			if word >= 0 {
				words = append(words, cutWord{i, dict.logFreq[word]})
			}
			lo = next
		}
	}
	from[n] = len(words)
	sc.words, sc.from, sc.first = words, from, first

	// The best route from each character to the end, from the last
	// character back, as gse's calc computes it.
	logT := math.Log(dict.total)
	score := grown(sc.score, n+1)
	next := grown(sc.next, n+1) // the last character of the word chosen at k
	sc.score, sc.next = score, next
	for k := n - 1; k >= 0; k-- {
		set := false
		try := func(last int, f float64) {
			if !set || score[k] < f || score[k] == f && next[k] < last {
				score[k], next[k], set = f, last, true
			}
		}
		if from[k] == from[k+1] { // no word: the character alone
			switch {
			case !first[k].ok:
				try(k, math.Log(1.0)-logT+score[k+1])
			case first[k].word < 0: // a word's start, no word: gse's log of 0
				try(k, math.Inf(-1)-logT+score[k+1])
			}
		}
		for _, w := range words[from[k]:from[k+1]] {
			try(w.last, w.logFreq-logT+score[w.last+1])
		}
	}

	// The words of the route; single letters and digits in a row are one
	// word, as gse joins them. They are counted first: the slice is made
	// once (grown, it was two thirds of cut's bytes).
	count := 0
	for k, inRun := 0, false; k < n; k = next[k] + 1 {
		single := next[k] == k && isASCIIAlnum(low[at[k]])
		if !single || !inRun {
			count++
		}
		inRun = single
	}
	out := make([]string, 0, count)
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

// cutScratch is cut's working memory, kept for the next sentence: making
// it afresh was a twentieth of a document's garbage.
type cutScratch struct {
	at, from, next []int
	words          []cutWord
	first          []cutLookup
	score          []float64
}

// cutWord is a dictionary word found at a character: its last character
// and its frequency's log.
type cutWord struct {
	last    int
	logFreq float64
}

// cutLookup is the dictionary's answer for a character alone.
type cutLookup struct {
	word int
	ok   bool
}

var cutScratches = freelist.New[*cutScratch](4)

// maxKeptCut bounds the sentences, in characters, whose scratch is kept: a
// damaged document's page-long "sentence" does not pin its memory.
const maxKeptCut = 4096

// grown is s with length n, its elements zero.
func grown[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}

// toLower is strings.ToLower, without its lookup in Unicode's case tables
// for each character of Chinese text, which has none: the characters from
// U+3000 to U+9FFF (CJK punctuation, kana, ideographs) map to themselves
// (TestToLower).
func toLower(s string) string {
	for _, r := range s {
		if r >= 0x3000 && r < 0xA000 || r < utf8.RuneSelf && (r < 'A' || r > 'Z') {
			continue
		}
		return strings.ToLower(s)
	}
	return s
}
