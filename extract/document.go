// Package extract is the first stage of the gongkai pipeline: it turns a file
// (PDF, Word, HTML or text) into a format-neutral Document of paragraphs and
// table grids. Each cell remembers where it came from, so that every value
// the later stages (normalize, schema) report can be traced to its source.
//
// The format readers live in sub-packages (extract/pdf, extract/docx,
// extract/html, extract/text) and are collected in an explicit Registry.
package extract

import "strings"

// Document is what an extractor reads from one file: its blocks in reading
// order. Extractors never interpret the content; normalize does.
type Document struct {
	Format string // "pdf", "docx", "html", "txt", ...
	Pages  int    // number of pages when the format has pages, else 0
	// Title is what the file's metadata calls it (an HTML page's <title>),
	// often with a site's name around it. It is a hint, not the report's
	// printed title.
	Title string
	// Published is the date the file's metadata says it was published
	// (an HTML page's <meta name="PubDate">), as YYYY-MM-DD; empty when
	// it says none.
	Published string
	// Images counts the pictures in the document: a report whose tables
	// are pictures has none that can be read as text.
	Images int
	Blocks []Block // paragraphs and tables in reading order
	// Problems are parts of the file that could not be read (a page that
	// failed, a table that was cut). The rest of the document still counts.
	Problems []Problem
	// OCRPages counts the pages (a Word document's pictures) whose text
	// was read by OCR; their cells carry its confidence (Cell.Confidence).
	OCRPages int
}

// Problem is a recoverable failure inside a document.
type Problem struct {
	// Kind classes the problem, as schema.ProblemKind names it; empty for
	// a part of the file that could not be read.
	Kind    string
	Page    int // 0 when not tied to a page
	Message string
}

// Block is one paragraph or one table; exactly one field is set.
type Block struct {
	Para  *Paragraph
	Table *Table
}

// Paragraph is a run of text: a heading, a sentence group, a line.
type Paragraph struct {
	Text string
	Page int // 1-based; 0 when the format has no pages
}

// Table is a grid of cells. Rows hold only the cells that start in them; a
// cell spanning rows appears once, in its first row.
type Table struct {
	Index int // 1-based position among the document's tables
	Page  int // page of the first row; 0 when the format has no pages
	Rows  [][]Cell
}

// Cell is one table cell with its grid position and extent.
type Cell struct {
	Text    string
	Row     int // 0-based grid row
	Col     int // 0-based grid column
	RowSpan int // at least 1
	ColSpan int // at least 1
	Page    int // page the cell was printed on; 0 when unknown
	Box     *Box
	// Unread says the cell holds a figure OCR could not read: its text is
	// what OCR saw, not a figure, and no value is taken from it.
	Unread bool
	// Confidence is OCR's in the cell's text, 0–100: that of its least
	// sure character. It is nil for a cell not read by OCR, or in which
	// OCR read nothing.
	Confidence *float64
}

// Box is a cell's rectangle on a PDF page, in points from the bottom left.
type Box struct {
	X0, Y0, X1, Y1 float64
}

// Text joins the document's paragraphs and table cells into plain text, one
// paragraph or table row per line: useful for metadata and for people.
func (d *Document) Text() string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch {
		case bl.Para != nil:
			b.WriteString(bl.Para.Text)
			b.WriteByte('\n')
		case bl.Table != nil:
			for _, row := range bl.Table.Rows {
				for i, c := range row {
					if i > 0 {
						b.WriteByte('\t')
					}
					b.WriteString(c.Text)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// Tables returns the document's tables in order.
func (d *Document) Tables() []*Table {
	var ts []*Table
	for _, bl := range d.Blocks {
		if bl.Table != nil {
			ts = append(ts, bl.Table)
		}
	}
	return ts
}

// Grid expands the table into a rectangle: Grid()[r][c] is the cell covering
// row r, column c, or nil where no cell does. Spanned positions point at the
// same cell.
func (t *Table) Grid() [][]*Cell {
	rows, cols := 0, 0
	for _, row := range t.Rows {
		for i := range row {
			c := &row[i]
			rows = max(rows, c.Row+max(c.RowSpan, 1))
			cols = max(cols, c.Col+max(c.ColSpan, 1))
		}
	}
	g := make([][]*Cell, rows)
	for r := range g {
		g[r] = make([]*Cell, cols)
	}
	for _, row := range t.Rows {
		for i := range row {
			c := &row[i]
			for r := c.Row; r < c.Row+max(c.RowSpan, 1); r++ {
				for k := c.Col; k < c.Col+max(c.ColSpan, 1); k++ {
					if g[r][k] == nil {
						g[r][k] = c
					}
				}
			}
		}
	}
	return g
}
