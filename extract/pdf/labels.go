package pdf

import (
	"regexp"
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

// labelStart matches what only the first line of a label begins with.
var labelStart = regexp.MustCompile(`^\s*([0-9０-９]+\s*[.．、]|[（(]\s*[一二三四五六七八九十]+|[一二三四五六七八九十]+\s*、)`)

type lrun struct {
	r         run
	line      int
	col, span int
}

// placeRuns puts every run of the table's lines into a row: value runs into
// their own line's row, label runs as described above.
func placeRuns(tl []tline, anchor []int, rows []*streamRow, nl int, left float64, colOf func(run) (int, int)) {
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
		for _, seg := range labelSegments(runs, tl, pitch) {
			for _, lr := range seg {
				row := segmentRow(seg, lr, tl, anchor, rows, c == nl-1)
				rows[row].add(lr.col, lr.span, lr.r.text, tl[lr.line].l)
			}
		}
	}
}

func (rw *streamRow) add(c, span int, text string, l *line) {
	rw.parts[c] = append(rw.parts[c], text)
	rw.spans[c] = max(rw.spans[c], span)
	rw.top, rw.bot = maxf(rw.top, l.y1), minf(rw.bot, l.y0)
}

// labelSegments cuts one column's runs (top to bottom) into labels.
func labelSegments(runs []lrun, tl []tline, pitch float64) [][]lrun {
	var segs [][]lrun
	for i, lr := range runs {
		if i > 0 {
			prev := runs[i-1]
			same := prev.line == lr.line
			gap := tl[prev.line].l.base() - tl[lr.line].l.base()
			if same || gap <= 1.6*pitch && !labelStart.MatchString(lr.r.text) {
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
