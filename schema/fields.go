// Package schema is the last stage of the gongkai pipeline and its contract:
// the canonical record written for every input file, the template's
// vocabulary — its tables, templates, layouts and canonical value keys, all
// read from fields.tsv — the identities a report must satisfy, and the JSON
// Schema of the record. It imports only the standard library.
package schema

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed fields.tsv
var fieldsTSV string

// fieldsPre2019TSV holds the keys of the 2008–2018 statistics tables
// (pre2019.md), in the same columns.
//
//go:embed fields-pre2019.tsv
var fieldsPre2019TSV string

// Field is one canonical value key and where the template prints it.
type Field struct {
	Key string // e.g. "applications.denied.state_secret.natural_person"
	// Templates are the templates that print the key: 2021, 2019 or both.
	Templates []Template
	// Layout is the layout of table 三's （六）其他处理 the key belongs to;
	// AnyLayout for every key outside that row group.
	Layout      Layout
	Section     string // 二, 三 or 四, as fields.tsv names it
	Table       Table
	RowLabel    string
	ColumnLabel string
	Unit        string // count, signed_count, 10k_yuan
}

// In reports whether the template t prints the key.
func (f Field) In(t Template) bool {
	for _, x := range f.Templates {
		if x == t {
			return true
		}
	}
	return false
}

// Only reports whether t is the only template that prints the key.
func (f Field) Only(t Template) bool { return len(f.Templates) == 1 && f.Templates[0] == t }

// Group is the record's top-level object the key is written in: "active",
// "applications", "review" or "litigation".
func (f Field) Group() string {
	g, _, _ := strings.Cut(f.Key, ".")
	return g
}

var fields, fieldIndex = mustParseFields(fieldsTSV, fieldsPre2019TSV)

// Fields returns the canonical keys in the order of fields.tsv.
func Fields() []Field { return fields }

// LookupField returns the field with the given key.
func LookupField(key string) (Field, bool) {
	i, ok := fieldIndex[key]
	if !ok {
		return Field{}, false
	}
	return fields[i], true
}

func mustParseFields(tsvs ...string) ([]Field, map[string]int) {
	fs, idx, err := parseFields(strings.Join(tsvs, "\n"))
	if err != nil {
		panic(err) // fields.tsv is embedded: a test reads it first
	}
	return fs, idx
}

func parseFields(tsv string) ([]Field, map[string]int, error) {
	var fs []Field
	idx := map[string]int{}
	for i, line := range strings.Split(strings.TrimSpace(tsv), "\n") {
		if i == 0 || line == "" || strings.HasPrefix(line, "key\t") {
			continue // a header
		}
		c := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(c) != 6 {
			return nil, nil, fmt.Errorf("schema: fields.tsv line %d: %d columns, want 6", i+1, len(c))
		}
		f := Field{Key: c[0], Section: c[2], RowLabel: c[3], ColumnLabel: c[4], Unit: c[5]}
		var err error
		if f.Templates, f.Layout, err = parseTemplates(c[1]); err != nil {
			return nil, nil, fmt.Errorf("schema: fields.tsv line %d: %w", i+1, err)
		}
		if f.Table = tableOfSection(c[2]); f.Table == "" {
			return nil, nil, fmt.Errorf("schema: fields.tsv line %d: section %q names no table", i+1, c[2])
		}
		if f.Table == TableApplications && f.Only(Template2021) {
			f.Layout = Items // the 2021 template's items of （六）其他处理
		}
		if _, dup := idx[f.Key]; dup {
			return nil, nil, fmt.Errorf("schema: fields.tsv line %d: %s twice", i+1, f.Key)
		}
		idx[f.Key] = len(fs)
		fs = append(fs, f)
	}
	return fs, idx, nil
}

// parseTemplates reads the templates column: "2021", "2019", "2019,2021",
// or "single-row" — the 2019 template's one-row （六）其他处理, which some
// later reports keep.
func parseTemplates(s string) ([]Template, Layout, error) {
	switch s {
	case "single-row":
		return []Template{Template2019}, SingleRow, nil
	case string(TemplatePre2019):
		return []Template{TemplatePre2019}, AnyLayout, nil
	}
	var ts []Template
	for _, t := range strings.Split(s, ",") {
		switch tt := Template(strings.TrimSpace(t)); tt {
		case Template2019, Template2021:
			ts = append(ts, tt)
		default:
			return nil, 0, fmt.Errorf("template %q unknown", t)
		}
	}
	return ts, AnyLayout, nil
}

// Groups are the top-level objects of a record that hold values, in the
// order of fields.tsv.
var Groups = func() []string {
	var gs []string
	for _, f := range fields {
		if g := f.Group(); len(gs) == 0 || gs[len(gs)-1] != g {
			gs = append(gs, g)
		}
	}
	return gs
}()
