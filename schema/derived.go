package schema

// Derived holds sums computed from printed values, under keys of their own
// (DerivedFields), apart from Values so that a computed figure is never
// taken for a printed one.
type Derived map[string]float64

// DerivedField is a sum the template does not print but analysts always
// compute: a row group of table 三 (（三）不予公开, （四）无法提供, （五）不予处理,
// and the 2021 template's （六）其他处理) added up over its items, per
// column.
type DerivedField struct {
	Key   string   // applications.denied.total.natural_person
	Parts []string // the printed keys it adds up, all of them needed
	// Layout is the layout whose values it is derived from: Items for
	// （六）其他处理, whose one-row layout prints its total.
	Layout   Layout
	RowLabel string // the group's label, as fields.tsv writes it
	Column   string // the column's label
}

// DerivedFields (fields_gen.go) are the derived keys, in the order of
// fields.tsv's groups and columns: table 三's row groups that have items
// but no printed total (denied, unavailable, not_processed,
// other_handling), per column.

// Derive computes every derived sum whose parts the values all hold, for
// the layout they are printed in; a sum with a part missing is absent,
// never a guess.
func Derive(v Values) Derived {
	var d Derived
	l := LayoutOf(v)
next:
	for _, f := range DerivedFields {
		if f.Layout != AnyLayout && f.Layout != l {
			continue
		}
		var s float64
		for _, k := range f.Parts {
			x, ok := v[k]
			if !ok {
				continue next
			}
			s += x
		}
		if d == nil {
			d = Derived{}
		}
		d[f.Key] = s
	}
	return d
}
