package pdf

import (
	"sort"
	"strings"
)

// Tables continued on the next page are stitched into one: the table that
// ends a page and the table that starts the next one are the same table
// when their outer edges line up and one's column boundaries are a subset
// of the other's. A repeated header is dropped; a row cut in two by the
// page break (its label split, its numbers on one side) becomes one row;
// a vertically merged label running on past the break stays one cell.

// stitch joins continued tables; a part stitched onto another gets into set.
func stitch(pages []*pageResult) {
	for i := 0; i+1 < len(pages); i++ {
		a, b := pages[i], pages[i+1]
		if b.n != a.n+1 || len(a.items) == 0 || len(b.items) == 0 {
			continue
		}
		p, n := a.items[len(a.items)-1].table, b.items[0].table
		if p == nil && n != nil && n.src != nil {
			// a borderless table whose header ends the page before
			if m := stitchHeader(a, n); m != nil {
				items := a.items[:0]
				for _, it := range a.items {
					if it.line == nil || !a.tailItems[it.line] {
						items = append(items, it)
					}
				}
				a.items = append(items, item{top: m.top, table: m})
				n.into, n.src = m, nil
			}
			continue
		}
		if p == nil || n == nil {
			continue
		}
		for p.into != nil {
			p = p.into
		}
		if p.src != nil || n.src != nil {
			p.stitchStream(n)
			continue
		}
		if xs, ok := unionColumns(p.tail, n.xs); ok {
			p.join(n, xs)
		}
	}
	for _, pg := range pages { // the lines are no longer needed
		pg.tail = nil
		for _, it := range pg.items {
			if it.table != nil {
				it.table.src = nil
			}
		}
	}
}

// stitchTol is how far two tables' column boundaries may differ.
const stitchTol = 3.0

// unionColumns checks that two column sets belong to one table and merges
// them.
func unionColumns(a, b []float64) ([]float64, bool) {
	if len(a) < 2 || len(b) < 2 || absf(a[0]-b[0]) > stitchTol || absf(a[len(a)-1]-b[len(b)-1]) > stitchTol {
		return nil, false
	}
	if !subset(a, b) && !subset(b, a) {
		return nil, false
	}
	u := append(append([]float64{}, a...), b...)
	sort.Float64s(u)
	out := u[:1]
	for _, x := range u[1:] {
		if x-out[len(out)-1] > stitchTol {
			out = append(out, x)
		}
	}
	return out, true
}

func subset(a, b []float64) bool {
	for _, x := range a {
		if indexNear(b, x) < 0 {
			return false
		}
	}
	return true
}

func indexNear(xs []float64, x float64) int {
	for i, y := range xs {
		if absf(x-y) <= stitchTol {
			return i
		}
	}
	return -1
}

// remap moves a table's cells onto a finer set of column boundaries.
func (t *ptable) remap(xs []float64, own []float64) {
	for _, c := range t.cells {
		lo, hi := indexNear(xs, own[c.c]), indexNear(xs, own[c.c+c.cs])
		c.c, c.cs = lo, hi-lo
	}
	t.cols = len(xs) - 1
}

// join appends n (the part on the next page) to t.
func (t *ptable) join(n *ptable, xs []float64) {
	t.remap(xs, t.cur)
	n.remap(xs, n.xs)
	t.cur, t.tail = xs, n.xs
	n.into = t
	n.dropRepeatedHeader(t)
	if n.rows == 0 {
		return
	}
	g := t.grid()
	last := t.rows - 1
	cut := t.rows > 0 && samePartition(g[last], n.grid()[0]) && rowCut(rowCells(t, last), rowCells(n, 0))
	off := t.rows
	if cut {
		off = last
	}
	for _, c := range n.cells {
		c.r += off
		if c.r != off || t.rows == 0 {
			t.cells = append(t.cells, c)
			continue
		}
		// A cell on the first row of the continuation.
		above := g[last][c.c]
		same := above != nil && above.c == c.c && above.cs == c.cs
		switch {
		case same && (cut || c.text == "" && (above.rs > 1 || c.rs > 1) || c.text != "" && (above.rs > 1 || c.rs > 1) && continuesLabel(c.text) && !isNumber(c.text)):
			// (a number never continues a merged label: a header merged
			// over two rows above the break is followed by the first
			// data row)
			above.join(c)
			above.rs = c.r + c.rs - above.r
		case cut && above != nil:
			above.join(c)
			if c.rs > 1 {
				c.text, c.r, c.rs = "", c.r+1, c.rs-1
				t.cells = append(t.cells, c)
			}
		default:
			t.cells = append(t.cells, c)
		}
	}
	t.rows = off + n.rows
}

// samePartition says whether two grid rows are divided into the same
// cells, column for column.
func samePartition(a, b []*tcell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || a[i] != nil && (a[i].c != b[i].c || a[i].cs != b[i].cs) {
			return false
		}
	}
	return true
}

// continuesLabel says whether text on the next page continues a label
// rather than starting a new one. An empty cell continues a merged one.
func continuesLabel(s string) bool {
	return s == "" || !startsItem(s)
}

// rowCells returns the texts of the cells that start in row r, by column.
func rowCells(t *ptable, r int) map[int]string {
	m := map[int]string{}
	for _, c := range t.cells {
		if c.r == r {
			m[c.c] = c.text
		}
	}
	return m
}

// isNumber reports whether s, spaces aside, is a figure: a sign perhaps,
// a digit, then digits, separators and points, and perhaps %. (By hand, not
// by a regular expression: it runs for every run of text on every page.)
func isNumber(s string) bool {
	digit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
	state := 0 // 0 start, 1 after a sign, 2 in the figure, 3 after %
	for _, r := range s {
		switch {
		case r == ' ':
		case state == 0 && (r == '-' || r == '+' || r == '−'):
			state = 1
		case state < 2 && digit(r):
			state = 2
		case state == 2 && (digit(r) || r == ',' || r == '，' || r == '.'):
		case state == 2 && r == '%':
			state = 3
		default:
			return false
		}
	}
	return state >= 2
}

// rowCut says whether the last row of a page and the first row of the next
// are one row cut by the page break: the numbers are on one side only and
// the other side carries text that does not start a new row, or the next
// page's part holds nothing at all.
func rowCut(a, b map[int]string) bool {
	empty := true
	for _, s := range b {
		empty = empty && s == ""
	}
	if empty && len(b) > 0 { // the bottom of the row, without its text
		return true
	}
	na, nb := countNumbers(a), countNumbers(b)
	if na > 0 && nb > 0 || na == 0 && nb == 0 {
		return false
	}
	cont := b
	if nb > 0 {
		cont = a
	}
	text := false
	for _, s := range cont {
		if s != "" {
			text = true
		}
	}
	if !text {
		return false
	}
	// A cut row's two parts share no column: where one prints a number,
	// the other is blank. Text over a number is a header row above a row
	// of values (a browser's print breaks table 二 so), not a cut.
	for c, s := range a {
		if s != "" && isNumber(b[c]) || isNumber(s) && b[c] != "" {
			return false
		}
	}
	// The part on the next page must not start a numbered row.
	cols := make([]int, 0, len(b))
	for c := range b {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, c := range cols {
		if s := b[c]; s != "" {
			return continuesLabel(s)
		}
	}
	return true
}

func countNumbers(m map[int]string) int {
	n := 0
	for _, s := range m {
		if isNumber(s) {
			n++
		}
	}
	return n
}

// dropRepeatedHeader removes header rows that repeat the first rows of t.
func (n *ptable) dropRepeatedHeader(t *ptable) {
	k := 0
	for k < n.rows && k < t.rows && k < 4 {
		a, b := rowCells(t, k), rowCells(n, k)
		if len(a) == 0 || countNumbers(a) > 0 || !sameRow(a, b) {
			break
		}
		k++
	}
	if k == 0 {
		return
	}
	cells := n.cells[:0]
	for _, c := range n.cells {
		if c.r >= k {
			c.r -= k
			cells = append(cells, c)
		}
	}
	n.cells = cells
	n.rows -= k
}

func sameRow(a, b map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for c, s := range a {
		if t, ok := b[c]; !ok || squashSpace(t) != squashSpace(s) {
			return false
		}
	}
	return true
}

func squashSpace(s string) string { return strings.Join(strings.Fields(s), "") }
