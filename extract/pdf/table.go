package pdf

import (
	"sort"

	"github.com/gongkai/gongkai/extract"
)

// ptable is a table being assembled, possibly from several pages.
type ptable struct {
	page  int
	top   float64
	xs    []float64 // column boundaries of its own page
	cur   []float64 // boundaries its column indices refer to (after stitching)
	tail  []float64 // boundaries of its last page part, to match the next
	rows  int
	cols  int
	cells []*tcell
	into  *ptable // set when this part was stitched onto another table
	// borderless tables: the value columns' centres, and the lines it was
	// built from while it may be stitched to the next page's table
	vcols []float64
	src   []srcLine
}

type tcell struct {
	r, c, rs, cs int
	text         string
	page         int
	box          extract.Box
	unread       bool
	conf         *float64 // OCR's, of its least sure character (extract.Cell.Confidence)
}

// join adds the text of c, the same cell continued on the next page, to
// the cell's.
func (t *tcell) join(c *tcell) {
	t.text, t.unread = joinLines([]string{t.text, c.text}), t.unread || c.unread
	if c.conf != nil && (t.conf == nil || *c.conf < *t.conf) {
		t.conf = c.conf
	}
}

func fromGrid(page int, g *grid) *ptable {
	t := &ptable{page: page, top: g.top(), xs: g.xs, cur: g.xs, tail: g.xs, rows: len(g.ys) - 1, cols: len(g.xs) - 1}
	slab := make([]tcell, len(g.cells))
	t.cells = make([]*tcell, len(g.cells))
	for i, c := range g.cells {
		slab[i] = tcell{r: c.r, c: c.c, rs: c.rs, cs: c.cs, text: c.text, page: page, unread: c.unread,
			box: extract.Box{X0: c.x0, Y0: c.y0, X1: c.x1, Y1: c.y1}}
		t.cells[i] = &slab[i]
	}
	t.dropEmptyRows()
	return t
}

// empty reports a table without any text: a drawn frame, not a table.
func (t *ptable) empty() bool {
	for _, c := range t.cells {
		if c.text != "" {
			return false
		}
	}
	return true
}

// dropEmptyRows removes grid rows in which no cell starts and that hold
// no text of their own: slivers between two almost equal rulings.
func (t *ptable) dropEmptyRows() {
	starts := make([]bool, t.rows)
	for _, c := range t.cells {
		starts[c.r] = true
	}
	shift := make([]int, t.rows+1)
	for r := 0; r < t.rows; r++ {
		shift[r+1] = shift[r]
		if !starts[r] {
			shift[r+1]++
		}
	}
	if shift[t.rows] == 0 {
		return
	}
	for _, c := range t.cells {
		end := c.r + c.rs
		c.r -= shift[c.r]
		c.rs = end - shift[end] - c.r
	}
	t.rows -= shift[t.rows]
}

// grid returns the cell covering each position.
func (t *ptable) grid() [][]*tcell {
	g := make([][]*tcell, t.rows)
	for r := range g {
		g[r] = make([]*tcell, t.cols)
	}
	for _, c := range t.cells {
		for r := c.r; r < c.r+c.rs && r < t.rows; r++ {
			for k := c.c; k < c.c+c.cs && k < t.cols; k++ {
				g[r][k] = c
			}
		}
	}
	return g
}

// export turns the table into the extract model.
func (t *ptable) export(index int) *extract.Table {
	sort.SliceStable(t.cells, func(i, j int) bool {
		a, b := t.cells[i], t.cells[j]
		if a.r != b.r {
			return a.r < b.r
		}
		return a.c < b.c
	})
	// The cells and their boxes are two allocations, not one a cell: each
	// row takes its run of the sorted cells.
	out := &extract.Table{Index: index, Page: t.page, Rows: make([][]extract.Cell, t.rows)}
	cells := make([]extract.Cell, len(t.cells))
	boxes := make([]extract.Box, len(t.cells))
	start := 0
	for i, c := range t.cells {
		boxes[i] = c.box
		cells[i] = extract.Cell{Text: c.text, Row: c.r, Col: c.c, RowSpan: c.rs, ColSpan: c.cs, Page: c.page, Box: &boxes[i], Unread: c.unread, Confidence: c.conf}
		if i+1 == len(t.cells) || t.cells[i+1].r != c.r {
			out.Rows[c.r] = cells[start : i+1 : i+1]
			start = i + 1
		}
	}
	return out
}
