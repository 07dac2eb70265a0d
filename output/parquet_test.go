package output_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

// The package has no golden files, but accepts -update like every other.
var _ = golden.Update

// records are the sample reports plus made-up records that exercise every
// column: errors, warnings, decimals, a non-UTF-8 name, an empty value set.
func records(t testing.TB) []schema.Record {
	t.Helper()
	files, _ := filepath.Glob("../samples/reports/*")
	if len(files) == 0 {
		t.Fatal("no sample reports")
	}
	var recs []schema.Record
	conv := gongkai.New()
	for _, f := range files {
		recs = append(recs, conv.File(context.Background(), f))
	}
	odd := recs[0]
	odd.Source.Path = "归档/\xb1\xa8\xb8\xe6.html"
	odd.Source.Path = gongkai.RecordPath(odd.Source.Path)
	odd.Values = schema.Values{"active.procurement.total": 1234.56, "applications.new.total": 3, "active.rules.issued": 0}
	odd.Derived = schema.Derive(odd.Values)
	conf := 41.5 // read by OCR
	odd.Provenance = map[string]schema.Provenance{"applications.new.total": {Page: 2, Table: 3, Row: 4, Col: 9, Text: "3", OCRConfidence: &conf}}
	odd.Problems = []schema.Problem{{Kind: schema.ProblemWarning, Message: `a "quoted" warning`}, {Kind: schema.ProblemNoValue, Key: "applications.new.total", Page: 2, Message: "第二条"}}
	odd.ErrorKind = schema.KindIncomplete
	odd.Source.DuplicateOf = "归档/原.html"
	odd.Narrative = schema.Narrative{"applications.new": {Value: 17, Sentence: "受理申请17件。", Paragraph: 6}, "fees.processing": {Value: 0, Paragraph: 9}}
	odd.NarrativeChecks = []schema.Check{{Rule: "narrative.applications.new", OK: false, Fields: []string{"narrative.applications.new", "applications.new.total"}}}
	odd.Status = schema.StatusPartial
	odd.Error = "table 四 not found"
	recs = append(recs, odd, gongkai.ErrorRecord("missing/file.pdf", fmt.Errorf("open missing/file.pdf: no such file or directory")))
	return recs
}

func writeAll(t *testing.T, format string, recs []schema.Record) []byte {
	return writeLayout(t, format, output.Wide, recs)
}

func writeLayout(t *testing.T, format string, l output.Layout, recs []schema.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := output.New(format, l, &b)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// want is what a Parquet row must hold for a record, as read from the
// record's JSON Lines form (the contract), in the reader's terms: column →
// string, float64, []string or nil.
func want(t *testing.T, line []byte) map[string]any {
	var rec schema.Record
	if err := json.Unmarshal(line, &rec); err != nil {
		t.Fatal(err)
	}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	num := func(n int) any {
		if n == 0 {
			return nil
		}
		return float64(n)
	}
	failed := func(checks []schema.Check) []string {
		out := []string{}
		for _, c := range checks {
			if !c.OK {
				out = append(out, c.Rule)
			}
		}
		return out
	}
	m := map[string]any{
		"path": rec.Source.Path, "sha256": str(rec.Source.SHA256), "size": float64(rec.Source.Size),
		"format": str(rec.Source.Format), "pages": num(rec.Source.Pages), "status": string(rec.Status),
		"error": str(rec.Error), "error_kind": str(string(rec.ErrorKind)), "duplicate_of": str(rec.Source.DuplicateOf), "title": str(rec.Report.Title), "agency": str(rec.Report.Agency),
		"year": num(rec.Report.Year), "template": string(rec.Report.Template),
		"failed_rules": failed(rec.Checks), "narrative_failed_rules": failed(rec.NarrativeChecks),
		"problems": output.ProblemStrings(rec.Problems),
		"body_id":  nil, "division_code": nil, "body_kind": nil,
	}
	if b := rec.Report.Body; b != nil {
		m["body_id"], m["division_code"], m["body_kind"] = str(b.ID), str(b.Division), str(string(b.Kind))
	}
	for _, f := range schema.Fields() {
		if v, ok := rec.Values[f.Key]; ok {
			m[f.Key] = v
		} else {
			m[f.Key] = nil
		}
	}
	for _, f := range schema.DerivedFields {
		if v, ok := rec.Derived[f.Key]; ok {
			m["derived."+f.Key] = v
		} else {
			m["derived."+f.Key] = nil
		}
	}
	for _, k := range schema.NarrativeKeys {
		if st, ok := rec.Narrative[k.Key]; ok {
			m["narrative."+k.Key] = st.Value
		} else {
			m["narrative."+k.Key] = nil
		}
	}
	return m
}

// normal turns a reader's value into want's terms.
func normal(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return x
	case float64:
		return x
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case []any:
		out := []string{}
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case []string:
		return append([]string{}, x...)
	}
	return fmt.Sprintf("unexpected %T %v", v, v)
}

func compare(t *testing.T, reader string, jsonl []byte, rows []map[string]any) {
	t.Helper()
	lines := bytes.Split(bytes.TrimSpace(jsonl), []byte("\n"))
	if len(rows) != len(lines) {
		t.Fatalf("%s: %d rows, want %d", reader, len(rows), len(lines))
	}
	columns := len(output.Header(output.Wide))
	for i, line := range lines {
		w := want(t, line)
		if len(rows[i]) != columns {
			t.Errorf("%s: row %d has %d columns, want %d", reader, i, len(rows[i]), columns)
		}
		for col, wv := range w {
			gv, ok := rows[i][col]
			if !ok {
				t.Errorf("%s: row %d: no column %q", reader, i, col)
				continue
			}
			if g := normal(gv); !reflect.DeepEqual(g, wv) {
				t.Errorf("%s: row %d (%s) column %q = %#v, JSON Lines has %#v", reader, i, w["path"], col, g, wv)
			}
		}
	}
}

// TestParquetDuckDB reads the Parquet output with DuckDB, an engine that
// shares no code with the writer, and checks every value of every row
// against the JSON Lines output of the same records, and the column types.
func TestParquetDuckDB(t *testing.T) {
	query := duckdb(t)
	recs := records(t)
	path := filepath.Join(t.TempDir(), "out.parquet")
	os.WriteFile(path, writeAll(t, "parquet", recs), 0o644)
	var rows []map[string]any
	query(t, fmt.Sprintf("SELECT * FROM read_parquet('%s')", path), &rows)
	for _, r := range rows { // BIGINT comes as a string, to keep its precision
		if s, ok := r["size"].(string); ok {
			r["size"], _ = strconv.ParseFloat(s, 64)
		}
	}
	compare(t, "duckdb", writeAll(t, "jsonl", recs), rows)

	var types []struct {
		Name string `json:"column_name"`
		Type string `json:"column_type"`
	}
	query(t, fmt.Sprintf("DESCRIBE SELECT * FROM read_parquet('%s')", path), &types)
	wantTypes := map[string]string{"path": "VARCHAR", "size": "BIGINT", "pages": "INTEGER", "year": "INTEGER",
		"failed_rules": "VARCHAR[]", "problems": "VARCHAR[]", "error_kind": "VARCHAR", "applications.new.total": "DOUBLE"}
	for _, c := range types {
		if w, ok := wantTypes[c.Name]; ok && c.Type != w {
			t.Errorf("column %s is %s, want %s", c.Name, c.Type, w)
		}
	}
	last := "narrative." + schema.NarrativeKeys[len(schema.NarrativeKeys)-1].Key
	if len(types) != len(output.Header(output.Wide)) || types[0].Name != "path" || types[len(types)-1].Name != last {
		t.Errorf("columns out of order: first %v, last %v", types[0], types[len(types)-1])
	}
}

// TestParquetRoundTrip reads the file back with the Parquet library's
// generic reader; it runs where DuckDB is not installed.
func TestParquetRoundTrip(t *testing.T) {
	recs := records(t)
	data := writeAll(t, "parquet", recs)
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.Lookup("gongkai.schema_version"); v != schema.Version {
		t.Errorf("schema version metadata %q", v)
	}
	r := parquet.NewReader(f)
	var rows []map[string]any
	for {
		row := map[string]any{}
		if err := r.Read(&row); err != nil {
			break
		}
		rows = append(rows, row)
	}
	compare(t, "parquet-go", writeAll(t, "jsonl", recs), rows)
}

// duckdb returns a function running SQL with DuckDB (scripts/duckdb-query),
// or skips the test when DuckDB is not installed (scripts/duckdb-install
// installs it; .ci/run does, and in CI its absence is a failure).
func duckdb(t *testing.T) func(t *testing.T, sql string, into any) {
	t.Helper()
	script, _ := filepath.Abs("../scripts/duckdb-query")
	dir := os.Getenv("GONGKAI_DUCKDB")
	if dir == "" {
		dir, _ = filepath.Abs("../.duckdb")
	}
	_, nodeErr := exec.LookPath("node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil || nodeErr != nil {
		msg := "DuckDB is not installed (run scripts/duckdb-install; needs node and npm): reading the Parquet with DuckDB skipped"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return func(t *testing.T, sql string, into any) {
		t.Helper()
		cmd := exec.Command("node", script, sql)
		cmd.Env = append(os.Environ(), "GONGKAI_DUCKDB="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("duckdb: %v: %s", err, stderr.String())
		}
		if err := json.Unmarshal(out, into); err != nil {
			t.Fatalf("duckdb output: %v", err)
		}
	}
}

// More rows than a row group holds are written as several, and every row
// reads back in order, with its lists, by both readers.
func TestParquetRowGroups(t *testing.T) {
	const n = 25001 // three row groups of 10,000 at most
	base := records(t)
	recs := make([]schema.Record, n)
	for i := range recs {
		recs[i] = base[i%len(base)]
		recs[i].Source.Path = fmt.Sprintf("archive/%05d.pdf", i)
	}
	for i := range 300 { // a list longer than a byte counts
		recs[7].Problems = append(recs[7].Problems, schema.Problem{Kind: schema.ProblemWarning, Message: fmt.Sprint(i)})
	}
	data := writeAll(t, "parquet", recs)
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if g := len(f.RowGroups()); g != 3 {
		t.Errorf("%d row groups, want 3", g)
	}
	r := parquet.NewReader(f)
	for i := 0; ; i++ {
		row := map[string]any{}
		if err := r.Read(&row); err != nil {
			if i != n {
				t.Errorf("%d rows read, want %d (%v)", i, n, err)
			}
			break
		}
		src := recs[i]
		if row["path"] != src.Source.Path || fmt.Sprint(normal(row["problems"])) != fmt.Sprint(output.ProblemStrings(src.Problems)) {
			t.Fatalf("row %d: path %v, problems %v; want %s, %v", i, row["path"], row["problems"], src.Source.Path, output.ProblemStrings(src.Problems))
		}
	}
	t.Run("duckdb", func(t *testing.T) {
		query := duckdb(t)
		path := filepath.Join(t.TempDir(), "big.parquet")
		os.WriteFile(path, data, 0o644)
		var got []struct {
			N     int    `json:"n"`
			Last  string `json:"last"`
			Lists int    `json:"lists"`
		}
		query(t, fmt.Sprintf("SELECT count(*)::INTEGER AS n, max(path) AS last, sum(len(problems))::INTEGER AS lists FROM read_parquet('%s')", path), &got)
		lists := 0
		for _, r := range recs {
			lists += len(r.Problems)
		}
		if len(got) != 1 || got[0].N != n || got[0].Last != recs[n-1].Source.Path || got[0].Lists != lists {
			t.Errorf("duckdb: %+v, want %d rows, last %s, %d problems", got, n, recs[n-1].Source.Path, lists)
		}
	})
}

func BenchmarkParquet(b *testing.B) {
	recs := records(b)
	for b.Loop() {
		var buf bytes.Buffer
		w, _ := output.New("parquet", output.Wide, &buf)
		for i := range 1000 {
			w.Write(recs[i%len(recs)])
		}
		w.Close()
		b.SetBytes(int64(buf.Len()))
	}
}

// failingWriter fails after n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, fmt.Errorf("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// A write that fails is reported, by Write or at the latest by Close, with
// the package's prefix; nothing panics.
func TestParquetWriteError(t *testing.T) {
	recs := records(t)
	for _, n := range []int{0, 3, 100, 5000} {
		w, err := output.New("parquet", output.Wide, &failingWriter{n: n})
		if err != nil {
			t.Fatal(err)
		}
		var werr error
		for _, r := range recs {
			if werr = w.Write(r); werr != nil {
				break
			}
		}
		cerr := w.Close()
		if err := cmp.Or(werr, cerr); err == nil || !strings.Contains(err.Error(), "output: parquet: disk full") {
			t.Errorf("failing after %d bytes: write %v, close %v", n, werr, cerr)
		}
	}
}

// BenchmarkRecordJSON writes the sample reports' records as JSON Lines.
func BenchmarkRecordJSON(b *testing.B) {
	recs := records(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range recs {
			if _, err := output.Line(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// A run with no record still writes a Parquet file both readers open: its
// columns and no row.
func TestParquetEmpty(t *testing.T) {
	for _, l := range []output.Layout{output.Wide, output.Long} {
		data := writeLayout(t, "parquet", l, nil)
		f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		if f.NumRows() != 0 || len(f.Schema().Fields()) != len(output.Header(l)) {
			t.Errorf("%s: %d rows, %d columns", l, f.NumRows(), len(f.Schema().Fields()))
		}
		t.Run(string(l)+"/duckdb", func(t *testing.T) {
			query := duckdb(t)
			path := filepath.Join(t.TempDir(), "empty.parquet")
			os.WriteFile(path, data, 0o644)
			var got []struct {
				N int `json:"n"`
			}
			query(t, fmt.Sprintf("SELECT count(*)::INTEGER AS n FROM read_parquet('%s')", path), &got)
			if len(got) != 1 || got[0].N != 0 {
				t.Errorf("duckdb: %+v", got)
			}
		})
	}
}
