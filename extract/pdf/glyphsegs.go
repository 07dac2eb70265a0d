package pdf

import "github.com/gongkai/gongkai/extract/pdf/internal/content"

// Some producers draw bold text as outlines; glyphs made of straight
// strokes (一, 十, 申) then look like tiny ruled boxes. A segment that lies
// inside a character's box is part of a glyph, not a ruling.

const bucket = 24.0

// charIndex finds characters by position: a grid of buckets, and apart
// the few characters too large for it (a damaged size would otherwise
// fill millions of buckets).
type charIndex struct {
	grid map[[2]int][]*content.Char
	big  []*content.Char
}

// maxBuckets bounds the buckets one character is filed under.
const maxBuckets = 64

func indexChars(cs []content.Char) charIndex {
	ix := charIndex{grid: map[[2]int][]*content.Char{}}
	for i := range cs {
		c := &cs[i]
		x0, x1, y0, y1 := c.X0/bucket, c.X1/bucket, c.Y0/bucket, c.Y1/bucket
		if !((x1-x0+1)*(y1-y0+1) <= maxBuckets) { // NaN too
			ix.big = append(ix.big, c)
			continue
		}
		for x := int(x0); x <= int(x1); x++ {
			for y := int(y0); y <= int(y1); y++ {
				ix.grid[[2]int{x, y}] = append(ix.grid[[2]int{x, y}], c)
			}
		}
	}
	return ix
}

// inChar reports whether s lies inside c's box, with a margin.
func inChar(s content.Seg, c *content.Char) bool {
	m := 0.15 * c.Size
	return s.X0 >= c.X0-m && s.X1 <= c.X1+m && s.Y0 >= c.Y0-m && s.Y1 <= c.Y1+m
}

func (ix charIndex) inGlyph(s content.Seg) bool {
	mx, my := (s.X0+s.X1)/2, (s.Y0+s.Y1)/2
	for _, c := range ix.grid[[2]int{int(mx / bucket), int(my / bucket)}] {
		if inChar(s, c) {
			return true
		}
	}
	for _, c := range ix.big {
		if inChar(s, c) {
			return true
		}
	}
	return false
}

// dropGlyphSegs removes, from each of ss, the segments that lie inside a
// character's box: parts of glyph outlines. Only segments no longer than
// the widest or tallest character can; on most pages there are none, or
// so few that testing them against every character is cheaper than the
// index (which was an eighth of the memory a page allocated).
func dropGlyphSegs(cs []content.Char, ss ...*[]content.Seg) {
	var w, h float64
	for i := range cs {
		c := &cs[i]
		m := 0.3 * c.Size
		if d := c.X1 - c.X0 + m; d > w {
			w = d
		}
		if d := c.Y1 - c.Y0 + m; d > h {
			h = d
		}
	}
	small := 0
	for _, s := range ss {
		for _, g := range *s {
			if g.X1-g.X0 <= w && g.Y1-g.Y0 <= h {
				small++
			}
		}
	}
	if small == 0 {
		return
	}
	in := func(g content.Seg) bool {
		for i := range cs {
			if inChar(g, &cs[i]) {
				return true
			}
		}
		return false
	}
	if small*len(cs) > 1<<18 { // some 0.2 ms of tests: the index costs as much
		in = indexChars(cs).inGlyph
	}
	for _, s := range ss {
		out := (*s)[:0]
		for _, g := range *s {
			if g.X1-g.X0 > w || g.Y1-g.Y0 > h || !in(g) {
				out = append(out, g)
			}
		}
		*s = out
	}
}
