package output

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/gongkai/gongkai/schema"
)

// csvWriter writes the rows of a layout, lists joined (rules with ";",
// problems "kind: message" one a line). It starts with a UTF-8 byte order
// mark so that Excel reads the Chinese correctly.
type csvWriter struct {
	w      io.Writer
	c      *csv.Writer
	shape  shape
	header bool
}

func newCSV(w io.Writer, l Layout) *csvWriter {
	return &csvWriter{w: w, c: csv.NewWriter(w), shape: shapeOf(l)}
}

func (cw *csvWriter) Write(rec schema.Record) error {
	if !cw.header {
		cw.header = true
		if _, err := io.WriteString(cw.w, "\uFEFF"); err != nil {
			return err
		}
		var h []string
		for _, c := range cw.shape.columns {
			h = append(h, c.name)
		}
		if err := cw.c.Write(h); err != nil {
			return err
		}
	}
	for _, row := range cw.shape.rows(rec) {
		out := make([]string, len(row))
		for i, v := range row {
			out[i] = cellText(cw.shape.columns[i], v)
		}
		if err := cw.c.Write(out); err != nil {
			return err
		}
	}
	cw.c.Flush()
	return cw.c.Error()
}

func (cw *csvWriter) Close() error {
	cw.c.Flush()
	return cw.c.Error()
}

// cellText is a cell as text: "" for nothing, numbers as short as they
// print exactly.
func cellText(c column, v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []string:
		return joinList(c, v)
	}
	return ""
}
