package pdf

// Some producers draw bold text as outlines; glyphs made of straight
// strokes (一, 十, 申) then look like tiny ruled boxes. A segment that lies
// inside a character's box is part of a glyph, not a ruling.

const bucket = 24.0

type charIndex map[[2]int][]*char

func indexChars(cs []char) charIndex {
	ix := charIndex{}
	for i := range cs {
		c := &cs[i]
		for x := int(c.x0 / bucket); x <= int(c.x1/bucket); x++ {
			for y := int(c.y0 / bucket); y <= int(c.y1/bucket); y++ {
				ix[[2]int{x, y}] = append(ix[[2]int{x, y}], c)
			}
		}
	}
	return ix
}

func (ix charIndex) inGlyph(s seg) bool {
	mx, my := (s.x0+s.x1)/2, (s.y0+s.y1)/2
	for _, c := range ix[[2]int{int(mx / bucket), int(my / bucket)}] {
		m := 0.15 * c.size
		if s.x0 >= c.x0-m && s.x1 <= c.x1+m && s.y0 >= c.y0-m && s.y1 <= c.y1+m {
			return true
		}
	}
	return false
}

// dropGlyphSegs removes the segments that belong to glyph outlines.
func dropGlyphSegs(ss []seg, ix charIndex) []seg {
	out := ss[:0]
	for _, s := range ss {
		if !ix.inGlyph(s) {
			out = append(out, s)
		}
	}
	return out
}
