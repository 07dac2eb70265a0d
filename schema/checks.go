package schema

import (
	"fmt"
	"math"
	"strings"
)

// ApplicantColumns are the column parts of table 三's keys, 总计 last.
var ApplicantColumns = []string{"natural_person", "enterprise", "research", "public_interest", "legal_service", "other_org", "total"}

// ApplicationRows are the row parts of table 三's keys in template order,
// e.g. "new", "denied.state_secret", "other_handling.total".
var ApplicationRows = applicationRows()

func applicationRows() []string {
	var rows []string
	for _, f := range fields {
		if row, ok := strings.CutSuffix(f.Key, ".natural_person"); ok && strings.HasPrefix(row, "applications.") {
			rows = append(rows, strings.TrimPrefix(row, "applications."))
		}
	}
	return rows
}

// outcomeRows are the rows that add up to （七）总计: everything between
// 上年结转 and 总计. （六）其他处理 is either the one 2019 row or its three
// 2021 items.
func outcomeRows(v Values, col string) []string {
	var rows []string
	for _, r := range ApplicationRows {
		switch {
		case r == "new", r == "carried_in", r == "total", r == "carried_out":
		case r == "other_handling.total":
		case strings.HasPrefix(r, "other_handling."):
		default:
			rows = append(rows, r)
		}
	}
	if _, ok := v["applications.other_handling.total."+col]; ok {
		return append(rows, "other_handling.total")
	}
	return append(rows, "other_handling.no_correction", "other_handling.unpaid_fee", "other_handling.other")
}

// Evaluate checks every identity of the template whose values are all
// present. A broken identity is a finding, reported with ok=false; the
// values stay as printed.
func Evaluate(v Values) []Check {
	var checks []Check
	add := func(rule string, left, right []string) {
		for _, k := range append(append([]string{}, left...), right...) {
			if _, ok := v[k]; !ok {
				return
			}
		}
		l, r := sum(v, left), sum(v, right)
		c := Check{Rule: rule, OK: math.Abs(l-r) < 1e-6, Fields: append(append([]string{}, left...), right...)}
		if !c.OK {
			c.Message = fmt.Sprintf("%s = %s, but %s = %s", strings.Join(left, " + "), num(l), strings.Join(right, " + "), num(r))
		}
		checks = append(checks, c)
	}
	app := func(row, col string) string { return "applications." + row + "." + col }
	for _, col := range ApplicantColumns {
		add("applications.balance:"+col,
			[]string{app("new", col), app("carried_in", col)},
			[]string{app("total", col), app("carried_out", col)})
	}
	for _, col := range ApplicantColumns {
		var parts []string
		for _, row := range outcomeRows(v, col) {
			parts = append(parts, app(row, col))
		}
		add("applications.outcomes:"+col, []string{app("total", col)}, parts)
	}
	for _, row := range ApplicationRows {
		var parts []string
		for _, col := range ApplicantColumns[:len(ApplicantColumns)-1] {
			parts = append(parts, app(row, col))
		}
		add("applications.row_total:"+row, []string{app(row, "total")}, parts)
	}
	for _, g := range []string{"review", "litigation.direct", "litigation.after_review"} {
		add(g+".total", []string{g + ".total"}, []string{g + ".upheld", g + ".corrected", g + ".other", g + ".pending"})
	}
	return checks
}

func sum(v Values, keys []string) float64 {
	var s float64
	for _, k := range keys {
		s += v[k]
	}
	return s
}

func num(f float64) string {
	return fmt.Sprintf("%g", f)
}
