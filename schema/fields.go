// Package schema is the last stage of the gongkai pipeline and its contract:
// the canonical record written for every input file, the canonical value
// keys (fields.tsv), the identities a report must satisfy, and the JSON
// Schema of the record. It imports only the standard library.
package schema

import (
	_ "embed"
	"strings"
)

//go:embed fields.tsv
var fieldsTSV string

// Field is one canonical value key and where the template prints it.
type Field struct {
	Key         string // e.g. "applications.denied.state_secret.natural_person"
	Templates   string // "2021", "2019,2021", "2019", "single-row"
	Section     string // 二, 三 or 四
	RowLabel    string
	ColumnLabel string
	Unit        string // count, signed_count, 10k_yuan
}

var fields, fieldIndex = parseFields(fieldsTSV)

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

func parseFields(tsv string) ([]Field, map[string]int) {
	var fs []Field
	idx := map[string]int{}
	for i, line := range strings.Split(strings.TrimSpace(tsv), "\n") {
		if i == 0 || line == "" {
			continue // header
		}
		c := strings.Split(strings.TrimRight(line, "\r"), "\t")
		for len(c) < 6 {
			c = append(c, "")
		}
		idx[c[0]] = len(fs)
		fs = append(fs, Field{Key: c[0], Templates: c[1], Section: c[2], RowLabel: c[3], ColumnLabel: c[4], Unit: c[5]})
	}
	return fs, idx
}

// Groups are the top-level objects of a record that hold values.
var Groups = []string{"active", "applications", "review", "litigation"}
