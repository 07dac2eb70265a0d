package pdf

import (
	"sort"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"
)

// Borderless tables continued on the next page are stitched by building
// one table from both pages' lines: the next page's lines are moved to
// follow the last line of the page before, so that a label wrapped across
// the break and the columns found on either page come together. Each row
// keeps its own page and box.

// srcLine is a line a borderless table was built from. Its characters are
// copied out of the page, so that keeping it does not keep the page.
type srcLine struct {
	l    *line
	page int
	dy   float64
}

func (t *ptable) keepLines(tl []tline) {
	t.src = make([]srcLine, len(tl))
	for i, x := range tl {
		cs := make([]content.Char, len(x.l.chars))
		l := *x.l
		l.chars = make([]*content.Char, len(cs))
		for k, c := range x.l.chars {
			cs[k] = *c
			l.chars[k] = &cs[k]
		}
		t.src[i] = srcLine{&l, x.page, x.dy}
	}
}

// stitchStream joins n (first on its page) onto t (last on the page
// before) when their value columns match, and reports whether it did.
func (t *ptable) stitchStream(n *ptable) bool {
	if len(t.src) == 0 || len(n.src) == 0 || !sameColumns(t.vcols, n.vcols, t.src[0].l.size) {
		return false
	}
	m := buildJoined(t.src, n.src, lineGap(t.src))
	if m == nil {
		return false
	}
	*t = *m
	n.into, n.src = t, nil
	return true
}

// buildJoined builds one table from the lines of two pages, the lower
// page's moved to follow the upper's last line at the given gap.
func buildJoined(upper, lower []srcLine, gap float64) *ptable {
	dy := upper[len(upper)-1].l.y0 - gap - lower[0].l.y1
	var tl []tline
	for _, s := range upper {
		tl = append(tl, srcTline(s, 0))
	}
	for _, s := range lower {
		tl = append(tl, srcTline(s, dy))
	}
	return buildStream(tl)
}

// srcTline moves a kept line down by dy (negative: further down the
// joined page) and splits it into runs again.
func srcTline(s srcLine, dy float64) tline {
	if dy != 0 {
		l := *s.l
		l.chars = make([]*content.Char, len(s.l.chars))
		for i, c := range s.l.chars {
			cc := *c
			cc.Y0, cc.Y1, cc.Base = cc.Y0+dy, cc.Y1+dy, cc.Base+dy
			l.chars[i] = &cc
		}
		l.y0, l.y1 = l.y0+dy, l.y1+dy
		s = srcLine{&l, s.page, s.dy + dy}
	}
	t := splitRuns(s.l)
	t.page, t.dy = s.page, s.dy
	return t
}

// lineGap is the usual space between a table's lines.
func lineGap(src []srcLine) float64 {
	var gs []float64
	for i := 1; i < len(src); i++ {
		if g := src[i-1].l.y0 - src[i].l.y1; g > 0 {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return 0.5 * src[0].l.size
	}
	sort.Float64s(gs)
	return gs[len(gs)/2]
}

// sameColumns: every value column of b lies on one of a's.
func sameColumns(a, b []float64, size float64) bool {
	if len(a) == 0 || len(b) == 0 || len(b) > len(a) {
		return false
	}
	for _, x := range b {
		ok := false
		for _, y := range a {
			if absf(x-y) < 1.5*size {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// headerTail returns the lines ending a page that look like the header of
// a borderless table: after the last section heading, lines of several
// runs (column headings) and short lines, at least one of several runs.
func headerTail(lines []*line) []*line {
	if len(lines) == 0 {
		return nil
	}
	x0, x1 := lines[0].x0, lines[0].x1
	for _, l := range lines {
		x0, x1 = minf(x0, l.x0), maxf(x1, l.x1)
	}
	multi := false
	k := len(lines)
	for k > 0 {
		l := lines[k-1]
		t := splitRuns(l)
		switch {
		case t.nums > 0 || isSectionHeading(l.text()):
		case len(t.runs) >= 2:
			multi = true
			k--
			continue
		case l.x1-l.x0 < 0.5*(x1-x0):
			k--
			continue
		}
		break
	}
	if !multi || k == len(lines) {
		return nil
	}
	return lines[k:]
}

// stitchHeader builds one table from a page's header tail and the
// borderless table that opens the next page; it returns nil when they do
// not make one.
func stitchHeader(a *pageResult, n *ptable) *ptable {
	if len(a.tail) == 0 || len(n.src) == 0 {
		return nil
	}
	m := buildJoined(a.tail, n.src, lineGap(n.src))
	if m == nil || len(m.vcols) < len(n.vcols) {
		return nil
	}
	return m
}
