package output

import (
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// Entry is one row of the data dictionary: a key of the record's values
// (fields.tsv, fields-pre2019.tsv), of its derived sums or of its
// narrative, as the tabular outputs name its column.
type Entry struct {
	Key         string `json:"key"`
	Table       string `json:"table"` // active, applications, review, pre2019, narrative
	Templates   string `json:"templates"`
	RowLabel    string `json:"row_label"`
	ColumnLabel string `json:"column_label"`
	Label       string `json:"label"` // in English, from the key
	Unit        string `json:"unit"`
	// Derived says how a derived sum is computed ("sum of …"); empty for
	// a printed value.
	Derived string `json:"derived,omitempty"`
}

// DictionaryHeader are the dictionary's column names, as TSV, CSV and
// Excel write it.
var DictionaryHeader = []string{"key", "table", "templates", "row_label", "column_label", "label", "unit", "derived"}

// Strings is the entry as a row under DictionaryHeader.
func (e Entry) Strings() []string {
	return []string{e.Key, e.Table, e.Templates, e.RowLabel, e.ColumnLabel, e.Label, e.Unit, e.Derived}
}

// Dictionary is the data dictionary, in the wide layout's column order.
func Dictionary() []Entry {
	var out []Entry
	for _, f := range schema.Fields() {
		var ts []string
		for _, t := range f.Templates {
			ts = append(ts, string(t))
		}
		if f.Layout == schema.SingleRow {
			ts = append(ts, "single-row")
		}
		out = append(out, Entry{Key: f.Key, Table: string(f.Table), Templates: strings.Join(ts, ","),
			RowLabel: f.RowLabel, ColumnLabel: f.ColumnLabel, Label: english(f.Key), Unit: f.Unit})
	}
	for _, f := range schema.DerivedFields {
		ts := "2019,2021"
		if f.Layout == schema.Items {
			ts = "2021"
		}
		row, col, _ := strings.Cut(strings.TrimPrefix(f.Key, "applications."), ".total.")
		out = append(out, Entry{Key: "derived." + f.Key, Table: string(schema.TableApplications), Templates: ts,
			RowLabel: f.RowLabel + " (合计)", ColumnLabel: f.Column, Label: english(f.Key) + " (derived)", Unit: "count",
			Derived: "sum of applications." + row + ".*." + col + " (" + strings.Join(f.Parts, " + ") + "), when all are printed"})
	}
	for _, k := range schema.NarrativeKeys {
		out = append(out, Entry{Key: "narrative." + k.Key, Table: "narrative", Templates: "any",
			Label: k.Description, Unit: k.Unit})
	}
	return out
}

// english reads a key as words: applications.denied.state_secret.natural_person
// is "applications / denied / state secret / natural person".
func english(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, ".", " / "), "_", " ")
}
