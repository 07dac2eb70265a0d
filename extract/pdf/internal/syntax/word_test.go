package syntax

import (
	"strconv"
	"strings"
	"testing"
)

// TestWordAllocs: the words a content stream is made of cost no
// allocation, and the names it repeats cost nothing more however often
// they come.
func TestWordAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts do not hold under the race detector")
	}
	allocs := func(src string, read func(lx *Lexer)) float64 {
		lx := &Lexer{B: []byte(src)}
		return testing.AllocsPerRun(100, func() { *lx = Lexer{B: lx.B}; read(lx) })
	}
	word := func(lx *Lexer) { lx.Word() }
	for _, tc := range []struct {
		name string
		src  string
		read func(lx *Lexer)
	}{
		{"operator", "Tj", word},
		{"dictionary key", "FlateDecode", word},
		{"cross-reference offset", "0000012345", func(lx *Lexer) { strconv.Atoi(string(lx.Token())) }},
	} {
		if n := allocs(tc.src, tc.read); n != 0 {
			t.Errorf("%s: %v allocations; want none", tc.name, n)
		}
	}
	stream := func(lx *Lexer) {
		for {
			if _, _, ok := lx.Next(); !ok {
				return
			}
		}
	}
	page := "/F1 12 Tf (a) Tj /F#32 9 Tf (b) Tj "
	if once, often := allocs(page, stream), allocs(strings.Repeat(page, 50), stream); once != often {
		t.Errorf("font names read once: %v allocations; 50 times: %v", once, often)
	}
}
