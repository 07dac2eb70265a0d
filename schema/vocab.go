package schema

import (
	"slices"
	"strings"
	"sync"
)

// Table is one of the template's statistics tables.
type Table string

const (
	TableActive       Table = "active"       // 二、主动公开政府信息情况
	TableApplications Table = "applications" // 三、收到和处理政府信息公开申请情况
	TableReview       Table = "review"       // 四、政府信息公开行政复议、行政诉讼情况
	// TablePre2019 is the 2008–2018 reports' 政府信息公开情况统计表, in its
	// provincial families (pre2019.md).
	TablePre2019 Table = "pre2019"
)

// Tables are the 2019 and 2021 templates' tables in the order they print
// them.
var Tables = []Table{TableActive, TableApplications, TableReview}

var tableNames = map[Table]struct{ section, name string }{
	TableActive:       {"二", "主动公开"},
	TableApplications: {"三", "收到和处理申请"},
	TableReview:       {"四", "行政复议、行政诉讼"},
	TablePre2019:      {"统计表", "政府信息公开情况统计表"},
}

// Section is the table's section number as the template prints it: 二, 三, 四.
func (t Table) Section() string { return tableNames[t].section }

// Title names the table for people: "二 (主动公开)".
func (t Table) Title() string { return tableNames[t].section + " (" + tableNames[t].name + ")" }

// Fields are the table's keys in fields.tsv order. The slice is shared:
// callers must not change it.
func (t Table) Fields() []Field { return tableFields()[t] }

// tableFields holds each table's fields, split once, at first use: the
// vocabulary's helpers run for every document. A table whose fields stand
// together in fields.tsv, as each does, shares the slice of fields rather
// than copying it.
var tableFields = sync.OnceValue(func() map[Table][]Field {
	m := map[Table][]Field{}
	for i := 0; i < len(fields); {
		t, j := fields[i].Table, i+1
		for j < len(fields) && fields[j].Table == t {
			j++
		}
		if _, seen := m[t]; seen { // a table's fields split: copy them together
			m[t] = append(slices.Clip(m[t]), fields[i:j]...)
		} else {
			m[t] = fields[i:j:j]
		}
		i = j
	}
	return m
})

func tableOfSection(s string) Table {
	for t, n := range tableNames {
		if n.section == s {
			return t
		}
	}
	return ""
}

// templateTables are the tables TemplateOf reads, in order.
var templateTables = []Table{TableActive, TableApplications, TableReview, TablePre2019}

// Template is the version of the statistics tables a report prints.
type Template string

// Template values: decided from the tables, not from the year.
const (
	Template2021    Template = "2021"
	Template2019    Template = "2019"
	TemplatePre2019 Template = "pre2019" // the 2008 regulation's reports
	TemplateUnknown Template = "unknown"
)

// Templates are the values Report.Template takes.
var Templates = []Template{Template2021, Template2019, TemplatePre2019, TemplateUnknown}

// TemplateOf decides the template from the keys a report prints: table by
// table in the template's order (table 二's columns differ most), the first
// key only one template prints decides. It is TemplateUnknown when every key
// is common to both, or there are none.
func TemplateOf(v Values) Template {
	for _, t := range templateTables {
		for _, f := range t.Fields() {
			if _, ok := v[f.Key]; !ok || len(f.Templates) != 1 {
				continue
			}
			return f.Templates[0]
		}
	}
	return TemplateUnknown
}

// Layout is how table 三 prints （六）其他处理: as the 2019 template's one
// row, or as the 2021 template's three items. Some 2021 reports keep the
// one row, so the layout is read from the values, apart from the template.
type Layout int

const (
	AnyLayout Layout = iota // a key outside （六）, printed in either layout
	Items                   // three items: 逾期不补正, 逾期未缴费, 其他
	SingleRow               // one row
)

// LayoutOf is the layout a report's values use: SingleRow when it prints
// any of the one row's values, Items otherwise.
func LayoutOf(v Values) Layout {
	for _, f := range fields {
		if _, ok := v[f.Key]; ok && f.Layout == SingleRow {
			return SingleRow
		}
	}
	return Items
}

// Printed reports whether a report of layout l prints the key.
func (f Field) Printed(l Layout) bool { return f.Layout == AnyLayout || f.Layout == l }

// ApplicantColumns (fields_gen.go) are the column parts of table 三's keys,
// in the template's order, 总计 last.

// ApplicationRows (fields_gen.go) are the row parts of table 三's keys in
// template order, e.g. "new", "denied.state_secret", "other_handling.total",
// in both layouts: ApplicationRowsIn(AnyLayout).

// ApplicationRowsIn are the rows of table 三 a report of layout l prints;
// AnyLayout gives the rows of both layouts.
func ApplicationRowsIn(l Layout) []string {
	var rows []string
	for _, f := range TableApplications.Fields() {
		row, col := splitApplicationKey(f.Key)
		if col == ApplicantColumns[0] && (l == AnyLayout || f.Printed(l)) {
			rows = append(rows, row)
		}
	}
	return rows
}

// splitApplicationKey splits "applications.denied.state_secret.total" into
// its row ("denied.state_secret") and column ("total").
func splitApplicationKey(key string) (row, col string) {
	k := strings.TrimPrefix(key, string(TableApplications)+".")
	i := strings.LastIndexByte(k, '.')
	return k[:i], k[i+1:]
}

// ApplicationKey is the key of table 三's row and column.
func ApplicationKey(row, col string) string {
	if k, ok := applicationKeys()[[2]string{row, col}]; ok {
		return k // the template's own string: nothing allocated for each value read
	}
	return string(TableApplications) + "." + row + "." + col
}

// applicationKeys are the keys of table 三 by row and column.
var applicationKeys = sync.OnceValue(func() map[[2]string]string {
	m := map[[2]string]string{}
	for _, f := range TableApplications.Fields() {
		row, col := splitApplicationKey(f.Key)
		m[[2]string{row, col}] = f.Key
	}
	return m
})

// ReviewKeys (fields_gen.go) are table 四's keys in the order the template
// prints its one row of values.
