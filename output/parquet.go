package output

import (
	"fmt"
	"io"
	"slices"

	"github.com/parquet-go/parquet-go"

	"github.com/gongkai/gongkai/schema"
)

// parquetWriter writes one row a report with typed columns, for DuckDB,
// pandas, Spark and the like: the metadata columns of the CSV (problems as
// a list of strings "kind: message", failed_rules and narrative_failed_rules as lists of
// rule ids), then one nullable DOUBLE per key of fields.tsv, named by the
// key, null where the report prints no value, then one per narrative key
// ("narrative.applications.new"), null where the prose states none. DOUBLE
// for counts too: a value is kept as printed, and a document may print a
// count with decimals.
//
// Parquet writes its index at the end, so the file is complete only after
// Close: for runs that may be killed, write JSON Lines with --resume and
// convert with `gongkai merge out.parquet in.jsonl`.
type parquetWriter struct {
	// The untyped Writer, deprecated in favour of GenericWriter[T]: the
	// columns come from fields.tsv at run time, so there is no Go type T.
	//lint:ignore SA1019 no static row type fits a schema built from fields.tsv
	w *parquet.Writer
}

// rowGroupSize bounds the rows buffered in memory before they are written.
const rowGroupSize = 10000

// metaColumns are the columns before the values, in order.
var metaColumns = []struct {
	name string
	node parquet.Node
}{
	{"path", parquet.String()},
	{"sha256", parquet.Optional(parquet.String())},
	{"size", parquet.Int(64)},
	{"format", parquet.Optional(parquet.String())},
	{"pages", parquet.Optional(parquet.Int(32))},
	{"status", parquet.String()},
	{"error", parquet.Optional(parquet.String())},
	{"error_kind", parquet.Optional(parquet.String())},
	{"duplicate_of", parquet.Optional(parquet.String())},
	{"title", parquet.Optional(parquet.String())},
	{"agency", parquet.Optional(parquet.String())},
	{"body_id", parquet.Optional(parquet.String())},
	{"division_code", parquet.Optional(parquet.String())},
	{"body_kind", parquet.Optional(parquet.String())},
	{"year", parquet.Optional(parquet.Int(32))},
	{"template", parquet.String()},
	{"failed_rules", parquet.List(parquet.String())},
	{"narrative_failed_rules", parquet.List(parquet.String())},
	{"problems", parquet.List(parquet.String())},
}

// ParquetSchema is the schema of the Parquet output.
func ParquetSchema() *parquet.Schema {
	g := orderedGroup{Group: parquet.Group{}}
	for _, c := range metaColumns {
		g.add(c.name, c.node)
	}
	for _, f := range schema.Fields() {
		g.add(f.Key, parquet.Optional(parquet.Leaf(parquet.DoubleType)))
	}
	for _, k := range schema.NarrativeKeys {
		g.add("narrative."+k.Key, parquet.Optional(parquet.Leaf(parquet.DoubleType)))
	}
	return parquet.NewSchema("record", g)
}

func newParquet(w io.Writer) *parquetWriter {
	return &parquetWriter{w: parquet.NewWriter(w, ParquetSchema(),
		parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(rowGroupSize),
		parquet.KeyValueMetadata("gongkai.schema_version", schema.Version),
		parquet.CreatedBy("gongkai", schema.Version, ""),
	)}
}

func (p *parquetWriter) Write(rec schema.Record) error {
	row := map[string]any{
		"path":                   rec.Source.Path,
		"size":                   rec.Source.Size,
		"status":                 string(rec.Status),
		"template":               string(rec.Report.Template),
		"failed_rules":           failedRules(rec.Checks),
		"narrative_failed_rules": failedRules(rec.NarrativeChecks),
		"problems":               ProblemStrings(rec.Problems),
	}
	optional := func(name, v string) {
		if v != "" {
			row[name] = v
		}
	}
	optional("sha256", rec.Source.SHA256)
	optional("format", rec.Source.Format)
	optional("error", rec.Error)
	optional("error_kind", string(rec.ErrorKind))
	optional("duplicate_of", rec.Source.DuplicateOf)
	optional("title", rec.Report.Title)
	optional("agency", rec.Report.Agency)
	if b := rec.Report.Body; b != nil {
		optional("body_id", b.ID)
		optional("division_code", b.Division)
		optional("body_kind", string(b.Kind))
	}
	if rec.Source.Pages != 0 {
		row["pages"] = int32(rec.Source.Pages)
	}
	if rec.Report.Year != 0 {
		row["year"] = int32(rec.Report.Year)
	}
	for _, f := range schema.Fields() {
		if v, ok := rec.Values[f.Key]; ok {
			row[f.Key] = v
		}
	}
	for k, st := range rec.Narrative {
		if schema.IsNarrativeKey(k) {
			row["narrative."+k] = st.Value
		}
	}
	if err := p.w.Write(row); err != nil {
		return fmt.Errorf("output: parquet: %s: %w", rec.Source.Path, err)
	}
	return nil
}

func (p *parquetWriter) Close() error {
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("output: parquet: %w", err)
	}
	return nil
}

// orderedGroup is a Parquet group whose columns keep the order they were
// added in; parquet.Group alone sorts them by name.
type orderedGroup struct {
	parquet.Group
	order []string
}

func (g *orderedGroup) add(name string, n parquet.Node) {
	g.Group[name] = n
	g.order = append(g.order, name)
}

func (g orderedGroup) Fields() []parquet.Field {
	rank := make(map[string]int, len(g.order))
	for i, n := range g.order {
		rank[n] = i
	}
	fs := slices.Clone(g.Group.Fields())
	slices.SortFunc(fs, func(a, b parquet.Field) int { return rank[a.Name()] - rank[b.Name()] })
	return fs
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
