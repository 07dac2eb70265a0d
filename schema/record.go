package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Version is the version of the record format. A published version is never
// changed in place: a change to the record makes a new version and a new
// JSON Schema file beside the old ones.
const Version = "1.6.0"

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
	// Error says, for people, why the status is not ok; ErrorKind says it
	// for programs.
	Error     string    `json:"error,omitempty"`
	ErrorKind ErrorKind `json:"error_kind,omitempty"`
	Report    Report    `json:"report"`
	// Values holds every printed value under its canonical key (fields.tsv).
	// In JSON it is written as the nested objects active, applications,
	// review and litigation.
	Values Values `json:"-"`
	// Derived holds the sums analysts compute from printed values
	// (DerivedFields), each only when all its parts are printed.
	Derived Derived `json:"derived,omitempty"`
	// Narrative holds the figures the prose states (NarrativeKeys).
	Narrative Narrative `json:"narrative"`
	Checks    []Check   `json:"checks"`
	// NarrativeChecks compare the figures the prose states with the
	// tables (rules "narrative.<key>"). They are kept apart from Checks,
	// which are the template's own identities.
	NarrativeChecks []Check               `json:"narrative_checks"`
	Provenance      map[string]Provenance `json:"provenance,omitempty"`
	// Problems are what a reviewer should look at: rows not recognised,
	// values not read, pages not readable, duplicates.
	Problems []Problem `json:"problems,omitempty"`
	// Pre2019Rows are the rows of a 2008–2018 statistics table as printed,
	// each with the key it maps to, or none: nothing printed is lost where
	// no key fits.
	Pre2019Rows []Pre2019Row `json:"pre2019_rows,omitempty"`
}

// Pre2019Row is one row of a 2008–2018 statistics table.
type Pre2019Row struct {
	Table int    `json:"table"`
	Row   int    `json:"row"`
	Page  int    `json:"page,omitempty"`
	Label string `json:"label"`
	Unit  string `json:"unit,omitempty"`
	// Key is the row's key without its period ("pre2019.requests.total"),
	// "" when the row maps to none.
	Key   string        `json:"key,omitempty"`
	Cells []Pre2019Cell `json:"cells"`
}

// Pre2019Cell is one value cell of such a row, under its column's header.
type Pre2019Cell struct {
	Col    int    `json:"col"`
	Header string `json:"header"`
	// Period is "year" or "cumulative" (历年累计), "" for a column of
	// another period.
	Period string `json:"period,omitempty"`
	Text   string `json:"text"`
}

// Source identifies the input file.
type Source struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
	Size   int64  `json:"size"`
	Format string `json:"format,omitempty"`
	Pages  int    `json:"pages,omitempty"`
	// OCRPages counts the pages (a Word document's pictures) read by OCR.
	OCRPages int `json:"ocr_pages,omitempty"`
	// DuplicateOf is the path of an earlier input of the same batch with
	// the same bytes (SHA256).
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Published is the publication date the file's metadata states
	// (YYYY-MM-DD), for a web page; empty when it states none.
	Published string `json:"published,omitempty"`
	// Tool is the program that wrote the record: "gongkai 1.5.0", or
	// "gongkai dev+<revision>" for a build from a checkout.
	Tool string `json:"tool,omitempty"`
}

// Report is what the document says about itself.
type Report struct {
	Title    string   `json:"title,omitempty"`
	Agency   string   `json:"agency,omitempty"`
	Year     int      `json:"year,omitempty"`
	Template Template `json:"template"`
	// Body is the body the report is of, identified across years and
	// spellings of its name; absent when no agency is named.
	Body *Body `json:"body,omitempty"`
}

// Body identifies the body a report is of, so that its reports can be
// grouped and joined across years.
type Body struct {
	// ID is a stable key: the place's full name as the division table
	// writes it (江苏省淮安市洪泽区) with the department after a slash
	// (江苏省淮安市洪泽区/教育局); where the place cannot be resolved, the
	// name reduced as series links names (平潭综合实验区).
	ID   string `json:"id"`
	Name string `json:"name"`
	// Place is the place the body is of, as the division table writes it
	// when resolved, else as the name writes it.
	Place string `json:"place,omitempty"`
	// Division is the GB/T 2260 code of the place, or of the county a
	// town is in, when resolved.
	Division string   `json:"division,omitempty"`
	Kind     BodyKind `json:"kind"`
}

// BodyKind is what kind of body publishes a report.
type BodyKind string

const (
	BodyGovernment BodyKind = "government" // a people's government, or a place's report
	BodyDepartment BodyKind = "department" // a government's department, bureau or commission
	BodyTown       BodyKind = "town"       // a town, township or sub-district
	BodyOffice     BodyKind = "office"     // a government's general office
	BodyOther      BodyKind = "other"
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
	// Box is the cell's rectangle on a PDF page, in points from the page's
	// bottom left: where a reviewer looks.
	Box *Box `json:"box,omitempty"`
	// OCRConfidence is Tesseract's confidence, 0 to 100, in the cell's
	// text (that of its least sure character), for a cell read by OCR.
	OCRConfidence *float64 `json:"ocr_confidence,omitempty"`
}

// Box is a rectangle on a page, in points from the bottom left.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Values maps canonical keys to numbers.
type Values map[string]float64

// group puts the values of one top-level group ("applications", ...) into
// t as an ordered tree, keys in fields.tsv order so records read like the
// report, and reports whether the group has any; extra are the record's
// keys outside fields.tsv (extraKeys), kept too, after the canonical ones.
// t's memory is used again group after group.
func (v Values) group(name string, extra []string, t *tree) bool {
	t.nodes = append(t.nodes[:0], node{})
	for _, f := range groupFields(name) {
		if val, ok := v[f.key]; ok {
			t.set(f.path, val)
		}
	}
	for _, k := range extra {
		if rest, ok := strings.CutPrefix(k, name+"."); ok {
			t.set(strings.Split(rest, "."), v[k])
		}
	}
	return t.nodes[0].first != 0
}

// extraKeys are the keys of v outside fields.tsv, sorted.
func (v Values) extraKeys() []string {
	var extra []string
	for k := range v {
		if _, known := fieldIndex()[k]; !known {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	return extra
}

// fieldPath is a key of fields.tsv and its path within its group.
type fieldPath struct {
	key  string
	path []string
}

// groupFields returns a group's keys with their paths. fields_gen.go holds
// them split (groupPaths, in the order of Groups): every record written
// would otherwise split every key again, and splitting them once a process
// was a fifth of writing a one-file run's record.
func groupFields(name string) []fieldPath {
	if i := slices.Index(Groups, name); i >= 0 {
		return groupPaths[i]
	}
	return nil
}

// splitFields is what groupPaths holds: each group's keys with their paths
// (TestFieldsGenerated writes it and checks it).
func splitFields() map[string][]fieldPath {
	m := map[string][]fieldPath{}
	for _, f := range fields {
		g, rest, _ := strings.Cut(f.Key, ".")
		m[g] = append(m[g], fieldPath{f.Key, strings.Split(rest, ".")})
	}
	return m
}

// tree is an ordered JSON object of numbers and nested objects, its keys
// in the order they were set. Its nodes are held in one slice, linked by
// index (nodes[0] is the root; 0 is no node otherwise): a node and two
// slices for every key were most of the garbage of writing a record.
// Objects hold a few dozen keys at most, so a scan of a node's children
// finds one sooner than a map would be made.
type tree struct {
	nodes []node
}

type node struct {
	key               string
	first, last, next int32 // the first and last child, the next sibling
	value             float64
	leaf              bool
}

func (t *tree) set(path []string, v float64) {
	cur := int32(0)
	for _, k := range path {
		c := t.nodes[cur].first
		for c != 0 && t.nodes[c].key != k {
			c = t.nodes[c].next
		}
		if c == 0 {
			c = int32(len(t.nodes))
			t.nodes = append(t.nodes, node{key: k})
			if p := &t.nodes[cur]; p.first == 0 {
				p.first = c
			} else {
				t.nodes[p.last].next = c
			}
			t.nodes[cur].last = c
		}
		cur = c
	}
	t.nodes[cur].value, t.nodes[cur].leaf = v, true
}

// appendJSON appends the tree as encoding/json writes it, without a
// json.Marshal a key and a value (two allocations and a reflection each, for
// the hundreds of values of every record).
func (t *tree) appendJSON(b []byte) ([]byte, error) { return t.appendNode(b, 0) }

func (t *tree) appendNode(b []byte, i int32) ([]byte, error) {
	n := &t.nodes[i]
	if n.leaf {
		return appendFloat(b, n.value)
	}
	b = append(b, '{')
	for c := n.first; c != 0; c = t.nodes[c].next {
		if c != n.first {
			b = append(b, ',')
		}
		b = append(appendString(b, t.nodes[c].key), ':')
		var err error
		if b, err = t.appendNode(b, c); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendFloat appends f as encoding/json writes a float64: the shortest
// decimal that reads back as f, in exponent form only below 1e-6 or from
// 1e21 on, the exponent without a leading zero.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		_, err := json.Marshal(f) // its error, word for word
		return nil, err
	}
	abs := math.Abs(f)
	if abs < 1e9 && !(f == 0 && math.Signbit(f)) {
		// Most figures and coordinates are whole or have two decimals:
		// when f is such a decimal d (d/100 == f), d is the shortest that
		// reads back as f, for no other such decimal is within 0.01 of it
		// and below 1e9 a float's step is far smaller.
		if n := math.Round(f * 100); n/100 == f {
			return appendCents(b, int64(n)), nil
		}
	}
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b, nil
}

// appendCents appends n hundredths as a decimal without trailing zeros.
func appendCents(b []byte, n int64) []byte {
	if n < 0 {
		b, n = append(b, '-'), -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if c := n % 100; c != 0 {
		b = append(b, '.', byte('0'+c/10))
		if c%10 != 0 {
			b = append(b, byte('0'+c%10))
		}
	}
	return b
}

// The record as written is three parts: recordHead, the value groups
// (Groups, nested by key), and recordTail. Groups come from fields.tsv, so
// no list of them is kept here.
type recordHead struct {
	SchemaVersion string    `json:"schema_version"`
	Source        Source    `json:"source"`
	Status        Status    `json:"status"`
	Error         string    `json:"error,omitempty"`
	ErrorKind     ErrorKind `json:"error_kind,omitempty"`
	Report        Report    `json:"report"`
}

type recordTail struct {
	Derived         Derived               `json:"derived,omitempty"`
	Narrative       Narrative             `json:"narrative"`
	Checks          []Check               `json:"checks"`
	NarrativeChecks []Check               `json:"narrative_checks"`
	Provenance      map[string]Provenance `json:"provenance,omitempty"`
	Problems        []Problem             `json:"problems,omitempty"`
	Pre2019Rows     []Pre2019Row          `json:"pre2019_rows,omitempty"`
}

// tailAfter is recordTail after its provenance: MarshalJSON writes what
// comes before it itself (appendDerived, appendNarrative, appendChecks,
// appendProvenance), for encoding/json's reflection and sorting of a
// record's hundreds of values were most of the time of writing it. The
// two must list the same fields in the same order.
type tailAfter struct {
	Problems    []Problem    `json:"problems,omitempty"`
	Pre2019Rows []Pre2019Row `json:"pre2019_rows,omitempty"`
}

// appendProvenance appends m as encoding/json writes a
// map[string]Provenance: keys sorted, fields in order, empty ones left out
// as their tags say.
func appendProvenance(b []byte, m map[string]Provenance) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortKeys(keys)
	b = append(b, '{')
	for i, k := range keys {
		p := m[k]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ":{"...)
		if p.Page != 0 {
			b = strconv.AppendInt(append(b, `"page":`...), int64(p.Page), 10)
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(b, `"table":`...), int64(p.Table), 10)
		b = strconv.AppendInt(append(b, `,"row":`...), int64(p.Row), 10)
		b = strconv.AppendInt(append(b, `,"col":`...), int64(p.Col), 10)
		b = appendString(append(b, `,"text":`...), p.Text)
		var err error
		if p.Box != nil {
			names := [4]string{`,"box":{"x0":`, `,"y0":`, `,"x1":`, `,"y1":`}
			for j, v := range [4]float64{p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1} {
				if b, err = appendFloat(append(b, names[j]...), v); err != nil {
					return nil, err
				}
			}
			b = append(b, '}')
		}
		if p.OCRConfidence != nil {
			if b, err = appendFloat(append(b, `,"ocr_confidence":`...), *p.OCRConfidence); err != nil {
				return nil, err
			}
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendString appends s as encoding/json writes a string: as it is,
// quoted, when it is valid UTF-8 with nothing encoding/json escapes, else
// as json.Marshal writes it. One pass looks for all three (a byte to
// escape, invalid UTF-8, U+2028 or U+2029): a record's strings are most of
// its bytes, and three passes over them were a third of writing it.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes at a time while they are all plain ASCII: keys and
			// figures, most of a record, are.
			t := s[i : i+8]
			w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
			// '<' and '>' differ in one bit, '"' and '&' in another.
			if w&highBits|below(w, 0x20)|zero(w|lowBits*2^lowBits*'>')|zero(w|lowBits*4^lowBits*'&')|zero(w^lowBits*'\\') == 0 {
				i += 8
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			if !plain[c] {
				return appendMarshalled(b, s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshalled(b, s)
		}
		i += n
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// lowBits and highBits are a byte's lowest and highest bit in each of a
// word's eight.
const lowBits, highBits = 0x0101010101010101, 0x8080808080808080

// zero is not 0 when a byte of w is 0; below, when one is below n (n <= 128).
func zero(w uint64) uint64            { return (w - lowBits) &^ w & highBits }
func below(w uint64, n uint64) uint64 { return (w - lowBits*n) &^ w & highBits }

// plain says which ASCII bytes encoding/json writes as they are: a look-up,
// for the bytes after a record's last whole word of each string are many.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func appendMarshalled(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// MarshalJSON writes the record with its values nested by group.
func (r Record) MarshalJSON() ([]byte, error) {
	head, err := json.Marshal(recordHead{r.SchemaVersion, r.Source, r.Status, r.Error, r.ErrorKind, r.Report})
	if err != nil {
		return nil, err
	}
	after, err := json.Marshal(tailAfter{r.Problems, r.Pre2019Rows})
	if err != nil {
		return nil, err
	}
	// One buffer, sized from the start for what a report's values and
	// provenance take (with room for the line's end): grown from nothing
	// and copied part into part, a record was written several times over,
	// most of a conversion's garbage after the PDF reader's.
	b := make([]byte, 0, len(head)+len(after)+valueBytes*(len(r.Values)+len(r.Derived))+statementBytes*len(r.Narrative)+
		provenanceBytes*len(r.Provenance)+checkBytes*(len(r.Checks)+len(r.NarrativeChecks))+64)
	b = append(b, head[:len(head)-1]...)
	extra := r.Values.extraKeys()
	// Room for a group's values and the objects above them, for all but an
	// odd record.
	t := &tree{nodes: make([]node, 0, 2*len(r.Values)+1)}
	for _, g := range Groups {
		if !r.Values.group(g, extra, t) {
			continue
		}
		b = append(strconv.AppendQuote(append(b, ','), g), ':')
		if b, err = t.appendJSON(b); err != nil {
			return nil, err
		}
	}
	if len(r.Derived) > 0 {
		if b, err = appendDerived(append(b, `,"derived":`...), r.Derived); err != nil {
			return nil, err
		}
	}
	if b, err = appendNarrative(append(b, `,"narrative":`...), r.Narrative); err != nil {
		return nil, err
	}
	b = appendChecks(append(b, `,"checks":`...), r.Checks)
	b = appendChecks(append(b, `,"narrative_checks":`...), r.NarrativeChecks)
	if len(r.Provenance) > 0 {
		if b, err = appendProvenance(append(b, `,"provenance":`...), r.Provenance); err != nil {
			return nil, err
		}
	}
	if len(after) > 2 {
		b = append(append(b, ','), after[1:len(after)-1]...)
	}
	return append(b, '}'), nil
}

// valueBytes, statementBytes, provenanceBytes and checkBytes are about
// what a value, a statement of the prose, a value's provenance and a check
// take in a record written by MarshalJSON.
const valueBytes, statementBytes, provenanceBytes, checkBytes = 32, 320, 192, 160

// appendDerived appends d as encoding/json writes a map[string]float64.
func appendDerived(b []byte, d Derived) ([]byte, error) {
	keys := slices.Sorted(maps.Keys(d))
	b = append(b, '{')
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendFloat(append(appendString(b, k), ':'), d[k]); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendNarrative appends n as encoding/json writes it, {} for none.
func appendNarrative(b []byte, n Narrative) ([]byte, error) {
	keys := slices.Sorted(maps.Keys(n))
	b = append(b, '{')
	var err error
	for i, k := range keys {
		st := n[k]
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendFloat(append(appendString(b, k), `:{"value":`...), st.Value); err != nil {
			return nil, err
		}
		b = appendString(append(b, `,"sentence":`...), st.Sentence)
		b = strconv.AppendInt(append(b, `,"paragraph":`...), int64(st.Paragraph), 10)
		if st.Page != 0 {
			b = strconv.AppendInt(append(b, `,"page":`...), int64(st.Page), 10)
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendChecks appends checks as encoding/json writes them, an empty list
// for none: encoding/json's reflection was most of the time of writing a
// record's checks, and they are a third of it.
func appendChecks(b []byte, checks []Check) []byte {
	b = append(b, '[')
	for i, c := range checks {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendBool(append(appendString(append(b, `{"rule":`...), c.Rule), `,"ok":`...), c.OK)
		b = append(b, `,"fields":`...)
		if c.Fields == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j, f := range c.Fields {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, f)
			}
			b = append(b, ']')
		}
		if c.Message != "" {
			b = appendString(append(b, `,"message":`...), c.Message)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// UnmarshalJSON reads a record written by MarshalJSON, of this version or
// an earlier one.
func (r *Record) UnmarshalJSON(data []byte) error {
	var head recordHead
	var tail recordTail
	var legacy struct {
		Warnings []string `json:"warnings"` // versions 1.0.0 and 1.1.0
	}
	var groups map[string]json.RawMessage
	for _, dst := range []any{&head, &tail, &legacy, &groups} {
		if err := json.Unmarshal(data, dst); err != nil {
			return err
		}
	}
	*r = Record{
		SchemaVersion: head.SchemaVersion, Source: head.Source, Status: head.Status, Error: head.Error, ErrorKind: head.ErrorKind,
		Report: head.Report, Derived: tail.Derived, Narrative: tail.Narrative, Checks: tail.Checks, NarrativeChecks: tail.NarrativeChecks,
		Provenance: tail.Provenance, Problems: tail.Problems, Pre2019Rows: tail.Pre2019Rows,
		Values: Values{},
	}
	for _, w := range legacy.Warnings {
		r.Problems = append(r.Problems, Problem{Kind: ProblemWarning, Message: w})
	}
	if len(r.Narrative) == 0 {
		r.Narrative = nil // a record of version 1.0.0, or prose that states nothing
	}
	if len(r.NarrativeChecks) == 0 {
		r.NarrativeChecks = nil
	}
	for _, name := range Groups {
		raw := groups[name]
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
