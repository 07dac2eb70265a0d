package pdf

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"
)

// line is characters sharing a baseline, left to right.
type line struct {
	chars          []*content.Char
	x0, x1, y0, y1 float64
	size           float64
}

func (l *line) text() string { return joinChars(l.chars) }

func (l *line) base() float64 { return l.chars[0].Base }

// buildLines groups characters into lines: by baseline, then by x.
func buildLines(cs []*content.Char) []*line {
	var lb lineBuf
	return lb.build(cs)
}

// lineBuf holds the lines it builds until its next build: the lines of a
// table cell are read for their text and dropped, and cells are most of a
// page's builds (two allocations a cell were a seventh of a document's).
type lineBuf struct {
	slab  []line
	lines []*line
}

// build is buildLines, in the buffer's memory.
func (lb *lineBuf) build(cs []*content.Char) []*line {
	if len(cs) == 0 {
		return nil
	}
	// slices, not sort: buildLines runs for every cell, and sort.SliceStable
	// allocates twice a call.
	slices.SortStableFunc(cs, func(a, b *content.Char) int { return order(b.Base, a.Base) })
	// A line's characters are a run of cs, sorted by baseline: each line
	// takes its run, capped so that an append cannot run into the next.
	// The runs are counted first, so that the lines are one allocation.
	runs := func(yield func(start, end int)) {
		start, base, size := 0, cs[0].Base, 0.0
		for i, c := range cs {
			if base-c.Base > 0.4*maxf(c.Size, size) {
				yield(start, i)
				start, base, size = i, c.Base, 0
			}
			size = maxf(size, c.Size)
		}
		yield(start, len(cs))
	}
	n := 0
	runs(func(int, int) { n++ })
	if cap(lb.slab) < n {
		lb.slab, lb.lines = make([]line, n), make([]*line, 0, n)
	}
	slab, lines := lb.slab[:n], lb.lines[:0]
	clear(slab)
	runs(func(start, end int) {
		l := &slab[len(lines)]
		l.chars = cs[start:end:end]
		for _, c := range l.chars {
			l.size = maxf(l.size, c.Size)
		}
		lines = append(lines, l)
	})
	for _, l := range lines {
		slices.SortStableFunc(l.chars, func(a, b *content.Char) int { return order(a.X0, b.X0) })
		l.chars = dedupe(l.chars)
		l.x0, l.y0 = l.chars[0].X0, l.chars[0].Y0
		l.x1, l.y1 = l.chars[0].X1, l.chars[0].Y1
		for _, c := range l.chars {
			l.x0, l.x1 = minf(l.x0, c.X0), maxf(l.x1, c.X1)
			l.y0, l.y1 = minf(l.y0, c.Y0), maxf(l.y1, c.Y1)
		}
	}
	return lines
}

// order compares as a sort's less would: NaN, which is neither less nor
// greater, is equal to anything.
func order(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// dedupe drops characters printed twice at almost the same place, the way
// some producers simulate bold.
func dedupe(cs []*content.Char) []*content.Char {
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.S == c.S && c.X0-p.X0 < 0.3*c.Size && absf(c.Base-p.Base) < 0.2*c.Size {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// joinChars writes a line's characters, putting a space where the gap
// between two characters is wide: a word break between Latin letters or
// digits, or a clear gap between CJK characters.
func joinChars(cs []*content.Char) string {
	if len(cs) == 1 { // a figure such as 0: its own string, no copy
		return strings.TrimSpace(cs[0].S)
	}
	var b strings.Builder
	n := 0
	for _, c := range cs {
		n += len(c.S) + 1
	}
	b.Grow(n) // one allocation, not one a doubling
	for i, c := range cs {
		if i > 0 {
			p := cs[i-1]
			if gapSpace(p, c) && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(c.S, " ") {
				b.WriteByte(' ')
			}
		}
		b.WriteString(c.S)
	}
	return strings.TrimSpace(b.String())
}

func gapSpace(p, c *content.Char) bool {
	gap := c.X0 - p.X1
	size := maxf(p.Size, c.Size)
	if wide(lastRune(p.S)) || wide(firstRune(c.S)) {
		return gap > 1.5*size
	}
	if isDigit(lastRune(p.S)) && isDigit(firstRune(c.S)) {
		return gap > 0.15*size // never glue two numbers
	}
	return gap > 0.2*size
}

// wide reports CJK characters and full-width punctuation: text that is
// joined without spaces.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s) // U+FFFD for a stray byte, as ranging reads it
	return r
}

// joinLines joins the lines of one cell or paragraph: CJK text without a
// break, Latin text and numbers with a space so that they never glue.
func joinLines(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	var b strings.Builder
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b.Grow(n)
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			s := b.String()
			if !wide(lastRune(s)) && !wide(firstRune(p)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func absf(a float64) float64 {
	if a < 0 {
		return -a
	}
	return a
}
