package docx

import "github.com/gongkai/gongkai/extract"

// grid places a table's cells on its grid. Word stores a vertically merged
// cell as a first cell (w:vMerge="restart") and one continuation cell per
// row below it, each at the same grid column; here the first cell gets the
// RowSpan and the continuations disappear, as in HTML. A cell's column is
// found by counting grid columns: w:gridBefore, then the w:gridSpan of each
// cell to its left. Rows deleted as tracked changes are left out.
func grid(t *table) [][]extract.Cell {
	type at struct{ row, idx int } // a cell that can be continued downwards
	var rows [][]extract.Cell
	var open map[int]at // by grid column, from the row above
	for _, tr := range t.rows {
		if tr.deleted {
			continue
		}
		r := len(rows)
		var out []extract.Cell
		next := map[int]at{}
		col := tr.before
		for _, c := range tr.cells {
			if col >= maxCols {
				break
			}
			span := min(c.span, maxCols-col)
			text := cellText(c.content)
			if c.vmerge == cont {
				// Only a continuation as wide as the first cell continues it:
				// otherwise the merged cell would overlap its neighbours.
				if o, ok := open[col]; ok && rows[o.row][o.idx].ColSpan == span {
					first := &rows[o.row][o.idx]
					first.RowSpan = r - o.row + 1
					// Word shows a continuation's text, if any, in the merged cell.
					first.Text = joinLines([]string{first.Text, text})
					next[col] = o
					col += span
					continue
				}
			}
			if c.hmerge == cont && len(out) > 0 {
				if last := &out[len(out)-1]; last.Col+last.ColSpan == col {
					last.ColSpan += span
					last.Text = joinLines([]string{last.Text, text})
					col += span
					continue
				}
			}
			out = append(out, extract.Cell{Text: text, Row: r, Col: col, RowSpan: 1, ColSpan: span})
			// A continuation with nothing above it starts a merge, as in Word.
			if c.vmerge != noMerge {
				next[col] = at{r, len(out) - 1}
			}
			col += span
		}
		rows = append(rows, out)
		open = next
	}
	return rows
}

// cellText joins a cell's paragraphs; its nested tables are not part of it.
func cellText(content []node) string {
	var lines []string
	for _, n := range content {
		if n.table == nil {
			lines = append(lines, n.lines...)
		}
	}
	return joinLines(lines)
}

// emitter turns nodes into the document's blocks, numbering the tables.
type emitter struct {
	blocks  []extract.Block
	ntables int
}

// nodes emits paragraphs that have text, and tables. A table nested in a
// cell follows the table that holds it, as a table of its own (normalize
// reads grids; a grid flattened into one cell's text could not be read),
// and the outer cell keeps its own text, before and after the inner table.
// A table of one cell that holds a table is a frame drawn around content,
// not data: its content is emitted in its place.
func (e *emitter) nodes(ns []node) {
	for _, n := range ns {
		switch {
		case n.table == nil:
			if s := joinLines(n.lines); s != "" {
				e.blocks = append(e.blocks, extract.Block{Para: &extract.Paragraph{Text: s}})
			}
		case frame(n.table) != nil:
			e.nodes(frame(n.table).content)
		default:
			e.ntables++
			e.blocks = append(e.blocks, extract.Block{Table: &extract.Table{Index: e.ntables, Rows: grid(n.table)}})
			for _, r := range n.table.rows {
				for _, c := range r.cells {
					if !r.deleted {
						e.nested(c.content)
					}
				}
			}
		}
	}
}

// nested emits the tables among a cell's content.
func (e *emitter) nested(content []node) {
	for _, n := range content {
		if n.table != nil {
			e.nodes([]node{n})
		}
	}
}

// frame returns the only cell of a one-cell table that holds a table.
func frame(t *table) *cell {
	var only *cell
	for i := range t.rows {
		r := &t.rows[i]
		if r.deleted {
			continue
		}
		if only != nil || len(r.cells) != 1 {
			return nil
		}
		only = &r.cells[0]
	}
	if only == nil {
		return nil
	}
	for _, n := range only.content {
		if n.table != nil {
			return only
		}
	}
	return nil
}
