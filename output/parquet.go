package output

import (
	"fmt"
	"io"
	"slices"

	"github.com/parquet-go/parquet-go"

	"github.com/gongkai/gongkai/schema"
)

// parquetWriter writes the rows of a layout with typed columns, for
// DuckDB, pandas, Spark and the like: the CSV's columns, lists as lists of
// strings, values as nullable DOUBLEs — DOUBLE for counts too, since a
// value is kept as printed and a document may print a count with decimals.
//
// Parquet writes its index at the end, so the file is complete only after
// Close: for runs that may be killed, write JSON Lines with --resume and
// convert with `gongkai merge out.parquet in.jsonl`.
type parquetWriter struct {
	// The untyped Writer, deprecated in favour of GenericWriter[T]: the
	// columns come from fields.tsv at run time, so there is no Go type T.
	//lint:ignore SA1019 no static row type fits a schema built from fields.tsv
	w     *parquet.Writer
	shape shape
}

// rowGroupSize bounds the rows buffered in memory before they are written.
const rowGroupSize = 10000

// node is a column's Parquet type.
func (c column) node() parquet.Node {
	switch c.kind {
	case text:
		return parquet.String()
	case optText:
		return parquet.Optional(parquet.String())
	case size:
		return parquet.Int(64)
	case optInt:
		return parquet.Optional(parquet.Int(32))
	case list:
		return parquet.List(parquet.String())
	}
	return parquet.Optional(parquet.Leaf(parquet.DoubleType))
}

// ParquetSchema is the schema of the Parquet output in the layout.
func ParquetSchema(l Layout) *parquet.Schema {
	g := orderedGroup{Group: parquet.Group{}}
	for _, c := range shapeOf(l).columns {
		g.add(c.name, c.node())
	}
	return parquet.NewSchema("record", g)
}

func newParquet(w io.Writer, l Layout) *parquetWriter {
	return &parquetWriter{shape: shapeOf(l), w: parquet.NewWriter(w, ParquetSchema(l),
		parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(rowGroupSize),
		parquet.KeyValueMetadata("gongkai.schema_version", schema.Version),
		parquet.CreatedBy("gongkai", schema.Version, ""),
	)}
}

func (p *parquetWriter) Write(rec schema.Record) error {
	for _, r := range p.shape.rows(rec) {
		row := make(map[string]any, len(r))
		for i, v := range r {
			switch v := v.(type) {
			case nil:
			case int64:
				if p.shape.columns[i].kind == optInt {
					row[p.shape.columns[i].name] = int32(v)
				} else {
					row[p.shape.columns[i].name] = v
				}
			default:
				row[p.shape.columns[i].name] = v
			}
		}
		if err := p.w.Write(row); err != nil {
			return fmt.Errorf("output: parquet: %s: %w", rec.Source.Path, err)
		}
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
