package output

import (
	"strings"
	"sync"

	"github.com/gongkai/gongkai/schema"
)

// Layout is the shape of the tabular outputs' rows.
type Layout string

const (
	// Wide is a row a report: metadata, then a column per key.
	Wide Layout = "wide"
	// Long is a row a value (path, key, value, where it was printed): the
	// tidy shape pandas, the tidyverse and DuckDB pivot from.
	Long Layout = "long"
)

// Layouts lists the layouts, the default first.
var Layouts = []string{string(Wide), string(Long)}

// colKind is a column's type: what Parquet and Excel store it as, and how
// CSV writes it.
type colKind int

const (
	text    colKind = iota // a string, always there
	optText                // a string, null when empty
	size                   // a byte count, always there
	optInt                 // an integer, null when absent
	number                 // a double, null when absent
	list                   // strings; CSV joins them with the column's sep
)

// column is one column of a tabular output.
type column struct {
	name string
	kind colKind
	sep  string // for a list in CSV
}

// metaColumns are the wide layout's columns before the values, in order.
var metaColumns = []column{
	{name: "path", kind: text},
	{name: "sha256", kind: optText},
	{name: "size", kind: size},
	{name: "format", kind: optText},
	{name: "pages", kind: optInt},
	{name: "ocr_pages", kind: optInt},
	{name: "status", kind: text},
	{name: "error", kind: optText},
	{name: "error_kind", kind: optText},
	{name: "duplicate_of", kind: optText},
	{name: "title", kind: optText},
	{name: "agency", kind: optText},
	{name: "body_id", kind: optText},
	{name: "division_code", kind: optText},
	{name: "body_kind", kind: optText},
	{name: "year", kind: optInt},
	{name: "template", kind: text},
	{name: "failed_rules", kind: list, sep: ";"},
	{name: "narrative_failed_rules", kind: list, sep: ";"},
	{name: "problems", kind: list, sep: "\n"},
}

// wideColumns are the wide layout's columns: metaColumns, a column per key
// of fields.tsv (named by the key), one per derived sum ("derived.<key>")
// and one per narrative key ("narrative.<key>"); built when first asked
// for, off the start-up of runs that write none.
var wideColumns = sync.OnceValue(func() []column {
	cols := append([]column{}, metaColumns...)
	for _, f := range schema.Fields() {
		cols = append(cols, column{name: f.Key, kind: number})
	}
	for _, f := range schema.DerivedFields {
		cols = append(cols, column{name: "derived." + f.Key, kind: number})
	}
	for _, k := range schema.NarrativeKeys {
		cols = append(cols, column{name: "narrative." + k.Key, kind: number})
	}
	return cols
})

// wideRow is a record as one row of wideColumns: a string, an int64, a
// float64 or a []string per column, nil where the record has nothing.
func wideRow(rec schema.Record) []any {
	var body schema.Body
	if rec.Report.Body != nil {
		body = *rec.Report.Body
	}
	row := []any{
		rec.Source.Path, opt(rec.Source.SHA256), rec.Source.Size, opt(rec.Source.Format), optN(rec.Source.Pages), optN(rec.Source.OCRPages),
		string(rec.Status), opt(rec.Error), opt(string(rec.ErrorKind)), opt(rec.Source.DuplicateOf),
		opt(rec.Report.Title), opt(rec.Report.Agency), opt(body.ID), opt(body.Division), opt(string(body.Kind)),
		optN(rec.Report.Year), string(rec.Report.Template),
		failedRules(rec.Checks), failedRules(rec.NarrativeChecks), ProblemStrings(rec.Problems),
	}
	for _, f := range schema.Fields() {
		row = append(row, optF(rec.Values, f.Key))
	}
	for _, f := range schema.DerivedFields {
		row = append(row, optF(rec.Derived, f.Key))
	}
	for _, k := range schema.NarrativeKeys {
		if st, ok := rec.Narrative[k.Key]; ok {
			row = append(row, st.Value)
		} else {
			row = append(row, nil)
		}
	}
	return row
}

// longColumns are the long layout's columns.
var longColumns = []column{
	{name: "path", kind: text},
	{name: "body_id", kind: optText},
	{name: "agency", kind: optText},
	{name: "year", kind: optInt},
	{name: "template", kind: text},
	{name: "status", kind: text},
	{name: "key", kind: optText},
	{name: "value", kind: number},
	{name: "unit", kind: optText},
	{name: "page", kind: optInt},
	{name: "table", kind: optInt},
	{name: "row", kind: optInt},
	{name: "col", kind: optInt},
	{name: "text", kind: optText},
	{name: "ocr_confidence", kind: number},
}

// longRows are a record's values as rows of longColumns, one a value:
// the printed values in fields.tsv order with where they were printed
// (and OCR's confidence in a figure it read), then the derived sums ("derived.<key>"), then the figures the prose
// states ("narrative.<key>", with the sentence as text). A record with no
// value still gives one row, with no key, so that every input file is in
// the output.
func longRows(rec schema.Record) [][]any {
	var bodyID any
	if rec.Report.Body != nil {
		bodyID = opt(rec.Report.Body.ID)
	}
	head := []any{rec.Source.Path, bodyID, opt(rec.Report.Agency), optN(rec.Report.Year), string(rec.Report.Template), string(rec.Status)}
	var rows [][]any
	// add adds a row; p is where a printed value was printed, nil for
	// the others.
	add := func(key string, value float64, unit string, page int, p *schema.Provenance, txt string) {
		row := append(head[:len(head):len(head)], key, value, opt(unit), optN(page))
		if p == nil {
			row = append(row, nil, nil, nil)
		} else {
			row = append(row, int64(p.Table), int64(p.Row), int64(p.Col))
		}
		var conf any
		if p != nil && p.OCRConfidence != nil {
			conf = *p.OCRConfidence
		}
		rows = append(rows, append(row, opt(txt), conf))
	}
	for _, f := range schema.Fields() {
		if v, ok := rec.Values[f.Key]; ok {
			if p, ok := rec.Provenance[f.Key]; ok {
				add(f.Key, v, f.Unit, p.Page, &p, p.Text)
			} else {
				add(f.Key, v, f.Unit, 0, nil, "") // a lean record
			}
		}
	}
	for _, f := range schema.DerivedFields {
		if v, ok := rec.Derived[f.Key]; ok {
			add("derived."+f.Key, v, "count", 0, nil, "")
		}
	}
	for _, k := range schema.NarrativeKeys {
		if st, ok := rec.Narrative[k.Key]; ok {
			add("narrative."+k.Key, st.Value, k.Unit, st.Page, nil, st.Sentence)
		}
	}
	if len(rows) == 0 {
		rows = append(rows, append(head[:len(head):len(head)], nil, nil, nil, nil, nil, nil, nil, opt(rec.Error), nil))
	}
	return rows
}

// shape is a layout's columns and rows.
type shape struct {
	columns []column
	rows    func(schema.Record) [][]any
}

func shapeOf(l Layout) shape {
	if l == Long {
		return shape{longColumns, longRows}
	}
	return shape{wideColumns(), func(rec schema.Record) [][]any { return [][]any{wideRow(rec)} }}
}

func opt(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func optN(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

func optF[M ~map[string]float64](m M, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	return nil
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

// ProblemStrings are a record's problems as text, "kind: message", for
// tabular outputs.
func ProblemStrings(ps []schema.Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, string(p.Kind)+": "+p.String())
	}
	return out
}

// Header returns the CSV's column names in the layout.
func Header(l Layout) []string {
	var h []string
	for _, c := range shapeOf(l).columns {
		h = append(h, c.name)
	}
	return h
}

// joinList is a list cell as CSV and Excel write it.
func joinList(c column, v []string) string { return strings.Join(v, c.sep) }
