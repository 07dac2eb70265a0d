package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "write golden files (a published JSON Schema is never overwritten)")

// schema/fields.tsv is a copy of the shared spec: the contract.
func TestFieldsMatchSpec(t *testing.T) {
	for _, name := range []string{"fields.tsv", "fields-pre2019.tsv"} {
		spec, err := os.ReadFile("../../shared/spec/" + name)
		if err != nil {
			t.Skip("../shared/spec is not beside the repository (a user's clone has none):", err)
		}
		ours, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(spec, ours) {
			t.Errorf("schema/%s differs from ../shared/spec/%s; copy the spec", name, name)
		}
	}
}

func TestFields(t *testing.T) {
	if n := len(Fields()); n != 226+136 {
		t.Errorf("%d fields, want 226 of 2019–2021 and 136 of 2008–2018", n)
	}
	seen := map[string]bool{}
	for _, f := range Fields() {
		if seen[f.Key] {
			t.Errorf("duplicate key %s", f.Key)
		}
		seen[f.Key] = true
		group, _, _ := strings.Cut(f.Key, ".")
		if !strings.Contains(strings.Join(Groups, " "), group) {
			t.Errorf("%s: group %q is not one of %v", f.Key, group, Groups)
		}
	}
	if len(ApplicationRows) != 26 {
		t.Errorf("%d application rows, want 26: %v", len(ApplicationRows), ApplicationRows)
	}
}

// consistent returns a complete 2021-format table 三 and 四 that satisfies
// every identity: each outcome row has 1 in the natural-person column.
func consistent() Values {
	v := Values{}
	outcomes := 0
	for _, row := range ApplicationRows {
		if row == "other_handling.total" {
			continue
		}
		n := 1.0
		switch row {
		case "new", "carried_in", "total", "carried_out":
			continue
		}
		outcomes++
		for _, col := range ApplicantColumns {
			v["applications."+row+"."+col] = 0
		}
		v["applications."+row+".natural_person"] = n
		v["applications."+row+".total"] = n
	}
	for _, row := range []string{"new", "carried_in", "total", "carried_out"} {
		for _, col := range ApplicantColumns {
			v["applications."+row+"."+col] = 0
		}
	}
	set := func(row string, n float64) {
		v["applications."+row+".natural_person"] = n
		v["applications."+row+".total"] = n
	}
	set("total", float64(outcomes))
	set("new", float64(outcomes)-1)
	set("carried_in", 3)
	set("carried_out", 2)
	for _, g := range []string{"review", "litigation.direct", "litigation.after_review"} {
		v[g+".upheld"], v[g+".corrected"], v[g+".other"], v[g+".pending"], v[g+".total"] = 2, 1, 0, 1, 4
	}
	return v
}

func failed(checks []Check) []string {
	var out []string
	for _, c := range checks {
		if !c.OK {
			out = append(out, c.Rule)
		}
	}
	return out
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name   string
		change func(Values)
		failed []string
		count  int // checks evaluated
	}{
		{"consistent", func(Values) {}, nil, 7 + 7 + 25 + 3},
		{"review total wrong, as 洪泽区 2023 prints it", func(v Values) { v["review.total"] = 0 },
			[]string{"review.total"}, 42},
		{"carried out wrong in one column", func(v Values) {
			v["applications.carried_out.enterprise"] = 1
		}, []string{"applications.balance:enterprise", "applications.row_total:carried_out"}, 42},
		{"a value not printed: its rules are not evaluated", func(v Values) {
			delete(v, "applications.denied.state_secret.research")
		}, nil, 42 - 2},
		{"2019 layout: one row of 其他处理", func(v Values) {
			for _, item := range []string{"no_correction", "unpaid_fee", "other"} {
				for _, col := range ApplicantColumns {
					delete(v, "applications.other_handling."+item+"."+col)
				}
			}
			for _, col := range ApplicantColumns {
				v["applications.other_handling.total."+col] = 0
			}
			v["applications.other_handling.total.natural_person"] = 3
			v["applications.other_handling.total.total"] = 3
		}, nil, 42 - 2},
		{"no tables: nothing to check", func(v Values) {
			for k := range v {
				delete(v, k)
			}
		}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := consistent()
			tt.change(v)
			checks := Evaluate(v)
			if got := failed(checks); !reflect.DeepEqual(got, tt.failed) {
				t.Errorf("failed rules %v, want %v", got, tt.failed)
			}
			if len(checks) != tt.count {
				t.Errorf("%d checks evaluated, want %d", len(checks), tt.count)
			}
			for _, c := range checks {
				if !c.OK && c.Message == "" {
					t.Errorf("%s failed without a message", c.Rule)
				}
			}
		})
	}
}

func TestRecordRoundTrip(t *testing.T) {
	rec := Record{
		SchemaVersion: Version,
		Source:        Source{Path: "a/b.pdf", SHA256: "00", Size: 3, Format: "pdf", Pages: 5},
		Status:        StatusOK,
		Report:        Report{Title: "某某2024年政府信息公开工作年度报告", Agency: "某某", Year: 2024, Template: Template2021},
		Values:        Values{"review.total": 3, "active.fees.amount": 12.5, "applications.other_handling.total.total": 1},
		Narrative:     Narrative{"review.total": {Value: 3, Sentence: "行政复议3件。", Paragraph: 9, Page: 2}},
		Checks:        []Check{{Rule: "review.total", OK: true, Fields: []string{"review.total"}}},
		Provenance:    map[string]Provenance{"review.total": {Page: 4, Table: 3, Row: 4, Col: 5, Text: "3"}},
	}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"review":{"total":3}`, `"active":{"fees":{"amount":12.5}}`, `"applications":{"other_handling":{"total":{"total":1}}}`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
	var back Record
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rec) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, rec)
	}
}

// The JSON Schema of this version is committed and never edited in place:
// changing the record means a new Version and a new file.
func TestJSONSchemaPublished(t *testing.T) {
	got, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join(".", "record-"+Version+".json")
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) && *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%v (run go test ./schema -update to publish a new version)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("the record's types changed but %s is published: raise schema.Version and run go test ./schema -update", path)
	}
}

// appendFloat and appendString write what encoding/json writes.
func TestAppendJSON(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 12.5, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.2345e22, -3e-9,
		123456789012345680, 0.000123, math.MaxFloat64, math.SmallestNonzeroFloat64, 33.33, 1e100, -1e-100}
	x := uint64(0x9e3779b97f4a7c15)
	for range 5000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if f := math.Float64frombits(x); !math.IsNaN(f) && !math.IsInf(f, 0) {
			floats = append(floats, f)
		}
	}
	// Whole numbers and hundredths, as figures and coordinates are, and
	// their neighbours.
	for range 20000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		f := float64(int64(x%2e11)-1e11) / []float64{1, 10, 100, 1000}[x>>62]
		floats = append(floats, f, math.Nextafter(f, 0), math.Nextafter(f, math.Inf(1)), f*1e4)
	}
	floats = append(floats, 999999999.99, 1e9, 1e9-0.01, 0.01, -0.01, 0.005, 0.015, 1.005, 4503599627370495.5)
	for _, f := range floats {
		want, _ := json.Marshal(f)
		got, err := appendFloat(nil, f)
		if err != nil || string(got) != string(want) {
			t.Errorf("%v: %s, encoding/json %s", f, got, want)
		}
	}
	if _, err := appendFloat(nil, math.NaN()); err == nil {
		t.Error("NaN written")
	}
	strs := []string{"applications", "new_total", "a\"b", "x<y", "a&b", "tab\t", "中文", "\xff", "back\\slash"}
	// Every ASCII byte, and what else encoding/json escapes or replaces, at
	// every place in and around the eight-byte words appendString reads.
	odd := []string{"\u2028", "\u2029", "\xe2\x80", "\xff", "\xc0\xaf", "é", "中", "\U0001F600", "\x7f"}
	for c := range utf8.RuneSelf {
		odd = append(odd, string(rune(c)))
	}
	for _, o := range odd {
		for i := range 18 {
			strs = append(strs, strings.Repeat("a", i)+o+strings.Repeat("b", 17-i))
		}
	}
	for _, k := range strs {
		want, _ := json.Marshal(k)
		if got := appendString(nil, k); string(got) != string(want) {
			t.Errorf("%q: %s, encoding/json %s", k, got, want)
		}
	}
}

// sortKeys sorts as slices.Sort does: canonical keys, and keys outside
// fields.tsv between and around them, prefixes of keys among them.
func TestSortKeys(t *testing.T) {
	x := uint64(11)
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	others := []string{"", "a", "active", "active.", "applications.new.total.extra", "applications.new", "zz", "review.total.z", "中文", "\xff"}
	for range 500 {
		set := map[string]bool{}
		for range next() % 300 {
			if next()%4 == 0 {
				set[others[next()%uint64(len(others))]] = true
			} else {
				set[fields[next()%uint64(len(fields))].Key] = true
			}
		}
		keys := slices.Collect(maps.Keys(set))
		want := slices.Clone(keys)
		slices.Sort(want)
		if sortKeys(keys); !slices.Equal(keys, want) {
			t.Fatalf("sortKeys:\n%q\nslices.Sort:\n%q", keys, want)
		}
	}
}

// appendProvenance writes what encoding/json writes for the map, whatever
// its cells' text (escapes, invalid UTF-8, U+2028) and optional fields.
func TestProvenanceJSON(t *testing.T) {
	texts := []string{"", "12", "行政许可", "a<b>&c", "say \"hi\"", "back\\slash", "tab\there", "\xff\xfe", "line\u2028sep", "新\u2029段", "\x01"}
	conf := 87.25
	m := map[string]Provenance{}
	for i, txt := range texts {
		p := Provenance{Page: i % 3, Table: i, Row: i * 2, Col: -i, Text: txt}
		if i%2 == 0 {
			p.Box = &Box{X0: 1.5, Y0: float64(i) * 1e-7, X1: 595.28, Y1: 1e22}
		}
		if i%3 == 0 {
			p.OCRConfidence = &conf
		}
		m[fmt.Sprintf("applications.k%02d.%s", len(texts)-i, txt)] = p
	}
	for _, mm := range []map[string]Provenance{m, {}, {"a": {}}} {
		want, _ := json.Marshal(mm)
		got, err := appendProvenance(nil, mm)
		if err != nil || string(got) != string(want) {
			t.Errorf("appendProvenance:\n%s\nencoding/json:\n%s", got, want)
		}
	}
}

// appendDerived and appendNarrative write what encoding/json writes for
// the maps, whatever their keys' and sentences' text and optional fields.
func TestDerivedNarrativeJSON(t *testing.T) {
	texts := []string{"", "applications.denied.total.natural_person", "受理申请17件。", "a<b>&c", "say \"hi\"", "tab\there", "\xff\xfe", "line\u2028sep", "\x01"}
	d, n := Derived{}, Narrative{}
	for i, txt := range texts {
		d[txt] = float64(i*37) / 4
		n[fmt.Sprintf("k%02d.%s", len(texts)-i, txt)] = Statement{Value: float64(i) * 1.5e7, Sentence: txt, Paragraph: i, Page: i % 2}
	}
	for _, dd := range []Derived{d, {}, {"a": 0}} {
		want, _ := json.Marshal(dd)
		if got, err := appendDerived(nil, dd); err != nil || string(got) != string(want) {
			t.Errorf("appendDerived:\n%s\nencoding/json:\n%s", got, want)
		}
	}
	for _, nn := range []Narrative{n, {}, nil, {"a": {}}} {
		want, _ := json.Marshal(nn)
		if nn == nil {
			want = []byte("{}") // a record's narrative is an object, empty for none
		}
		if got, err := appendNarrative(nil, nn); err != nil || string(got) != string(want) {
			t.Errorf("appendNarrative:\n%s\nencoding/json:\n%s", got, want)
		}
	}
	if _, err := appendDerived(nil, Derived{"x": math.Inf(1)}); err == nil {
		t.Error("appendDerived wrote +Inf")
	}
	if _, err := appendNarrative(nil, Narrative{"x": {Value: math.NaN()}}); err == nil {
		t.Error("appendNarrative wrote NaN")
	}
}

// A group's tree writes what a tree of pointers and slices, built key by
// key, writes: keys in the order first set, a key's parts nested, the
// keys outside fields.tsv after the rest, a value that also has parts
// written as the value. On random subsets of the canonical keys with
// extra keys among them.
func TestGroupTree(t *testing.T) {
	type ref struct {
		keys  []string
		kids  []*ref
		value float64
		leaf  bool
	}
	var set func(n *ref, path []string, v float64)
	set = func(n *ref, path []string, v float64) {
		i := slices.Index(n.keys, path[0])
		if i < 0 {
			i = len(n.keys)
			n.keys, n.kids = append(n.keys, path[0]), append(n.kids, &ref{})
		}
		if len(path) == 1 {
			n.kids[i].value, n.kids[i].leaf = v, true
			return
		}
		set(n.kids[i], path[1:], v)
	}
	var write func(b []byte, n *ref) []byte
	write = func(b []byte, n *ref) []byte {
		if n.leaf {
			b, _ = appendFloat(b, n.value)
			return b
		}
		b = append(b, '{')
		for i, k := range n.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = write(append(appendString(b, k), ':'), n.kids[i])
		}
		return append(b, '}')
	}
	x := uint64(7)
	next := func() uint64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
	for range 300 {
		v := Values{}
		for _, f := range fields {
			if next()%3 == 0 {
				v[f.Key] = float64(next() % 50)
			}
		}
		for _, k := range []string{"applications.new.extra", "applications.zz.y", "review.total.part", "active.rules.issued.more", "applications.new"} {
			if next()%2 == 0 {
				v[k] = 1.5
			}
		}
		extra := v.extraKeys()
		for _, g := range Groups {
			root := &ref{}
			for _, f := range groupFields(g) {
				if val, ok := v[f.key]; ok {
					set(root, f.path, val)
				}
			}
			for _, k := range extra {
				if rest, ok := strings.CutPrefix(k, g+"."); ok {
					set(root, strings.Split(rest, "."), v[k])
				}
			}
			tr := &tree{}
			if !v.group(g, extra, tr) {
				tr = nil
			}
			if (tr == nil) != (len(root.keys) == 0) {
				t.Fatalf("%s: tree %v, reference with %d keys", g, tr, len(root.keys))
			}
			if tr == nil {
				continue
			}
			got, _ := tr.appendJSON(nil)
			if want := write(nil, root); string(got) != string(want) {
				t.Fatalf("%s:\n got %s\nwant %s", g, got, want)
			}
		}
	}
}

// appendChecks writes what encoding/json writes for the checks, whatever
// their texts, with fields nil, empty or listed, messages or none.
func TestChecksJSON(t *testing.T) {
	texts := []string{"", "review.total", "a<b>&c", "say \"hi\"", "\xff\xfe", "line\u2028sep", "\x01", "合计"}
	var checks []Check
	for i, txt := range texts {
		c := Check{Rule: txt, OK: i%2 == 0, Message: texts[(i+3)%len(texts)]}
		switch i % 3 {
		case 1:
			c.Fields = []string{}
		case 2:
			c.Fields = texts[:i]
		}
		checks = append(checks, c)
	}
	for _, cs := range [][]Check{checks, {}, {{}}} {
		want, _ := json.Marshal(cs)
		if got := appendChecks(nil, cs); string(got) != string(want) {
			t.Errorf("appendChecks:\n%s\nencoding/json:\n%s", got, want)
		}
	}
	if got := appendChecks(nil, nil); string(got) != "[]" {
		t.Errorf("no checks: %s, want []", got)
	}
}
