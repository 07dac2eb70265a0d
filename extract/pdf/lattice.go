package pdf

import (
	"sort"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"
)

// Lattice tables: tables drawn with ruling lines. Segments are merged into
// lines, lines that touch form a table, the distinct line positions form
// the grid, and a missing stretch of border between two grid cells merges
// them.

// tol is how far apart two rulings may be and still count as one.
const tol = 2.0

// grid is one table found on a page.
type grid struct {
	xs    []float64 // column boundaries, left to right
	ys    []float64 // row boundaries, top to bottom (descending y)
	cells []*gcell
	owner [][]*gcell // owner[r][c]
	// placed holds the characters placed, in order, and their cells; fill
	// gives each cell its share of one slice.
	placed []placed
}

type placed struct {
	c    *content.Char
	cell *gcell
}

type gcell struct {
	r, c, rs, cs int
	chars        []*content.Char
	n            int // characters placed
	text         string
	unread       bool // a figure OCR could not read (content.Char.Unread)
	x0, y0       float64
	x1, y1       float64
}

func (g *grid) top() float64 { return g.ys[0] }

// mergeSegs joins collinear segments that overlap or nearly touch.
func mergeSegs(ss []content.Seg, horizontal bool) []content.Seg {
	key := func(s content.Seg) (pos, a, b float64) {
		if horizontal {
			return s.Y0, s.X0, s.X1
		}
		return s.X0, s.Y0, s.Y1
	}
	sort.Slice(ss, func(i, j int) bool {
		pi, ai, _ := key(ss[i])
		pj, aj, _ := key(ss[j])
		if absf(pi-pj) > 0.01 {
			return pi < pj
		}
		return ai < aj
	})
	var out []content.Seg
	for _, s := range ss {
		p, a, b := key(s)
		if n := len(out); n > 0 {
			lp, la, lb := key(out[n-1])
			if p == lp && a >= la && a <= lb+tol {
				if horizontal {
					out[n-1].X1 = maxf(lb, b)
				} else {
					out[n-1].Y1 = maxf(lb, b)
				}
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// findGrids builds the lattice tables of a page.
func findGrids(h, v []content.Seg) []*grid {
	h, v = mergeSegs(h, true), mergeSegs(v, false)
	n := len(h) + len(v)
	if len(h) < 2 || len(v) < 2 {
		return nil
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, a := range h {
		for j, b := range v {
			if b.X0 >= a.X0-tol && b.X0 <= a.X1+tol && a.Y0 >= b.Y0-tol && a.Y0 <= b.Y1+tol {
				parent[find(i)] = find(len(h) + j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range n {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var grids []*grid
	for _, idx := range groups {
		var gh, gv []content.Seg
		for _, i := range idx {
			if i < len(h) {
				gh = append(gh, h[i])
			} else {
				gv = append(gv, v[i-len(h)])
			}
		}
		if g := buildGrid(gh, gv); g != nil {
			grids = append(grids, g)
		}
	}
	sort.Slice(grids, func(i, j int) bool { return grids[i].top() > grids[j].top() })
	return grids
}

func buildGrid(h, v []content.Seg) *grid {
	if len(h) < 2 || len(v) < 2 {
		return nil
	}
	var xp, yp []float64
	for _, s := range v {
		xp = append(xp, s.X0)
	}
	for _, s := range h {
		yp = append(yp, s.Y0)
	}
	g := &grid{xs: clusterBy(xp, tol), ys: clusterBy(yp, tol)}
	// A table cut by a page break may lack its closing rule: the vertical
	// rules then run on past the last horizontal one (and likewise for an
	// open side). The open row or column still counts.
	lo, hi := v[0].Y0, v[0].Y1
	for _, s := range v {
		lo, hi = minf(lo, s.Y0), maxf(hi, s.Y1)
	}
	if lo < g.ys[0]-3*tol {
		g.ys = append([]float64{lo}, g.ys...)
	}
	if hi > g.ys[len(g.ys)-1]+3*tol {
		g.ys = append(g.ys, hi)
	}
	lo, hi = h[0].X0, h[0].X1
	for _, s := range h {
		lo, hi = minf(lo, s.X0), maxf(hi, s.X1)
	}
	if lo < g.xs[0]-3*tol {
		g.xs = append([]float64{lo}, g.xs...)
	}
	if hi > g.xs[len(g.xs)-1]+3*tol {
		g.xs = append(g.xs, hi)
	}
	// descending y: top row first
	for i, j := 0, len(g.ys)-1; i < j; i, j = i+1, j-1 {
		g.ys[i], g.ys[j] = g.ys[j], g.ys[i]
	}
	rows, cols := len(g.ys)-1, len(g.xs)-1
	if rows < 1 || cols < 1 {
		return nil
	}
	// A border exists between two grid cells when rulings cover most of
	// the edge between them.
	vEdge := func(c, r int) bool { // left edge of column c in row r
		return covered(v, g.xs[c], g.ys[r+1], g.ys[r], false)
	}
	hEdge := func(r, c int) bool { // top edge of row r in column c
		return covered(h, g.ys[r], g.xs[c], g.xs[c+1], true)
	}
	g.owner = make([][]*gcell, rows)
	owners := make([]*gcell, rows*cols)
	for r := range g.owner {
		g.owner[r] = owners[r*cols : (r+1)*cols : (r+1)*cols]
	}
	var slab []gcell // cells made 64 at a time, or as many as the slots left
	left := rows * cols
	for r := range rows {
		for c := range cols {
			if g.owner[r][c] != nil {
				continue
			}
			cs := 1
			for c+cs < cols && g.owner[r][c+cs] == nil && !vEdge(c+cs, r) {
				cs++
			}
			rs := 1
		grow:
			for r+rs < rows {
				for k := c; k < c+cs; k++ {
					if g.owner[r+rs][k] != nil || hEdge(r+rs, k) {
						break grow
					}
				}
				rs++
			}
			if len(slab) == cap(slab) {
				slab = make([]gcell, 0, min(64, left))
			}
			left -= rs * cs
			slab = append(slab, gcell{r: r, c: c, rs: rs, cs: cs,
				x0: g.xs[c], x1: g.xs[c+cs], y0: g.ys[r+rs], y1: g.ys[r]})
			cell := &slab[len(slab)-1]
			for i := r; i < r+rs; i++ {
				for k := c; k < c+cs; k++ {
					g.owner[i][k] = cell
				}
			}
			g.cells = append(g.cells, cell)
		}
	}
	return g
}

// covered reports whether segments at pos cover at least half of [a, b].
func covered(ss []content.Seg, pos, a, b float64, horizontal bool) bool {
	if b <= a {
		return false
	}
	var sum float64
	for _, s := range ss {
		p, s0, s1 := s.X0, s.Y0, s.Y1
		if horizontal {
			p, s0, s1 = s.Y0, s.X0, s.X1
		}
		if absf(p-pos) > tol {
			continue
		}
		if lo, hi := maxf(a, s0), minf(b, s1); hi > lo {
			sum += hi - lo
		}
	}
	return sum >= 0.5*(b-a)
}

// contains reports whether a character's centre lies inside the grid.
func (g *grid) contains(c *content.Char) bool {
	x, y := c.CX(), c.CY()
	return x >= g.xs[0] && x <= g.xs[len(g.xs)-1] && y <= g.ys[0] && y >= g.ys[len(g.ys)-1]
}

// place puts a character into the cell under its centre.
func (g *grid) place(c *content.Char) {
	x, y := c.CX(), c.CY()
	col := sort.SearchFloat64s(g.xs, x) - 1
	row := sort.Search(len(g.ys), func(i int) bool { return g.ys[i] < y }) - 1
	col = max(0, min(col, len(g.xs)-2))
	row = max(0, min(row, len(g.ys)-2))
	g.placed = append(g.placed, placed{c, g.owner[row][col]})
}

// fill computes every cell's text from its characters.
func (g *grid) fill() {
	for _, p := range g.placed {
		p.cell.n++
	}
	all := make([]*content.Char, len(g.placed))
	for _, cell := range g.cells {
		cell.chars, all = all[:0:cell.n], all[cell.n:]
	}
	for _, p := range g.placed {
		p.cell.chars = append(p.cell.chars, p.c)
	}
	g.placed = nil
	var lb lineBuf
	for _, cell := range g.cells {
		for _, c := range cell.chars {
			cell.unread = cell.unread || c.Unread
		}
		ls := lb.build(cell.chars)
		if len(ls) == 1 { // most cells: no parts to join
			cell.text = ls[0].text()
			continue
		}
		parts := make([]string, len(ls))
		for i, l := range ls {
			parts[i] = l.text()
		}
		cell.text = joinLines(parts)
	}
}
