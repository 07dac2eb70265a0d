package output

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// The CSV has the Parquet output's columns, in its order (metaColumns, a
// column per key of fields.tsv, one per narrative key); lists are joined:
// rules with ";", problems ("kind: message") one a line.

// csvWriter writes one row a report: metadata, then a column per key of
// fields.tsv, empty where the report prints no value. It starts with a
// UTF-8 byte order mark so that Excel reads the Chinese correctly.
type csvWriter struct {
	w      io.Writer
	c      *csv.Writer
	header bool
}

func newCSV(w io.Writer) *csvWriter { return &csvWriter{w: w, c: csv.NewWriter(w)} }

// Header returns the CSV's column names.
func Header() []string {
	var h []string
	for _, c := range metaColumns {
		h = append(h, c.name)
	}
	for _, f := range schema.Fields() {
		h = append(h, f.Key)
	}
	for _, k := range schema.NarrativeKeys {
		h = append(h, "narrative."+k.Key)
	}
	return h
}

func (cw *csvWriter) Write(rec schema.Record) error {
	if !cw.header {
		cw.header = true
		if _, err := io.WriteString(cw.w, "\uFEFF"); err != nil {
			return err
		}
		if err := cw.c.Write(Header()); err != nil {
			return err
		}
	}
	var body schema.Body
	if rec.Report.Body != nil {
		body = *rec.Report.Body
	}
	row := []string{
		rec.Source.Path, rec.Source.SHA256, strconv.FormatInt(rec.Source.Size, 10), rec.Source.Format, itoa(rec.Source.Pages), string(rec.Status), rec.Error,
		string(rec.ErrorKind), rec.Source.DuplicateOf, rec.Report.Title, rec.Report.Agency, body.ID, body.Division, string(body.Kind), itoa(rec.Report.Year), string(rec.Report.Template),
		strings.Join(failedRules(rec.Checks), ";"), strings.Join(failedRules(rec.NarrativeChecks), ";"), strings.Join(ProblemStrings(rec.Problems), "\n"),
	}
	for _, f := range schema.Fields() {
		if v, ok := rec.Values[f.Key]; ok {
			row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
		} else {
			row = append(row, "")
		}
	}
	for _, k := range schema.NarrativeKeys {
		if st, ok := rec.Narrative[k.Key]; ok {
			row = append(row, strconv.FormatFloat(st.Value, 'f', -1, 64))
		} else {
			row = append(row, "")
		}
	}
	if err := cw.c.Write(row); err != nil {
		return err
	}
	cw.c.Flush()
	return cw.c.Error()
}

func (cw *csvWriter) Close() error {
	cw.c.Flush()
	return cw.c.Error()
}

// failedRules lists the ids of the checks that failed.
func failedRules(checks []schema.Check) []string {
	failed := []string{}
	for _, c := range checks {
		if !c.OK {
			failed = append(failed, c.Rule)
		}
	}
	return failed
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
