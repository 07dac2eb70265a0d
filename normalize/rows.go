package normalize

import "github.com/gongkai/gongkai/extract"

// row is one grid row of a table, split into what labels it and what it
// counts. Labels include cells spanning down from rows above (a group label
// such as （三）不予公开 belongs to each of its items).
type row struct {
	table  *extract.Table
	index  int             // grid row
	grid   []*extract.Cell // the grid row: the cell covering each column
	labels []*extract.Cell // text cells, left to right
	values []*extract.Cell // number-like cells right of the last label, starting in this row
}

// rowsOf splits a table into rows.
func rowsOf(t *extract.Table) []row {
	g := t.Grid()
	rows := make([]row, 0, len(g))
	// The rows' labels and values are runs of one slice, gathered row by
	// row in two slices used again: appended to row by row, they were a
	// tenth of a document's allocations.
	n := 0
	for _, line := range g {
		n += len(line)
	}
	all := make([]*extract.Cell, 0, n)
	take := func(cs []*extract.Cell) []*extract.Cell {
		if len(cs) == 0 {
			return nil
		}
		all = append(all, cs...)
		return all[len(all)-len(cs) : len(all) : len(all)]
	}
	var labels, values []*extract.Cell
	for r, line := range g {
		labels, values = labels[:0], values[:0]
		var last *extract.Cell
		for _, c := range line {
			if c == nil || c == last { // a merged cell covers columns side by side
				continue
			}
			last = c
			if _, isValue := cellValue(c); isValue || c.Unread { // an unread figure is still a value cell
				if c.Row == r {
					values = append(values, c)
				}
				continue
			}
			labels = append(labels, c)
			values = values[:0] // values count only right of the last label
		}
		rows = append(rows, row{table: t, index: r, grid: line, labels: take(labels), values: take(values)})
	}
	return rows
}

// labelTexts returns the canon texts of the row's labels, without repeats.
func (r row) labelTexts() []string {
	var out []string
	for _, c := range r.labels {
		t := canon(c.Text)
		if t != "" && (len(out) == 0 || out[len(out)-1] != t) {
			out = append(out, t)
		}
	}
	return out
}

// hasNumber reports whether any value cell prints a number, not a blank.
func (r row) hasNumber() bool {
	for _, c := range r.values {
		if v, _ := cellValue(c); !v.blank {
			return true
		}
	}
	return false
}

// span is a header column's extent in grid columns.
type span struct{ from, to int } // to is exclusive

func spanOf(c *extract.Cell) span { return span{c.Col, c.Col + max(c.ColSpan, 1)} }

func overlap(a, b span) int { return max(0, min(a.to, b.to)-max(a.from, b.from)) }

// align picks n value cells for n header columns. Cells are matched in
// order when their count fits, which survives header and value cells whose
// column spans disagree; surplus blank cells at the ends (from merged label
// columns, trailing tabs) are dropped; otherwise cells go to the header
// column they overlap most. A nil entry is a value the row does not print.
func align(values []*extract.Cell, header []span, n int) (out []*extract.Cell, exact bool) {
	vs := values
	if len(vs) > n {
		for len(vs) > n && isBlank(vs[len(vs)-1]) {
			vs = vs[:len(vs)-1]
		}
		for len(vs) > n && isBlank(vs[0]) {
			vs = vs[1:]
		}
	}
	if len(vs) == n {
		return vs, true
	}
	out = make([]*extract.Cell, n)
	if len(header) != n {
		// No positions to go by: right-align, as value columns end a row.
		if len(values) > n {
			return values[len(values)-n:], false
		}
		copy(out[n-len(values):], values)
		return out, false
	}
	for _, c := range values {
		best, most := -1, 0
		for i, h := range header {
			if o := overlap(spanOf(c), h); o > most {
				best, most = i, o
			}
		}
		if best >= 0 && out[best] == nil {
			out[best] = c
		}
	}
	return out, false
}

func isBlank(c *extract.Cell) bool {
	v, ok := cellValue(c)
	return ok && v.blank
}
