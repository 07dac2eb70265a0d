package extract

import (
	"fmt"
	"io"
	"strings"
)

// Dump writes a document in a stable, readable form: one paragraph a line,
// and tables row by row with each cell's column, span and page. Golden
// files of the extractors' tests are dumps, and `gongkai dump` prints one.
func Dump(w io.Writer, d *Document) {
	if d.Title != "" {
		fmt.Fprintf(w, "title: %s\n", d.Title)
	}
	for _, b := range d.Blocks {
		switch {
		case b.Para != nil:
			fmt.Fprintf(w, "P%s %s\n", pageTag(b.Para.Page), b.Para.Text)
		case b.Table != nil:
			t := b.Table
			fmt.Fprintf(w, "T%d%s %d rows\n", t.Index, pageTag(t.Page), len(t.Rows))
			for r, row := range t.Rows {
				cells := make([]string, len(row))
				for i, c := range row {
					span := ""
					if c.RowSpan > 1 || c.ColSpan > 1 {
						span = fmt.Sprintf("+%dx%d", c.RowSpan, c.ColSpan)
					}
					page := ""
					if c.Page != t.Page && c.Page != 0 {
						page = pageTag(c.Page)
					}
					cells[i] = fmt.Sprintf("c%d%s%s:%s", c.Col, span, page, c.Text)
				}
				fmt.Fprintf(w, "  r%d %s\n", r, strings.Join(cells, " | "))
			}
		}
	}
}

func pageTag(p int) string {
	if p == 0 {
		return ""
	}
	return fmt.Sprintf("@p%d", p)
}
