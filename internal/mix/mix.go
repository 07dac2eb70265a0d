// Package mix makes test inputs: strings of parts drawn by a fixed
// xorshift generator, the same ones every run. Tests hold a rewrite to what
// it replaced (a regular expression, a []rune walk) on many such mixes.
package mix

import "strings"

// Strings returns n strings of 1 to most parts each, the parts drawn by a
// xorshift generator started at seed: part gives a part for the
// generator's state.
func Strings(seed uint64, n, most int, part func(x uint64) string) []string {
	x := seed
	out := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for range 1 + int(x%uint64(most)) {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			b.WriteString(part(x))
		}
		out = append(out, b.String())
	}
	return out
}

// Pick is a part function for Strings drawing from parts.
func Pick(parts []string) func(x uint64) string {
	return func(x uint64) string { return parts[x%uint64(len(parts))] }
}
