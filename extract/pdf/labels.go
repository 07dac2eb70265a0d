package pdf

import (
	"sort"
)

// Label fragments of a borderless table. A label that wraps puts its lines
// above and below the line that holds its row's numbers (cells are
// centred vertically), so "nearest line" sends the last line of one label
// to the next row. Instead, the fragments of each label column are cut
// into labels, a new one starting where a label's numbering starts ("2.",
// "（三", "四、") or after a vertical gap, and each label goes whole to a
// row: in the innermost column to the row whose numbers lie within it, in
// outer columns (group labels spanning their items) to the row nearest
// its middle.

type lrun struct {
	r         run
	line      int
	col, span int
}

// placeRuns puts every run of the table's lines into a row: value runs into
// their own line's row, label runs as described above.
func placeRuns(tl []tline, anchor []int, rows []*streamRow, nl int, left float64, colOf func(run) (int, int)) []*streamRow {
	byCol := map[int][]lrun{}
	for i, t := range tl {
		for _, r := range t.runs {
			c, span := colOf(r)
			if r.x1 >= left {
				rows[anchor[i]].add(c, span, r.text, t.l)
				continue
			}
			byCol[c] = append(byCol[c], lrun{r, i, c, span})
		}
	}
	pitch := linePitch(tl)
	for c, runs := range byCol {
		for _, seg := range labelSegments(runs, tl, pitch, anchor) {
			row := -1
			if c == nl-1 && !hasAnchor(seg, anchor) && !nearRow(seg, tl, rows, c) {
				l := tl[seg[0].line]
				rows = append(rows, &streamRow{y: l.l.base(), parts: map[int][]string{}, spans: map[int]int{},
					top: l.l.y1, bot: l.l.y0, page: l.page, dy: l.dy})
				row = len(rows) - 1
			}
			for _, lr := range seg {
				r := row
				if r < 0 {
					r = segmentRow(seg, lr, tl, anchor, rows, c == nl-1)
				}
				rows[r].add(lr.col, lr.span, lr.r.text, tl[lr.line].l)
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].y > rows[j].y })
	return rows
}

// nearRow reports a row without a label in column c whose line is within
// ¾ em of a label's first line: its own row, a little out of line.
func nearRow(seg []lrun, tl []tline, rows []*streamRow, c int) bool {
	l := tl[seg[0].line].l
	for _, r := range rows {
		if absf(r.y-l.base()) < 0.75*l.size && len(r.parts[c]) == 0 {
			return true
		}
	}
	return false
}

// hasAnchor reports whether a row's line lies within a label.
func hasAnchor(seg []lrun, anchor []int) bool {
	for i := seg[0].line; i <= seg[len(seg)-1].line; i++ {
		if anchor[i] >= 0 {
			return true
		}
	}
	return false
}

func (rw *streamRow) add(c, span int, text string, l *line) {
	rw.parts[c] = append(rw.parts[c], text)
	rw.spans[c] = max(rw.spans[c], span)
	rw.top, rw.bot = maxf(rw.top, l.y1), minf(rw.bot, l.y0)
}

// labelSegments cuts one column's runs (top to bottom) into labels.
func labelSegments(runs []lrun, tl []tline, pitch float64, anchor []int) [][]lrun {
	// the column's own line pitch: numbers centred between the lines of
	// a label halve the table's
	var ds []float64
	for i := 1; i < len(runs); i++ {
		if d := tl[runs[i-1].line].l.base() - tl[runs[i].line].l.base(); d >= 0.9*tl[runs[i].line].l.size {
			ds = append(ds, d)
		}
	}
	if len(ds) > 0 {
		pitch = median(ds)
	}
	var segs [][]lrun
	for i, lr := range runs {
		if i > 0 {
			prev := runs[i-1]
			same := prev.line == lr.line
			gap := tl[prev.line].l.base() - tl[lr.line].l.base()
			// a header row (no numbers) does not continue a label above it
			// unless set tight below it
			header := anchor[lr.line] >= 0 && tl[lr.line].nums == 0 &&
				tl[prev.line].l.y0-tl[lr.line].l.y1 >= 0.8*tl[lr.line].l.size
			if same || gap <= 1.6*pitch && !header && !startsLabel(lr.r.text) {
				segs[len(segs)-1] = append(segs[len(segs)-1], lr)
				continue
			}
		}
		segs = append(segs, []lrun{lr})
	}
	return segs
}

// segmentRow chooses the row a run of a label goes to.
func segmentRow(seg []lrun, lr lrun, tl []tline, anchor []int, rows []*streamRow, inner bool) int {
	first, last := seg[0].line, seg[len(seg)-1].line
	mid := (tl[first].l.base() + tl[last].l.base()) / 2
	if inner {
		if anchor[lr.line] >= 0 {
			return anchor[lr.line]
		}
		// the rows whose lines lie within the label; the nearest of them
		best, bestD := -1, 0.0
		for i := first; i <= last; i++ {
			if anchor[i] >= 0 {
				if d := absf(tl[i].l.base() - tl[lr.line].l.base()); best < 0 || d < bestD {
					best, bestD = anchor[i], d
				}
			}
		}
		if best >= 0 {
			return best
		}
	}
	best := 0
	for k, r := range rows {
		if absf(r.y-mid) < absf(rows[best].y-mid) {
			best = k
		}
	}
	return best
}

// linePitch is the usual distance between a table's lines.
func linePitch(tl []tline) float64 {
	var ds []float64
	for i := 1; i < len(tl); i++ {
		if d := tl[i-1].l.base() - tl[i].l.base(); d > 0 {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return tl[0].l.size * 1.5
	}
	return median(ds)
}
