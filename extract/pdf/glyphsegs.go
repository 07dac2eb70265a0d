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

func (ix charIndex) inGlyph(s content.Seg) bool {
	mx, my := (s.X0+s.X1)/2, (s.Y0+s.Y1)/2
	in := func(c *content.Char) bool {
		m := 0.15 * c.Size
		return s.X0 >= c.X0-m && s.X1 <= c.X1+m && s.Y0 >= c.Y0-m && s.Y1 <= c.Y1+m
	}
	for _, c := range ix.grid[[2]int{int(mx / bucket), int(my / bucket)}] {
		if in(c) {
			return true
		}
	}
	for _, c := range ix.big {
		if in(c) {
			return true
		}
	}
	return false
}

// dropGlyphSegs removes the segments that belong to glyph outlines.
func dropGlyphSegs(ss []content.Seg, ix charIndex) []content.Seg {
	out := ss[:0]
	for _, s := range ss {
		if !ix.inGlyph(s) {
			out = append(out, s)
		}
	}
	return out
}
