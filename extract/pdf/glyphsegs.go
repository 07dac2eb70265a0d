package pdf

import "github.com/gongkai/gongkai/extract/pdf/internal/content"

// Some producers draw bold text as outlines; glyphs made of straight
// strokes (一, 十, 申) then look like tiny ruled boxes. A segment that lies
// inside a character's box is part of a glyph, not a ruling.

const bucket = 24.0

type charIndex map[[2]int][]*content.Char

func indexChars(cs []content.Char) charIndex {
	ix := charIndex{}
	for i := range cs {
		c := &cs[i]
		for x := int(c.X0 / bucket); x <= int(c.X1/bucket); x++ {
			for y := int(c.Y0 / bucket); y <= int(c.Y1/bucket); y++ {
				ix[[2]int{x, y}] = append(ix[[2]int{x, y}], c)
			}
		}
	}
	return ix
}

func (ix charIndex) inGlyph(s content.Seg) bool {
	mx, my := (s.X0+s.X1)/2, (s.Y0+s.Y1)/2
	for _, c := range ix[[2]int{int(mx / bucket), int(my / bucket)}] {
		m := 0.15 * c.Size
		if s.X0 >= c.X0-m && s.X1 <= c.X1+m && s.Y0 >= c.Y0-m && s.Y1 <= c.Y1+m {
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
