package content

import (
	"math"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
)

// Annotations draw on the page too: a form's fields as filled in (their
// appearance streams), free-text comments, stamps. Other readers show
// them, and a report made from a fillable form prints its figures there.

// maxAnnots bounds the annotations read on one page.
const maxAnnots = 10_000

// annotations reads the page's visible annotations after its content.
func (in *interp) annotations(annots, res object.Value) {
	for i := 0; i < annots.Len() && i < maxAnnots && !in.out.Truncated; i++ {
		a := annots.Index(i)
		switch a.Key("Subtype").Name() {
		case "Popup", "Link":
			continue
		}
		if a.Key("F").Int()&(1<<1|1<<5) != 0 { // Hidden, NoView
			continue
		}
		rect, ok := rectOf(a.Key("Rect"))
		if !ok {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == object.Dict { // one appearance per state
			ap = ap.Key(a.Key("AS").Name())
		}
		saved := in.gs
		switch {
		case ap.Kind() == object.Stream:
			in.appearance(ap, rect, res)
		case a.Key("Subtype").Name() == "Widget":
			in.fieldValue(a, rect)
		}
		in.gs = saved
	}
}

type rect struct{ x0, y0, x1, y1 float64 }

func rectOf(v object.Value) (rect, bool) {
	if v.Len() != 4 {
		return rect{}, false
	}
	a, b, c, d := v.Index(0).Float64(), v.Index(1).Float64(), v.Index(2).Float64(), v.Index(3).Float64()
	r := rect{min(a, c), min(b, d), max(a, c), max(b, d)}
	return r, r.x1-r.x0 > 0.01 && r.y1-r.y0 > 0.01
}

// appearance draws an appearance stream into the annotation's rectangle,
// as PDF 32000 12.5.5 says: its box, through its matrix, scaled onto Rect.
func (in *interp) appearance(ap object.Value, r rect, res object.Value) {
	m := identity
	if fm := ap.Key("Matrix"); fm.Len() == 6 {
		for i := range m {
			m[i] = fm.Index(i).Float64()
		}
	}
	bb, ok := rectOf(ap.Key("BBox"))
	if !ok {
		return
	}
	b := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range [][2]float64{{bb.x0, bb.y0}, {bb.x1, bb.y0}, {bb.x0, bb.y1}, {bb.x1, bb.y1}} {
		x, y := m.apply(p[0], p[1])
		b = rect{min(b.x0, x), min(b.y0, y), max(b.x1, x), max(b.y1, y)}
	}
	if b.x1-b.x0 < 0.01 || b.y1-b.y0 < 0.01 {
		return
	}
	sx, sy := (r.x1-r.x0)/(b.x1-b.x0), (r.y1-r.y0)/(b.y1-b.y0)
	in.gs = gstate{ctm: mat{sx, 0, 0, sy, r.x0 - b.x0*sx, r.y0 - b.y0*sy}, th: 1}
	in.doXObject(ap, res)
}

// fieldValue places a text field's value in its rectangle, for forms
// saved without appearances (NeedAppearances): one line a line of the
// value, at the size its /DA asks for.
func (in *interp) fieldValue(a object.Value, r rect) {
	var v, da object.Value
	for f, depth := a, 0; f.Kind() == object.Dict && depth < 16; f, depth = f.Key("Parent"), depth+1 {
		if v.IsNull() {
			v = f.Key("V")
		}
		if da.IsNull() {
			da = f.Key("DA")
		}
	}
	if v.Kind() != object.String {
		return
	}
	size := fontSize(da.RawString())
	if size <= 0 {
		size = min(12, (r.y1-r.y0)*0.7)
	}
	text := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(textString(v.RawString()))
	base := r.y1 - size
	for _, line := range strings.Split(text, "\n") {
		x := r.x0 + 2
		for _, ch := range line {
			if len(in.out.Chars) >= maxChars {
				in.out.Truncated = true
				return
			}
			w := size
			if ch < 0x2E80 {
				w = size / 2
			}
			s := string(ch)
			in.out.Chars = append(in.out.Chars, Char{S: s, X0: x, X1: x + w, Y0: base - 0.2*size, Y1: base + 0.8*size,
				Base: base, Size: size, OK: s != " ", Upright: true})
			x += w
		}
		base -= 1.2 * size
	}
}

// fontSize reads the size of a default appearance string: "/Helv 12 Tf 0 g".
func fontSize(da string) float64 {
	f := strings.Fields(da)
	for i := 1; i < len(f); i++ {
		if f[i] == "Tf" {
			if v, err := strconv.ParseFloat(f[i-1], 64); err == nil {
				return v
			}
		}
	}
	return 0
}
