// Package content is the middle layer of gongkai's PDF reader: it
// interprets a page's content streams — text operators through the page's
// fonts (ToUnicode CMaps, composite fonts with /W widths, simple fonts with
// /Differences, Type 3), form XObjects, /ActualText spans — and gives the
// characters placed in page space and the straight path segments tables
// are ruled with. Layout (lines, paragraphs, tables) is the package above.
package content

import (
	"bytes"
	"context"
	"math"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
	"github.com/gongkai/gongkai/internal/freelist"
)

// The interpreter: one pass over a page's operators (lexed by package
// syntax) that places every character and collects the segments.

// mat is a PDF matrix [a b c d e f].
type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m mat) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// Char is one placed character, in page space (points, origin bottom left).
type Char struct {
	// Confidence is OCR's, 0–100, for a character read from a picture; 0
	// for the text layer's.
	Confidence     float64
	S              string
	X0, X1, Y0, Y1 float64 // box: y0 below the baseline, y1 near the top
	Base, Size     float64 // baseline y and font size on the page
	OK             bool    // decoded to real text
	Upright        bool    // horizontal writing, not rotated
	// Unread marks OCR's reading of a figure it could not read: a speck
	// of a reading (了, IT) in a column of figures.
	Unread bool
}

func (c *Char) CX() float64 { return (c.X0 + c.X1) / 2 }
func (c *Char) CY() float64 { return (c.Y0 + c.Y1) / 2 }

// Seg is an axis-parallel ruling segment: horizontal when y0 == y1.
type Seg struct{ X0, Y0, X1, Y1 float64 }

// Content is what one page holds for us.
type Content struct {
	Chars  []Char
	H, V   []Seg // horizontal and vertical ruling segments
	Width  float64
	Height float64
	Images int // pictures large enough to hold a table
	// Truncated says the page's content was cut at its budget: what
	// came before is kept.
	Truncated bool
	// Undecoded is the first content stream's filter error: a page
	// without text for that reason says so.
	Undecoded error
	// Pictures are the images large enough to hold a table, where the
	// page shows them: what OCR reads on a page without text.
	Pictures []Picture
	// Painted counts what the page paints besides text: the subpaths it
	// fills or strokes, and pictures of any size. A page without text that paints is
	// text drawn as outlines, or a picture in a form not decoded: OCR
	// reads it rendered.
	Painted int
}

// Picture is an image XObject and the box it fills on the page, in
// points from the bottom left.
type Picture struct {
	Image          object.Value
	X0, Y0, X1, Y1 float64
}

type gstate struct {
	ctm                  mat
	font                 *font
	size, tc, tw, th, tl float64
	rise                 float64
	strokeWhite          bool
	fillWhite            bool
}

type point struct{ x, y float64 }

type subpath struct {
	pts    []point // in page space
	closed bool
	curve  bool
}

type interp struct {
	fonts   *Fonts
	gs      gstate
	stack   []gstate
	tm, tlm mat
	paths   []subpath
	out     *Content
	depth   int
	buf     []glyph
	ctx     context.Context
	ops     int     // operators run on this page, forms included
	marked  []mspan // open marked-content sequences
}

// minTableImage is the width in points (about 7 cm) from which a picture
// could be a table.
const minTableImage = 200

// maxFormDepth bounds nested form XObjects (and self-reference loops).
const maxFormDepth = 8

// maxContent bounds the decoded content of one page or form.
const maxContent = 32 << 20

// A page's budget: no real page comes near it, and a hostile one (a 200 MB
// stream of Tj, one content stream shared by every page) stops here, the
// record saying the page was cut (Content.Truncated).
const (
	maxOps   = 2_000_000
	maxChars = 200_000
	maxSegs  = 200_000
)

func (in *interp) run(strm, res object.Value) {
	named := map[string]*font{}
	// The content is decoded into a kept buffer, given back when the
	// page or form is read: what the lexer makes of it (strings, numbers)
	// is copied out.
	buf := contentBufs.Get()
	defer contentBufs.Put(buf)
	if err := contentBytes(strm, buf); err != nil && in.out.Undecoded == nil {
		in.out.Undecoded = err
	}
	lx := &syntax.Lexer{B: buf.Bytes()}
	for !in.out.Truncated {
		op, args, ok := lx.Next()
		if !ok {
			return
		}
		if in.ops++; in.ops%4096 == 0 && in.ctx.Err() != nil {
			return
		}
		if in.ops > maxOps || len(in.out.Chars) > maxChars || len(in.out.H)+len(in.out.V) > maxSegs {
			in.out.Truncated = true
			return
		}
		in.op(op, args, res, named)
	}
}

// contentBytes decodes a content stream, or the streams of an array of
// them (which a page may split its content into, even mid-operator), onto
// buf, with the first filter error.
func contentBytes(strm object.Value, buf *bytes.Buffer) error {
	if strm.Kind() != object.Array {
		return strm.DecodeTo(buf, maxContent)
	}
	var first error
	for i := 0; i < strm.Len() && buf.Len() < maxContent; i++ {
		err := strm.Index(i).DecodeTo(buf, maxContent-buf.Len())
		if first == nil {
			first = err
		}
		buf.WriteByte('\n')
	}
	return first
}

// contentBufs holds buffers for the content of pages and forms.
var contentBufs = freelist.NewBuffers(8, 1<<20)

// take returns the last n operands, or nil when there are fewer: stray
// operands of an operator we misread are dropped.
func take(args []syntax.Object, n int) []syntax.Object {
	if len(args) < n {
		return nil
	}
	return args[len(args)-n:]
}

// nums returns the numbers of up to six operands (a matrix, a rectangle),
// in an array: no allocation for every "cm", "Tm" and "re".
func nums(a []syntax.Object) (f [6]float64) {
	for i, v := range a[:min(len(a), 6)] {
		f[i] = v.Num
	}
	return f
}

func (in *interp) op(op string, args []syntax.Object, res object.Value, named map[string]*font) {
	gs := &in.gs
	switch op {
	case "q":
		in.stack = append(in.stack, in.gs)
	case "Q":
		if n := len(in.stack); n > 0 {
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if a := take(args, 6); a != nil {
			f := nums(a)
			gs.ctm = mat{f[0], f[1], f[2], f[3], f[4], f[5]}.mul(gs.ctm)
		}
	case "RG", "G", "K", "SC", "SCN":
		gs.strokeWhite = white(args, op)
	case "rg", "g", "k", "sc", "scn":
		gs.fillWhite = white(args, op)
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tf":
		if a := take(args, 2); a != nil {
			name := a[0].Str
			f, ok := named[name]
			if !ok {
				f = in.fonts.get(res.Key("Font").Key(name))
				named[name] = f
			}
			gs.font, gs.size = f, a[1].Num
		}
	case "Tc":
		if a := take(args, 1); a != nil {
			gs.tc = a[0].Num
		}
	case "Tw":
		if a := take(args, 1); a != nil {
			gs.tw = a[0].Num
		}
	case "Tz":
		if a := take(args, 1); a != nil {
			gs.th = a[0].Num / 100
		}
	case "TL":
		if a := take(args, 1); a != nil {
			gs.tl = a[0].Num
		}
	case "Ts":
		if a := take(args, 1); a != nil {
			gs.rise = a[0].Num
		}
	case "Td", "TD":
		if a := take(args, 2); a != nil {
			if op == "TD" {
				gs.tl = -a[1].Num
			}
			in.tlm = mat{1, 0, 0, 1, a[0].Num, a[1].Num}.mul(in.tlm)
			in.tm = in.tlm
		}
	case "Tm":
		if a := take(args, 6); a != nil {
			f := nums(a)
			in.tlm = mat{f[0], f[1], f[2], f[3], f[4], f[5]}
			in.tm = in.tlm
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if a := take(args, 1); a != nil {
			in.show(a[0].Str)
		}
	case "'":
		if a := take(args, 1); a != nil {
			in.nextLine()
			in.show(a[0].Str)
		}
	case "\"":
		if a := take(args, 3); a != nil {
			gs.tw, gs.tc = a[0].Num, a[1].Num
			in.nextLine()
			in.show(a[2].Str)
		}
	case "TJ":
		if a := take(args, 1); a != nil {
			for _, x := range a[0].Arr {
				if x.Kind == syntax.String {
					in.show(x.Str)
				} else {
					in.tm = mat{1, 0, 0, 1, -x.Num / 1000 * gs.size * gs.th, 0}.mul(in.tm)
				}
			}
		}
	case "BDC":
		in.beginMarked(args, res)
	case "BMC":
		in.beginMarked(nil, res)
	case "EMC":
		in.endMarked()
	case "Do":
		if a := take(args, 1); a != nil {
			in.doXObject(res.Key("XObject").Key(a[0].Str), res)
		}
	case "BI":
		in.out.Painted++ // an inline image
	default:
		in.pathOp(op, args)
	}
}

func white(args []syntax.Object, op string) bool {
	var f []float64
	for _, a := range args {
		if a.Kind == syntax.Number {
			f = append(f, a.Num)
		}
	}
	if len(f) == 0 {
		return false
	}
	if op == "K" || op == "k" || len(f) == 4 {
		// CMYK white is no ink at all; a colour short of its four
		// components is damaged, not white.
		return len(f) >= 4 && f[0] == 0 && f[1] == 0 && f[2] == 0 && f[3] == 0
	}
	for _, v := range f {
		if v < 0.95 {
			return false
		}
	}
	return true
}

func (in *interp) nextLine() {
	in.tlm = mat{1, 0, 0, 1, 0, -in.gs.tl}.mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) show(s string) {
	gs := &in.gs
	if gs.font == nil {
		return
	}
	in.buf = gs.font.decode(s, in.buf[:0])
	// A glyph moves the text matrix, which leaves its scale as it was:
	// the size is worked out again only when the scale changes.
	var size, c2, c3 float64
	for i, g := range in.buf {
		trm := mat{gs.size * gs.th, 0, 0, gs.size, 0, gs.rise}.mul(in.tm).mul(gs.ctm)
		x0, y0 := trm.apply(0, 0)
		w := g.width
		x1, _ := trm.apply(w, 0)
		_, ytop := trm.apply(0, 0.8)
		_, ybot := trm.apply(0, -0.2)
		if i == 0 || trm[2] != c2 || trm[3] != c3 {
			size, c2, c3 = math.Hypot(trm[2], trm[3]), trm[2], trm[3]
		}
		c := Char{
			S: g.text, X0: math.Min(x0, x1), X1: math.Max(x0, x1),
			Y0: math.Min(ytop, ybot), Y1: math.Max(ytop, ybot),
			Base: y0, Size: size, OK: g.text != "",
			Upright: math.Abs(trm[1]) < 0.05*size && math.Abs(trm[2]) < 0.05*size && trm[0] > 0 && trm[3] > 0,
		}
		if c.X1-c.X0 < size*0.05 { // zero-width glyph: give it a box to sit in
			c.X1 = c.X0 + size*0.5
		}
		in.out.Chars = append(in.out.Chars, c)
		tx := (g.width*gs.size + gs.tc) * gs.th
		if g.space {
			tx += gs.tw * gs.th
		}
		in.tm = mat{1, 0, 0, 1, tx, 0}.mul(in.tm)
	}
}

func (in *interp) doXObject(x, res object.Value) {
	if x.Key("Subtype").Name() == "Image" {
		in.out.Painted++
		// An image fills the unit square the CTM maps: its size on the page.
		// Logos and seals are small; a table photographed or pasted as a
		// picture is not.
		w, h := math.Hypot(in.gs.ctm[0], in.gs.ctm[1]), math.Hypot(in.gs.ctm[2], in.gs.ctm[3])
		if w >= minTableImage && h >= minTableImage/2 {
			in.out.Images++
			x0, y0 := in.gs.ctm.apply(0, 0)
			x1, y1 := in.gs.ctm.apply(1, 1)
			in.out.Pictures = append(in.out.Pictures, Picture{Image: x, X0: min(x0, x1), Y0: min(y0, y1), X1: max(x0, x1), Y1: max(y0, y1)})
		}
		return
	}
	if x.Key("Subtype").Name() != "Form" || in.depth >= maxFormDepth {
		return
	}
	saved, savedStack := in.gs, len(in.stack)
	savedTm, savedTlm := in.tm, in.tlm
	if m := x.Key("Matrix"); m.Len() == 6 {
		var f mat
		for i := range f {
			f[i] = m.Index(i).Float64()
		}
		in.gs.ctm = f.mul(in.gs.ctm)
	}
	r := x.Key("Resources")
	if r.IsNull() {
		r = res
	}
	in.depth++
	in.run(x, r)
	in.depth--
	in.gs, in.stack = saved, in.stack[:min(savedStack, len(in.stack))]
	in.tm, in.tlm = savedTm, savedTlm
}
