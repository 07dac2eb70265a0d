package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// dictEntry is one row of the data dictionary: a key of the record's
// values (fields.tsv, fields-pre2019.tsv) or of its narrative.
type dictEntry struct {
	Key         string `json:"key"`
	Table       string `json:"table"` // active, applications, review, pre2019, narrative
	Templates   string `json:"templates"`
	RowLabel    string `json:"row_label"`
	ColumnLabel string `json:"column_label"`
	Label       string `json:"label"` // in English, from the key
	Unit        string `json:"unit"`
}

func dictionary() []dictEntry {
	var out []dictEntry
	for _, f := range schema.Fields() {
		var ts []string
		for _, t := range f.Templates {
			ts = append(ts, string(t))
		}
		if f.Layout == schema.SingleRow {
			ts = append(ts, "single-row")
		}
		out = append(out, dictEntry{Key: f.Key, Table: string(f.Table), Templates: strings.Join(ts, ","),
			RowLabel: f.RowLabel, ColumnLabel: f.ColumnLabel, Label: english(f.Key), Unit: f.Unit})
	}
	for _, k := range schema.NarrativeKeys {
		out = append(out, dictEntry{Key: "narrative." + k.Key, Table: "narrative", Templates: "any",
			Label: k.Description, Unit: k.Unit})
	}
	return out
}

// english reads a key as words: applications.denied.state_secret.natural_person
// is "applications / denied / state secret / natural person".
func english(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, ".", " / "), "_", " ")
}

// runFields prints the data dictionary.
func runFields(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fields", "usage: gongkai fields [--format tsv|csv|json]\n\nPrints the data dictionary: every key of the record's values and narrative, with its\ntable, templates, Chinese row and column labels, an English label and its unit.\n\n", stderr)
	format := fs.String("format", "tsv", "tsv, csv or json")
	if code, ok := parseFlags(fs, args, 0, stderr); !ok {
		return code
	}
	d := dictionary()
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
	case "tsv", "csv":
		w := csv.NewWriter(stdout)
		if *format == "tsv" {
			w.Comma = '\t'
		}
		w.Write([]string{"key", "table", "templates", "row_label", "column_label", "label", "unit"})
		for _, e := range d {
			w.Write([]string{e.Key, e.Table, e.Templates, e.RowLabel, e.ColumnLabel, e.Label, e.Unit})
		}
		w.Flush()
		if err := w.Error(); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
	default:
		fmt.Fprintf(stderr, "gongkai: fields: --format %q: want tsv, csv or json\n", *format)
		return exitUsage
	}
	return exitOK
}
