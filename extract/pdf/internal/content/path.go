package content

import (
	"math"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
)

// Path operators. Tables are ruled with stroked lines (LibreOffice, WPS,
// cairo, Ghostscript) or with thin filled rectangles (Word); both become
// segments. Paths with curves are glyph outlines (fake bold) or drawings,
// never rulings, and are dropped.

// thin is the largest extent of a filled rectangle read as a line.
const thin = 2.5

func (in *interp) pathOp(op string, args []syntax.Object) {
	ctm := in.gs.ctm
	switch op {
	case "m":
		if a := take(args, 2); a != nil {
			x, y := ctm.apply(a[0].Num, a[1].Num)
			p := in.subpath()
			p.pts = append(p.pts, point{x, y})
		}
	case "l":
		if a := take(args, 2); a != nil && len(in.paths) > 0 {
			x, y := ctm.apply(a[0].Num, a[1].Num)
			p := &in.paths[len(in.paths)-1]
			p.pts = append(p.pts, point{x, y})
		}
	case "c", "v", "y":
		n := 6
		if op != "c" {
			n = 4
		}
		if a := take(args, n); a != nil && len(in.paths) > 0 {
			x, y := ctm.apply(a[n-2].Num, a[n-1].Num)
			p := &in.paths[len(in.paths)-1]
			p.pts, p.curve = append(p.pts, point{x, y}), true
		}
	case "h":
		if len(in.paths) > 0 {
			in.paths[len(in.paths)-1].closed = true
		}
	case "re":
		if a := take(args, 4); a != nil {
			f := nums(a)
			x, y, w, h := f[0], f[1], f[2], f[3]
			sp := in.subpath()
			sp.closed = true
			for _, q := range [...][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}} {
				px, py := ctm.apply(q[0], q[1])
				sp.pts = append(sp.pts, point{px, py})
			}
		}
	case "S", "s", "B", "B*", "b", "b*":
		if !in.gs.strokeWhite {
			in.out.Painted += len(in.paths)
			for _, p := range in.paths {
				in.stroke(p, op == "s" || op == "b" || op == "b*")
			}
		}
		in.paths = in.paths[:0]
	case "f", "F", "f*":
		if !in.gs.fillWhite {
			in.out.Painted += len(in.paths)
			for _, p := range in.paths {
				in.fill(p)
			}
		}
		in.paths = in.paths[:0]
	case "n":
		in.paths = in.paths[:0]
	}
}

// subpath starts a subpath. Those of earlier paths are reused, points
// and all: a table's page draws thousands.
func (in *interp) subpath() *subpath {
	n := len(in.paths)
	if n < cap(in.paths) {
		in.paths = in.paths[:n+1]
		p := &in.paths[n]
		*p = subpath{pts: p.pts[:0]}
		return p
	}
	in.paths = append(in.paths, subpath{})
	return &in.paths[n]
}

func (in *interp) stroke(p subpath, close bool) {
	if p.curve {
		return
	}
	pts := p.pts
	for i := 1; i < len(pts); i++ {
		in.addSeg(pts[i-1], pts[i])
	}
	if (p.closed || close) && len(pts) > 2 {
		in.addSeg(pts[len(pts)-1], pts[0])
	}
}

// fill keeps axis-parallel rectangles thin enough to be a rule.
func (in *interp) fill(p subpath) {
	if p.curve || len(p.pts) < 4 || len(p.pts) > 5 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p.pts {
		x0, y0 = math.Min(x0, q.x), math.Min(y0, q.y)
		x1, y1 = math.Max(x1, q.x), math.Max(y1, q.y)
	}
	for _, q := range p.pts { // every corner on the box: a rectangle
		if !near(q.x, x0) && !near(q.x, x1) || !near(q.y, y0) && !near(q.y, y1) {
			return
		}
	}
	switch {
	case y1-y0 <= thin && x1-x0 > y1-y0:
		m := (y0 + y1) / 2
		in.addSeg(point{x0, m}, point{x1, m})
	case x1-x0 <= thin && y1-y0 > x1-x0:
		m := (x0 + x1) / 2
		in.addSeg(point{m, y0}, point{m, y1})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.5 }

// minSeg drops dots and glyph-sized strokes.
const minSeg = 1.0

func (in *interp) addSeg(a, b point) {
	switch {
	case math.Abs(a.y-b.y) < 0.5 && math.Abs(a.x-b.x) >= minSeg:
		y := (a.y + b.y) / 2
		in.out.H = append(in.out.H, Seg{math.Min(a.x, b.x), y, math.Max(a.x, b.x), y})
	case math.Abs(a.x-b.x) < 0.5 && math.Abs(a.y-b.y) >= minSeg:
		x := (a.x + b.x) / 2
		in.out.V = append(in.out.V, Seg{x, math.Min(a.y, b.y), x, math.Max(a.y, b.y)})
	}
}
