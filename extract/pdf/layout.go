package pdf

import (
	"sort"
	"strings"
	"unicode"
)

// line is characters sharing a baseline, left to right.
type line struct {
	chars          []*char
	x0, x1, y0, y1 float64
	size           float64
}

func (l *line) text() string { return joinChars(l.chars) }

func (l *line) base() float64 { return l.chars[0].base }

// buildLines groups characters into lines: by baseline, then by x.
func buildLines(cs []*char) []*line {
	if len(cs) == 0 {
		return nil
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].base > cs[j].base })
	var lines []*line
	var cur *line
	var base float64
	for _, c := range cs {
		if cur == nil || base-c.base > 0.4*maxf(c.size, cur.size) {
			cur = &line{}
			lines = append(lines, cur)
			base = c.base
		}
		cur.chars = append(cur.chars, c)
		cur.size = maxf(cur.size, c.size)
	}
	for _, l := range lines {
		sort.SliceStable(l.chars, func(i, j int) bool { return l.chars[i].x0 < l.chars[j].x0 })
		l.chars = dedupe(l.chars)
		l.x0, l.y0 = l.chars[0].x0, l.chars[0].y0
		l.x1, l.y1 = l.chars[0].x1, l.chars[0].y1
		for _, c := range l.chars {
			l.x0, l.x1 = minf(l.x0, c.x0), maxf(l.x1, c.x1)
			l.y0, l.y1 = minf(l.y0, c.y0), maxf(l.y1, c.y1)
		}
	}
	return lines
}

// dedupe drops characters printed twice at almost the same place, the way
// some producers simulate bold.
func dedupe(cs []*char) []*char {
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.s == c.s && c.x0-p.x0 < 0.3*c.size && absf(c.base-p.base) < 0.2*c.size {
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
func joinChars(cs []*char) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			p := cs[i-1]
			if gapSpace(p, c) && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(c.s, " ") {
				b.WriteByte(' ')
			}
		}
		b.WriteString(c.s)
	}
	return strings.TrimSpace(b.String())
}

func gapSpace(p, c *char) bool {
	gap := c.x0 - p.x1
	size := maxf(p.size, c.size)
	if wide(lastRune(p.s)) || wide(firstRune(c.s)) {
		return gap > 1.5*size
	}
	if isDigit(lastRune(p.s)) && isDigit(firstRune(c.s)) {
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
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}

// joinLines joins the lines of one cell or paragraph: CJK text without a
// break, Latin text and numbers with a space so that they never glue.
func joinLines(parts []string) string {
	var b strings.Builder
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
