// Package output is the last step of the gongkai pipeline: it writes
// records in the formats analysts load — JSON Lines (the contract, one record
// a line), a JSON array, CSV with one column per canonical key, and Apache
// Parquet with typed columns.
package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
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

// Formats lists the formats New accepts.
var Formats = []string{"jsonl", "json", "csv", "parquet"}

// FormatFor picks the format from an output file name's extension; JSON
// Lines when it names none we know.
func FormatFor(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json"
	case ".csv":
		return "csv"
	case ".parquet":
		return "parquet"
	}
	return "jsonl"
}

// New returns a writer of the named format.
func New(format string, w io.Writer) (Writer, error) {
	switch format {
	case "jsonl", "ndjson", "":
		return &jsonLines{w: w}, nil
	case "json":
		return &jsonArray{w: bufio.NewWriter(w)}, nil
	case "csv":
		return newCSV(w), nil
	case "parquet":
		return newParquet(w), nil
	}
	return nil, fmt.Errorf("output: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
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
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("output: %s: %w", rec.Source.Path, err)
	}
	return append(b, '\n'), nil
}

// jsonArray writes one JSON array, a record per line inside it.
type jsonArray struct {
	w *bufio.Writer
	n int
}

func (j *jsonArray) Write(rec schema.Record) error {
	b, err := json.Marshal(rec)
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
