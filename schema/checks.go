package schema

import (
	"fmt"
	"math"
	"strings"
)

// Identity is one of the template's sums: the values of Left add up to
// the values of Right.
type Identity struct {
	Rule        string // e.g. "applications.balance:total"
	Left, Right []string
}

// Keys are the keys the identity involves, left then right.
func (id Identity) Keys() []string {
	return append(append([]string{}, id.Left...), id.Right...)
}

// Identities are the template's identities for a report of layout l.
func Identities(l Layout) []Identity {
	var ids []Identity
	app := ApplicationKey
	for _, col := range ApplicantColumns {
		ids = append(ids, Identity{"applications.balance:" + col,
			[]string{app("new", col), app("carried_in", col)},
			[]string{app("total", col), app("carried_out", col)}})
	}
	// Every outcome row, between 上年结转 and 总计, adds up to 总计.
	var outcomes []string
	for _, r := range ApplicationRowsIn(l) {
		switch r {
		case "new", "carried_in", "total", "carried_out":
		default:
			outcomes = append(outcomes, r)
		}
	}
	for _, col := range ApplicantColumns {
		var parts []string
		for _, row := range outcomes {
			parts = append(parts, app(row, col))
		}
		ids = append(ids, Identity{"applications.outcomes:" + col, []string{app("total", col)}, parts})
	}
	for _, row := range ApplicationRowsIn(l) {
		var parts []string
		for _, col := range ApplicantColumns[:len(ApplicantColumns)-1] {
			parts = append(parts, app(row, col))
		}
		ids = append(ids, Identity{"applications.row_total:" + row, []string{app(row, "total")}, parts})
	}
	// Table 四: in each of its three groups, 总计 is the sum of the rest.
	for _, g := range reviewGroups() {
		ids = append(ids, Identity{g + ".total", []string{g + ".total"},
			[]string{g + ".upheld", g + ".corrected", g + ".other", g + ".pending"}})
	}
	return ids
}

// reviewGroups are table 四's groups: "review", "litigation.direct", …
func reviewGroups() []string {
	var gs []string
	for _, k := range ReviewKeys {
		if g, ok := strings.CutSuffix(k, ".total"); ok {
			gs = append(gs, g)
		}
	}
	return gs
}

// Evaluate checks every identity of the report's layout whose values are
// all present. A broken identity is a finding, reported with ok=false; the
// values stay as printed.
func Evaluate(v Values) []Check {
	var checks []Check
next:
	for _, id := range Identities(LayoutOf(v)) {
		keys := id.Keys()
		for _, k := range keys {
			if _, ok := v[k]; !ok {
				continue next
			}
		}
		l, r := sum(v, id.Left), sum(v, id.Right)
		c := Check{Rule: id.Rule, OK: math.Abs(l-r) < 1e-6, Fields: keys}
		if !c.OK {
			c.Message = fmt.Sprintf("%s = %s, but %s = %s", strings.Join(id.Left, " + "), num(l), strings.Join(id.Right, " + "), num(r))
		}
		checks = append(checks, c)
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
