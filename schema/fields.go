// Package schema is the last stage of the gongkai pipeline and its contract:
// the canonical record written for every input file, the template's
// vocabulary — its tables, templates, layouts and canonical value keys, all
// from fields.tsv and fields-pre2019.tsv, compiled into fields_gen.go — the
// identities a report must satisfy, and the JSON Schema of the record. It
// imports only the standard library.
package schema

import (
	"slices"
	"strings"
	"sync"
)

// Prepare makes now what the package otherwise makes at first use: the
// identities, the field index and order, the tables' fields and application keys,
// and the groups a record is written in, with encoding/json's encoders of
// its other parts. See normalize.Prepare; safe to call at any time, from
// any goroutine.
func Prepare() {
	fieldIndex()
	keyOrder()
	tableFields()
	applicationKeys()
	Record{}.MarshalJSON()
}

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

// fieldIndex finds a field by key; made at the first lookup.
var fieldIndex = sync.OnceValue(func() map[string]int {
	idx := make(map[string]int, len(fields))
	for i, f := range fields {
		idx[f.Key] = i
	}
	return idx
})

// keyOrder gives the fields sorted by key (sorted) and each field's place
// among them (rank, by its index in fields), so that a record's keys are
// sorted by looking them up: they share long prefixes, which make
// comparing them slow.
var keyOrder = sync.OnceValues(func() (rank []int32, sorted []string) {
	sorted = make([]string, len(fields))
	for i, f := range fields {
		sorted[i] = f.Key
	}
	slices.Sort(sorted)
	rank = make([]int32, len(fields))
	for r, k := range sorted {
		rank[fieldIndex()[k]] = int32(r)
	}
	return rank, sorted
})

// sortKeys sorts distinct keys as slices.Sort does: the canonical ones by
// their place, the others (few or none) among them by comparison.
func sortKeys(keys []string) {
	idx := fieldIndex()
	rank, sorted := keyOrder()
	present := make([]bool, len(sorted))
	var others []string
	for _, k := range keys {
		if i, ok := idx[k]; ok {
			present[rank[i]] = true
		} else {
			others = append(others, k)
		}
	}
	slices.Sort(others)
	n := 0 // keys[:n] are sorted
	for r, ok := range present {
		if !ok {
			continue
		}
		for len(others) > 0 && others[0] < sorted[r] {
			keys[n], others, n = others[0], others[1:], n+1
		}
		keys[n], n = sorted[r], n+1
	}
	copy(keys[n:], others)
}

// Fields returns the canonical keys in the order of fields.tsv.
func Fields() []Field { return fields }

// LookupField returns the field with the given key.
func LookupField(key string) (Field, bool) {
	i, ok := fieldIndex()[key]
	if !ok {
		return Field{}, false
	}
	return fields[i], true
}

// Groups (fields_gen.go) are the top-level objects of a record that hold
// values, in the order of fields.tsv.
