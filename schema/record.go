package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Version is the version of the record format. A published version is never
// changed in place: a change to the record makes a new version and a new
// JSON Schema file beside the old ones.
const Version = "1.1.0"

// Status says how much of a file could be read.
type Status string

const (
	StatusOK      Status = "ok"      // the report's tables were read
	StatusPartial Status = "partial" // some values were read, but part of the report is missing or unreadable
	StatusError   Status = "error"   // nothing usable was read; Error says why
)

// Record is the output for one input file. Every input file yields exactly
// one record, whatever happened to it.
type Record struct {
	SchemaVersion string `json:"schema_version"`
	Source        Source `json:"source"`
	Status        Status `json:"status"`
	Error         string `json:"error,omitempty"`
	Report        Report `json:"report"`
	// Values holds every printed value under its canonical key (fields.tsv).
	// In JSON it is written as the nested objects active, applications,
	// review and litigation.
	Values Values `json:"-"`
	// Narrative holds the figures the prose states (NarrativeKeys).
	Narrative Narrative `json:"narrative"`
	Checks    []Check   `json:"checks"`
	// NarrativeChecks compare the figures the prose states with the
	// tables (rules "narrative.<key>"). They are kept apart from Checks,
	// which are the template's own identities.
	NarrativeChecks []Check               `json:"narrative_checks"`
	Provenance      map[string]Provenance `json:"provenance,omitempty"`
	Warnings        []string              `json:"warnings,omitempty"`
}

// Source identifies the input file.
type Source struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
	Size   int64  `json:"size"`
	Format string `json:"format,omitempty"`
	Pages  int    `json:"pages,omitempty"`
}

// Report is what the document says about itself.
type Report struct {
	Title    string `json:"title,omitempty"`
	Agency   string `json:"agency,omitempty"`
	Year     int    `json:"year,omitempty"`
	Template string `json:"template"`
}

// Template values: decided from the tables, not from the year.
const (
	Template2021    = "2021"
	Template2019    = "2019"
	TemplatePre2019 = "pre2019"
	TemplateUnknown = "unknown"
)

// Check is the outcome of one identity rule.
type Check struct {
	Rule    string   `json:"rule"`
	OK      bool     `json:"ok"`
	Fields  []string `json:"fields"`
	Message string   `json:"message,omitempty"`
}

// Provenance says where a value was printed.
type Provenance struct {
	Page  int    `json:"page,omitempty"`
	Table int    `json:"table"`
	Row   int    `json:"row"`
	Col   int    `json:"col"`
	Text  string `json:"text"`
}

// Values maps canonical keys to numbers.
type Values map[string]float64

// group returns the values of one top-level group ("applications", ...) as
// an ordered tree, keys in fields.tsv order so records read like the report.
func (v Values) group(name string) *node {
	root := &node{}
	for _, f := range fields {
		if val, ok := v[f.Key]; ok && strings.HasPrefix(f.Key, name+".") {
			root.set(strings.Split(strings.TrimPrefix(f.Key, name+"."), "."), val)
		}
	}
	// Keys outside fields.tsv are kept too, after the canonical ones.
	var extra []string
	for k := range v {
		if _, known := fieldIndex[k]; !known && strings.HasPrefix(k, name+".") {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		root.set(strings.Split(strings.TrimPrefix(k, name+"."), "."), v[k])
	}
	if len(root.keys) == 0 {
		return nil
	}
	return root
}

// node is an ordered JSON object of numbers and nested objects.
type node struct {
	keys  []string
	kids  map[string]*node
	value float64
	leaf  bool
}

func (n *node) set(path []string, v float64) {
	if n.kids == nil {
		n.kids = map[string]*node{}
	}
	k := path[0]
	kid, ok := n.kids[k]
	if !ok {
		kid = &node{}
		n.kids[k] = kid
		n.keys = append(n.keys, k)
	}
	if len(path) == 1 {
		kid.value, kid.leaf = v, true
		return
	}
	kid.set(path[1:], v)
}

func (n *node) MarshalJSON() ([]byte, error) {
	if n.leaf {
		return json.Marshal(n.value)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range n.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := n.kids[k].MarshalJSON()
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// recordJSON is Record as written: the value groups in place of Values.
type recordJSON struct {
	SchemaVersion   string                `json:"schema_version"`
	Source          Source                `json:"source"`
	Status          Status                `json:"status"`
	Error           string                `json:"error,omitempty"`
	Report          Report                `json:"report"`
	Active          json.RawMessage       `json:"active,omitempty"`
	Applications    json.RawMessage       `json:"applications,omitempty"`
	Review          json.RawMessage       `json:"review,omitempty"`
	Litigation      json.RawMessage       `json:"litigation,omitempty"`
	Narrative       Narrative             `json:"narrative"`
	Checks          []Check               `json:"checks"`
	NarrativeChecks []Check               `json:"narrative_checks"`
	Provenance      map[string]Provenance `json:"provenance,omitempty"`
	Warnings        []string              `json:"warnings,omitempty"`
}

// MarshalJSON writes the record with its values nested by group.
func (r Record) MarshalJSON() ([]byte, error) {
	out := recordJSON{
		SchemaVersion: r.SchemaVersion, Source: r.Source, Status: r.Status, Error: r.Error,
		Report: r.Report, Narrative: r.Narrative, Checks: r.Checks, NarrativeChecks: r.NarrativeChecks,
		Provenance: r.Provenance, Warnings: r.Warnings,
	}
	if out.NarrativeChecks == nil {
		out.NarrativeChecks = []Check{}
	}
	if out.Checks == nil {
		out.Checks = []Check{}
	}
	if out.Narrative == nil {
		out.Narrative = Narrative{}
	}
	for _, g := range []struct {
		name string
		dst  *json.RawMessage
	}{{"active", &out.Active}, {"applications", &out.Applications}, {"review", &out.Review}, {"litigation", &out.Litigation}} {
		if n := r.Values.group(g.name); n != nil {
			b, err := n.MarshalJSON()
			if err != nil {
				return nil, err
			}
			*g.dst = b
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads a record written by MarshalJSON.
func (r *Record) UnmarshalJSON(data []byte) error {
	var in recordJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*r = Record{
		SchemaVersion: in.SchemaVersion, Source: in.Source, Status: in.Status, Error: in.Error,
		Report: in.Report, Narrative: in.Narrative, Checks: in.Checks, NarrativeChecks: in.NarrativeChecks,
		Provenance: in.Provenance, Warnings: in.Warnings,
		Values: Values{},
	}
	if len(r.Narrative) == 0 {
		r.Narrative = nil // a record of version 1.0.0, or prose that states nothing
	}
	if len(r.NarrativeChecks) == 0 {
		r.NarrativeChecks = nil
	}
	for name, raw := range map[string]json.RawMessage{"active": in.Active, "applications": in.Applications, "review": in.Review, "litigation": in.Litigation} {
		if len(raw) == 0 {
			continue
		}
		var tree map[string]any
		if err := json.Unmarshal(raw, &tree); err != nil {
			return fmt.Errorf("schema: %s: %w", name, err)
		}
		if err := flatten(name, tree, r.Values); err != nil {
			return err
		}
	}
	return nil
}

func flatten(prefix string, tree map[string]any, out Values) error {
	for k, v := range tree {
		key := prefix + "." + k
		switch v := v.(type) {
		case float64:
			out[key] = v
		case map[string]any:
			if err := flatten(key, v, out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("schema: %s: want a number or an object, got %T", key, v)
		}
	}
	return nil
}
