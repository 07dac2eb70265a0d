// Package output is the last step of the gongkai pipeline: it writes
// records in the formats analysts load — JSON Lines (the contract, one record
// a line), a JSON array, CSV with one column per canonical key, Apache
// Parquet with typed columns, and an Excel workbook — in the wide layout (a
// row a report) or the long one (a row a value).
package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// Writer writes records one at a time. Close finishes the format (a JSON
// array's closing bracket) and flushes; it does not close the underlying
// io.Writer.
type Writer interface {
	Write(rec schema.Record) error
	Close() error
}

// Format is one output format: its name, the file extensions that choose
// it, and how to make its writer.
type Format struct {
	Name       string
	Extensions []string // with the dot, lower case
	// Seekable says the format needs a file, not a stream: Parquet
	// writes its index at the end.
	Seekable bool
	New      func(io.Writer, Layout) Writer
}

// encoders is the one list of formats; JSON Lines, the contract, first.
var encoders = []Format{
	{Name: "jsonl", Extensions: []string{".jsonl", ".ndjson"}, New: func(w io.Writer, l Layout) Writer {
		if l == Long {
			return &jsonRows{w: bufio.NewWriter(w), shape: shapeOf(l)}
		}
		return &jsonLines{w: w}
	}},
	{Name: "json", Extensions: []string{".json"}, New: func(w io.Writer, l Layout) Writer {
		if l == Long {
			return &jsonRows{w: bufio.NewWriter(w), shape: shapeOf(l), array: true}
		}
		return &jsonArray{w: bufio.NewWriter(w)}
	}},
	{Name: "csv", Extensions: []string{".csv"}, New: func(w io.Writer, l Layout) Writer { return newCSV(w, l) }},
	{Name: "parquet", Extensions: []string{".parquet"}, Seekable: true, New: func(w io.Writer, l Layout) Writer { return newParquet(w, l) }},
	{Name: "xlsx", Extensions: []string{".xlsx"}, New: func(w io.Writer, l Layout) Writer { return newXLSX(w, l) }},
}

// Formats lists the names of the formats New accepts.
var Formats = func() []string {
	var names []string
	for _, e := range encoders {
		names = append(names, e.Name)
	}
	return names
}()

func exts() string {
	var es []string
	for _, e := range encoders {
		es = append(es, e.Extensions...)
	}
	return strings.Join(es, ", ")
}

// Lookup returns the format of that name.
func Lookup(name string) (Format, bool) {
	for _, e := range encoders {
		if e.Name == name {
			return e, true
		}
	}
	return Format{}, false
}

// FormatFor picks the format from an output file name's extension: JSON
// Lines, the contract, when there is no file or the name has no extension,
// and "" for an extension no format has (out.txt, out.xlsx), which New
// refuses rather than writing JSON Lines under a misleading name.
func FormatFor(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if path == "" || path == "-" || ext == "" {
		return encoders[0].Name
	}
	for _, e := range encoders {
		if slices.Contains(e.Extensions, ext) {
			return e.Name
		}
	}
	return ""
}

// New returns a writer of the named format in the layout ("" is Wide).
func New(format string, l Layout, w io.Writer) (Writer, error) {
	switch l {
	case "":
		l = Wide
	case Wide, Long:
	default:
		return nil, fmt.Errorf("output: unknown layout %q (want %s)", l, strings.Join(Layouts, " or "))
	}
	e, ok := Lookup(format)
	if !ok && format == "" {
		return nil, fmt.Errorf("output: the file name's extension names no format: use one of %s (or --format)", exts())
	}
	if !ok {
		return nil, fmt.Errorf("output: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	return e.New(w, l), nil
}

// jsonLines writes one record a line, each in one write with its newline
// last, so that a killed run leaves whole lines behind, at most one torn
// line at the end and never a line that ends but is cut.
type jsonLines struct{ w io.Writer }

func (j *jsonLines) Write(rec schema.Record) error {
	b, err := Line(rec)
	if err != nil {
		return err
	}
	return j.WriteLine(b)
}

func (j *jsonLines) WriteLine(line []byte) error {
	_, err := j.w.Write(line)
	return err
}

func (j *jsonLines) Close() error { return nil }

// LineWriter is a Writer that also takes records already encoded by Line:
// the JSON Lines writer. Encoding is most of the cost of writing, so a
// program converting on many goroutines encodes on them and writes in order.
type LineWriter interface {
	Writer
	WriteLine(line []byte) error
}

// Line encodes a record as one JSON Lines line, its newline included.
func Line(rec schema.Record) ([]byte, error) {
	b, err := marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("output: %s: %w", rec.Source.Path, err)
	}
	return append(b, '\n'), nil
}

// marshal is json.Marshal of a record, without json.Marshal's second pass
// over what Record.MarshalJSON writes (compacting and checking it again, a
// tenth of a one-file run): MarshalJSON's strings all come from
// json.Marshal already, escaped as it escapes them.
func marshal(rec schema.Record) ([]byte, error) { return rec.MarshalJSON() }

// jsonArray writes one JSON array, a record per line inside it.
type jsonArray struct {
	w *bufio.Writer
	n int
}

func (j *jsonArray) Write(rec schema.Record) error {
	b, err := marshal(rec)
	if err != nil {
		return fmt.Errorf("output: %s: %w", rec.Source.Path, err)
	}
	if j.n == 0 {
		j.w.WriteString("[\n")
	} else {
		j.w.WriteString(",\n")
	}
	j.n++
	j.w.Write(b)
	return nil
}

func (j *jsonArray) Close() error {
	if j.n == 0 {
		j.w.WriteString("[")
	}
	j.w.WriteString("\n]\n")
	return j.w.Flush()
}

// jsonRows writes the rows of a layout as JSON objects keyed by column,
// nulls left out: one a line, or one JSON array.
type jsonRows struct {
	w     *bufio.Writer
	shape shape
	array bool
	n     int
}

func (j *jsonRows) Write(rec schema.Record) error {
	for _, row := range j.shape.rows(rec) {
		switch {
		case !j.array:
		case j.n == 0:
			j.w.WriteString("[\n")
		default:
			j.w.WriteString(",\n")
		}
		j.n++
		j.w.WriteByte('{')
		first := true
		for i, v := range row {
			if v == nil {
				continue
			}
			if !first {
				j.w.WriteByte(',')
			}
			first = false
			k, _ := json.Marshal(j.shape.columns[i].name)
			b, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("output: %s: %w", rec.Source.Path, err)
			}
			j.w.Write(k)
			j.w.WriteByte(':')
			j.w.Write(b)
		}
		j.w.WriteByte('}')
		if !j.array {
			j.w.WriteByte('\n')
		}
	}
	return j.w.Flush()
}

func (j *jsonRows) Close() error {
	if j.array {
		if j.n == 0 {
			j.w.WriteString("[")
		}
		j.w.WriteString("\n]\n")
	}
	return j.w.Flush()
}
