package pdf

import (
	"math"
	"sort"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"

	"github.com/gongkai/gongkai/extract"
)

// Tables without ruling lines are rebuilt from text positions. Each run of
// characters (separated from the next by a wide gap) is a cell candidate;
// two runs are never glued into one number. Lines holding numbers anchor the
// data rows; the numbers' alignment gives the value columns, gaps in the
// labels to their left give the label columns; label fragments between
// data rows (wrapped or vertical labels) join the nearest data row.

// streamRow is one row of a borderless table being built.
type streamRow struct {
	y     float64
	parts map[int][]string
	spans map[int]int
	top   float64
	bot   float64
	page  int
	dy    float64 // how far its page was moved to follow the page before
}

// run is a stretch of characters on one line without a wide gap.
type run struct {
	text   string
	x0, x1 float64
	num    bool
	cs     []*content.Char
}

func (r run) cx() float64 { return (r.x0 + r.x1) / 2 }

// tline is a line split into runs.
type tline struct {
	l    *line
	runs []run
	nums int
	page int
	dy   float64 // see streamRow
}

func splitRuns(l *line) tline {
	t := tline{l: l}
	start := 0
	flush := func(end int) {
		if end <= start {
			return
		}
		cs := l.chars[start:end]
		r := newRun(cs)
		if r.num {
			t.nums++
		}
		t.runs = append(t.runs, r)
		start = end
	}
	for i := 1; i < len(l.chars); i++ {
		p, c := l.chars[i-1], l.chars[i]
		gap := c.X0 - p.X1
		size := maxf(p.Size, c.Size)
		digits := isDigit(lastRune(p.S)) && isDigit(firstRune(c.S))
		if gap > 0.45*size || digits && gap > 0.25*size {
			flush(i)
		}
	}
	flush(len(l.chars))
	return t
}

func newRun(cs []*content.Char) run {
	s := joinChars(cs)
	return run{text: s, x0: cs[0].X0, x1: cs[len(cs)-1].X1, num: isNumber(s), cs: cs}
}

// valueLeft is where a line's first number starts (+Inf without one).
func valueLeft(t tline) float64 {
	for _, r := range t.runs {
		if r.num {
			return r.x0
		}
	}
	return math.Inf(1)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// streamTables finds the borderless tables among a page's lines and returns
// them with the lines they did not use.
func streamTables(page int, lines []*line) ([]*ptable, []*line) {
	if len(lines) == 0 {
		return nil, lines
	}
	tl := make([]tline, len(lines))
	margin := lines[0].x0
	for i, l := range lines {
		tl[i] = splitRuns(l)
		tl[i].page = page
		margin = minf(margin, l.x0)
	}
	var tables []*ptable
	var rest []*line
	used := make([]bool, len(lines))
	for i := 0; i < len(tl); {
		if len(tl[i].runs) < 2 {
			i++
			continue
		}
		start, end := tableExtent(tl, i, margin)
		if tableLike(tl[start:end+1], start == 0) {
			if t := buildStream(tl[start : end+1]); t != nil {
				tables = append(tables, t)
				for k := start; k <= end; k++ {
					used[k] = true
				}
			}
		}
		i = end + 1
	}
	for i, l := range lines {
		if !used[i] {
			rest = append(rest, l)
		}
	}
	return tables, rest
}

// tableExtent is the run of lines from start to end that a borderless table
// starting with the multi-run line i holds.
func tableExtent(tl []tline, i int, margin float64) (start, end int) {
	// extend downwards over multi-run lines and the label fragments
	// between them; a label fragment never reaches the values
	end = i
	vleft := valueLeft(tl[i])
	for j := i + 1; j < len(tl); j++ {
		gap := tl[j-1].l.y0 - tl[j].l.y1
		if gap > 2.5*tl[j].l.size {
			break
		}
		if len(tl[j].runs) >= 2 {
			end = j
			vleft = minf(vleft, valueLeft(tl[j]))
			continue
		}
		if absf(tl[j].l.x0-margin) < tl[j].l.size &&
			(absf(tl[j].l.size-tl[end].l.size) > 0.1*tl[end].l.size ||
				gap > 1.2*tl[j].l.size && (tl[j].l.x1 > vleft || isSectionHeading(tl[j].l.text()))) {
			break // a heading or paragraph at the margin
		}
	}
	// and over the last lines of the last label, set tight below it
	for end+1 < len(tl) && len(tl[end+1].runs) == 1 {
		l, prev := tl[end+1].l, tl[end].l
		if prev.y0-l.y1 >= 0.8*l.size || l.x1 >= vleft || isSectionHeading(l.text()) {
			break
		}
		end++
	}
	// and upwards over the first lines of a label wrapped around its
	// numbers: indented, or at the margin but set tight
	start = i
	for start > 0 && len(tl[start-1].runs) == 1 && i-start < 3 {
		l, next := tl[start-1].l, tl[start].l
		gap := l.y0 - next.y1
		indented := absf(l.x0-margin) > l.size
		tight := gap < 0.8*l.size && l.x1 < vleft && !isSectionHeading(l.text())
		if gap >= 2.5*next.size || !indented && !tight {
			break
		}
		start--
	}
	return start, end
}

// tableLike says whether lines hold a table: two lines with numbers, or
// one wide row of them under a header or at the top of the page (the end
// of a table from the page before: atTop).
func tableLike(tl []tline, atTop bool) bool {
	values, most := 0, 0
	for _, t := range tl {
		if t.nums > 0 {
			values++
		}
		most = max(most, t.nums)
	}
	return values >= 2 || values == 1 && most >= 3 && (len(tl) > 1 || atTop)
}

// buildStream lays the lines of one borderless table out on a grid.
func buildStream(tl []tline) *ptable {
	cols := streamColumns(tl)
	tl = splitAligned(tl, cols.left)
	cols.labelCuts(tl)
	rows, anchor := streamRows(tl, cols.left)
	if len(rows) == 0 {
		return nil
	}
	nl := len(cols.lcuts) + 1 // label columns; the last is the innermost
	rows = placeRuns(tl, anchor, rows, nl, cols.left, cols.colOf)
	t := &ptable{page: rows[0].page, top: rows[0].top - rows[0].dy, rows: len(rows), cols: cols.count(), vcols: cols.vcols}
	t.keepLines(tl)
	t.xs = cols.edges(tl)
	t.cur, t.tail = t.xs, t.xs
	t.cells = streamCells(rows, t.xs, nl, t.cols)
	return t
}

// streamCols are a borderless table's columns: label columns cut by the
// gaps between label runs, then value columns centred on numbers.
type streamCols struct {
	left  float64   // where the first number starts: labels lie left of it
	vcols []float64 // value columns' centres
	lcuts []float64 // borders between label columns
	size  float64   // the font size, for tolerances
}

func streamColumns(tl []tline) *streamCols {
	var centers []float64
	cols := &streamCols{left: 1e9, size: tl[0].l.size}
	for _, t := range tl {
		for _, r := range t.runs {
			if r.num {
				centers = append(centers, r.cx())
				cols.left = minf(cols.left, r.x0)
			}
		}
	}
	cols.vcols = clusterBy(centers, 1.5*cols.size)
	return cols
}

// labelCuts finds the label columns from the runs left of the numbers.
func (cols *streamCols) labelCuts(tl []tline) {
	var label []run
	for _, t := range tl {
		for _, r := range t.runs {
			if r.x1 < cols.left {
				label = append(label, r)
			}
		}
	}
	cols.lcuts = labelCuts(label)
}

func (cols *streamCols) count() int { return len(cols.lcuts) + 1 + len(cols.vcols) }

// colOf is the grid column a run starts in and how many it spans: a label
// run its label column, a number the value columns it covers, or else the
// nearest.
func (cols *streamCols) colOf(r run) (int, int) {
	if r.x1 < cols.left {
		return sort.SearchFloat64s(cols.lcuts, r.cx()), 1
	}
	lo, hi := -1, -1
	for k, x := range cols.vcols {
		if x >= r.x0-cols.size/2 && x <= r.x1+cols.size/2 {
			if lo < 0 {
				lo = k
			}
			hi = k
		}
	}
	if lo < 0 {
		best := 0
		for k, x := range cols.vcols {
			if absf(x-r.cx()) < absf(cols.vcols[best]-r.cx()) {
				best = k
			}
		}
		lo, hi = best, best
	}
	return len(cols.lcuts) + 1 + lo, hi - lo + 1
}

// edges are the x of the column borders, the table's left and right
// edges included.
func (cols *streamCols) edges(tl []tline) []float64 {
	xs := append([]float64{tl[0].l.x0}, cols.lcuts...)
	xs = append(xs, cols.left)
	for k := 1; k < len(cols.vcols); k++ {
		xs = append(xs, (cols.vcols[k-1]+cols.vcols[k])/2)
	}
	return append(xs, maxLineX(tl))
}

// streamRows makes a row of each line with numbers, or with runs across
// the value area; label fragments join them later (see labels.go). anchor
// is each line's row, -1 for a fragment.
func streamRows(tl []tline, left float64) (rows []*streamRow, anchor []int) {
	anchor = make([]int, len(tl))
	for i, t := range tl {
		own := t.nums > 0
		for _, r := range t.runs {
			if r.x1 >= left {
				own = true
			}
		}
		anchor[i] = -1
		if own {
			anchor[i] = len(rows)
			rows = append(rows, &streamRow{y: t.l.base(), parts: map[int][]string{}, spans: map[int]int{}, top: t.l.y1, bot: t.l.y0,
				page: t.page, dy: t.dy})
		}
	}
	return rows, anchor
}

// streamCells lays the rows' texts into cells. An outer label column's
// text spanning a run of numbered items (a group label such as （三）不予公开)
// is one cell down those rows.
func streamCells(rows []*streamRow, xs []float64, nl, ncols int) []*tcell {
	var cells []*tcell
	groups := groupSpans(rows, nl, func(r int) string { return joinLines(rows[r].parts[nl-1]) })
	for r, rw := range rows {
		for c := 0; c < ncols; {
			if c < nl-1 {
				if g, ok := groups.span[[2]int{r, c}]; ok {
					cells = append(cells, groupCell(rows, xs, r, c, g))
					c++
					continue
				}
				if groups.covered[[2]int{r, c}] {
					c++
					continue
				}
			}
			span := min(max(rw.spans[c], 1), ncols-c)
			cells = append(cells, &tcell{r: r, c: c, rs: 1, cs: span, text: joinLines(rw.parts[c]), page: rw.page,
				box: boxOf(xs, c, span, rw.bot-rw.dy, rw.top-rw.dy)})
			c += span
		}
	}
	return cells
}

// groupCell is the cell of a group label spanning g rows from row r.
func groupCell(rows []*streamRow, xs []float64, r, c, g int) *tcell {
	rw := rows[r]
	var parts []string
	for k := r; k < r+g; k++ {
		parts = append(parts, rows[k].parts[c]...)
	}
	bot := rw.bot
	for k := r; k < r+g && rows[k].page == rw.page; k++ {
		bot = rows[k].bot
	}
	return &tcell{r: r, c: c, rs: g, cs: 1, text: joinLines(parts), page: rw.page, box: boxOf(xs, c, 1, bot-rw.dy, rw.top-rw.dy)}
}

func maxLineX(tl []tline) float64 {
	x := 0.0
	for _, t := range tl {
		x = maxf(x, t.l.x1)
	}
	return x
}

func boxOf(xs []float64, c, span int, y0, y1 float64) extract.Box {
	return extract.Box{X0: xs[min(c, len(xs)-1)], Y0: y0, X1: xs[min(c+span, len(xs)-1)], Y1: y1}
}

// clusterBy groups sorted positions closer than d and returns the means.
func clusterBy(ps []float64, d float64) []float64 {
	sort.Float64s(ps)
	var out []float64
	var sum float64
	n := 0
	for i, p := range ps {
		if i > 0 && p-ps[i-1] > d {
			out = append(out, sum/float64(n))
			sum, n = 0, 0
		}
		sum += p
		n++
	}
	if n > 0 {
		out = append(out, sum/float64(n))
	}
	return out
}

// groupSpans merges an outer label column over each run of numbered items
// (1., 2., ...) of the innermost column that holds label fragments: a group
// label such as "(三)不予公开" printed beside its items, without rules to
// say how far it reaches. The result maps {first row, column} to the row
// count, and {-1-row, column} to 1 for the rows the group covers.
// labelGroups are the group labels of a borderless table: span holds the
// rows a group cell spans, by its first row and column; covered the other
// rows and columns it covers.
type labelGroups struct {
	span    map[[2]int]int
	covered map[[2]int]bool
}

func groupSpans(rows []*streamRow, nl int, label func(int) string) labelGroups {
	out := labelGroups{span: map[[2]int]int{}, covered: map[[2]int]bool{}}
	for r := 0; r < len(rows); {
		if itemNumber(label(r)) != 1 {
			r++
			continue
		}
		end := r + 1
		for end < len(rows) && itemNumber(label(end)) == itemNumber(label(end-1))+1 {
			end++
		}
		for c := 0; c < nl-1; c++ {
			has := false
			for k := r; k < end; k++ {
				if len(rows[k].parts[c]) > 0 {
					has = true
				}
			}
			if has && end-r > 1 {
				out.span[[2]int{r, c}] = end - r
				for k := r + 1; k < end; k++ {
					out.covered[[2]int{k, c}] = true
				}
			}
		}
		r = end
	}
	return out
}
