package content

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
)

// Marked content with /ActualText gives the text that the glyphs inside it
// stand for: LibreOffice draws characters missing from every font as the
// .notdef glyph and puts each real character in an ActualText span; Word
// uses spans for ligatures and substituted glyphs. The glyphs shown inside
// such a span are replaced by its text, spread over their boxes. An outer
// span replaces what inner ones gave.

// mspan is an open marked-content sequence.
type mspan struct {
	actual string
	has    bool
	start  int // index of the first character shown inside it
}

// beginMarked handles BDC (with properties) and BMC.
func (in *interp) beginMarked(args []syntax.Object, res object.Value) {
	sp := mspan{start: len(in.out.Chars)}
	if a := take(args, 2); a != nil {
		switch p := a[1]; p.Kind {
		case syntax.Dict:
			if v, ok := p.Get("ActualText"); ok && v.Kind == syntax.String {
				sp.actual, sp.has = textString(v.Str), true
			}
		case syntax.Name:
			if v := res.Key("Properties").Key(p.Str).Key("ActualText"); v.Kind() == object.String {
				sp.actual, sp.has = textString(v.RawString()), true
			}
		}
	}
	if len(in.marked) < 64 {
		in.marked = append(in.marked, sp)
	}
}

// endMarked handles EMC.
func (in *interp) endMarked() {
	n := len(in.marked)
	if n == 0 {
		return
	}
	sp := in.marked[n-1]
	in.marked = in.marked[:n-1]
	if !sp.has || sp.start > len(in.out.Chars) {
		return
	}
	glyphs := in.out.Chars[sp.start:]
	if len(glyphs) == 0 {
		return
	}
	rs := []rune(sp.actual)
	first := glyphs[0]
	x0, x1 := first.X0, first.X1
	for _, g := range glyphs {
		x0, x1 = min(x0, g.X0), max(x1, g.X1)
	}
	var out []Char
	for i, r := range rs {
		if r < 0x20 {
			continue
		}
		c := first
		if len(rs) == len(glyphs) {
			c = glyphs[i]
		} else {
			w := (x1 - x0) / float64(len(rs))
			c.X0, c.X1 = x0+w*float64(i), x0+w*float64(i+1)
		}
		c.S, c.OK = string(r), true
		out = append(out, c)
	}
	in.out.Chars = append(in.out.Chars[:sp.start], out...)
}

// textString decodes a PDF text string: UTF-16 with a byte-order mark,
// UTF-8 with one, or else PDFDocEncoding (Latin-1 for what reports use).
func textString(s string) string {
	b := []byte(s)
	switch {
	case len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE):
		be := b[0] == 0xFE
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			if be {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			} else {
				u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
			}
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF && utf8.Valid(b[3:]):
		return string(b[3:])
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}
