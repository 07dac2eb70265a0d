package extract

// NewTable lays out rows of cells the way HTML does: each cell takes the
// first column of its row not yet covered by a cell spanning down from above.
// Cells come in with Text, spans and Page set; Row and Col are filled in.
func NewTable(index, page int, rows [][]Cell) *Table {
	// covered[r][c]: taken by a cell from an earlier row. Rows past the
	// last are never asked about: a rowspan reaching them covers nothing.
	covered := make([][]bool, len(rows))
	cover := func(r, c int) {
		if c >= len(covered[r]) {
			covered[r] = append(covered[r], make([]bool, c+1-len(covered[r]))...)
		}
		covered[r][c] = true
	}
	taken := func(r, c int) bool { return c < len(covered[r]) && covered[r][c] }
	for r, row := range rows {
		col := 0
		for i := range row {
			c := &row[i]
			c.RowSpan, c.ColSpan = max(c.RowSpan, 1), max(c.ColSpan, 1)
			for taken(r, col) {
				col++
			}
			c.Row, c.Col = r, col
			// Its own row's columns are behind col from here on: only
			// the rows below are marked.
			for dr := 1; dr < c.RowSpan && r+dr < len(rows); dr++ {
				for dc := 0; dc < c.ColSpan; dc++ {
					cover(r+dr, col+dc)
				}
			}
			col += c.ColSpan
		}
	}
	// A rowspan reaching past the last row is clipped, as browsers do.
	for r, row := range rows {
		for i := range row {
			row[i].RowSpan = min(row[i].RowSpan, len(rows)-r)
		}
	}
	return &Table{Index: index, Page: page, Rows: rows}
}
