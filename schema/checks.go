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
	// AtLeast makes the identity an inequality: Left ≥ Right (a 历年累计
	// is at least the year's value).
	AtLeast bool
}

// Keys are the keys the identity involves, left then right.
func (id Identity) Keys() []string {
	return append(append([]string{}, id.Left...), id.Right...)
}

// Identities are the template's identities for a report of layout l. The
// slice is shared: callers must not change it.
func Identities(l Layout) []Identity {
	switch l {
	case AnyLayout:
		return identitiesAnyLayout
	case Items:
		return identitiesItems
	case SingleRow:
		return identitiesSingleRow
	}
	return nil
}

// buildIdentities makes layout l's identities. fields_gen.go holds what it
// makes, compiled (TestFieldsGenerated): built at a process's first check,
// they were a third of the tables a one-file run made.
func buildIdentities(l Layout) []Identity {
	var ids []Identity
	app := ApplicationKey
	for _, col := range ApplicantColumns {
		ids = append(ids, Identity{Rule: "applications.balance:" + col,
			Left:  []string{app("new", col), app("carried_in", col)},
			Right: []string{app("total", col), app("carried_out", col)}})
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
		ids = append(ids, Identity{Rule: "applications.outcomes:" + col, Left: []string{app("total", col)}, Right: parts})
	}
	for _, row := range ApplicationRowsIn(l) {
		var parts []string
		for _, col := range ApplicantColumns[:len(ApplicantColumns)-1] {
			parts = append(parts, app(row, col))
		}
		ids = append(ids, Identity{Rule: "applications.row_total:" + row, Left: []string{app(row, "total")}, Right: parts})
	}
	// Table 四: in each of its three groups, 总计 is the sum of the rest.
	for _, g := range reviewGroups() {
		ids = append(ids, Identity{Rule: g + ".total", Left: []string{g + ".total"},
			Right: []string{g + ".upheld", g + ".corrected", g + ".other", g + ".pending"}})
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
	ids := Identities(LayoutOf(v))
	if pre := Pre2019Identities(v); len(pre) > 0 {
		ids = append(ids[:len(ids):len(ids)], pre...)
	}
	checks := make([]Check, 0, len(ids))
	for _, id := range ids {
		if !present(v, id.Left) || !present(v, id.Right) {
			continue
		}
		l, r := sum(v, id.Left), sum(v, id.Right)
		c := Check{Rule: id.Rule, OK: math.Abs(l-r) < 1e-6 || id.AtLeast && l > r, Fields: id.Keys()}
		switch {
		case !c.OK && id.AtLeast:
			c.Message = fmt.Sprintf("%s = %s, less than %s = %s", strings.Join(id.Left, " + "), num(l), strings.Join(id.Right, " + "), num(r))
		case !c.OK:
			c.Message = fmt.Sprintf("%s = %s, but %s = %s", strings.Join(id.Left, " + "), num(l), strings.Join(id.Right, " + "), num(r))
		}
		checks = append(checks, c)
	}
	if len(checks) == 0 {
		return nil // as before: no checks is no slice
	}
	return checks
}

// present says v holds every key.
func present(v Values, keys []string) bool {
	for _, k := range keys {
		if _, ok := v[k]; !ok {
			return false
		}
	}
	return true
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

// pre2019Parts are the sums of the 2008–2018 tables (pre2019.md): each
// total, and the parts that the families print of it. Which parts a table
// prints depends on its family, so an identity takes the parts printed;
// fixed lists (review, litigation) need all of theirs.
var pre2019Parts = []struct {
	rule, total string
	parts       []string
	fixed       []string
}{
	{rule: "pre2019.requests.channels", total: "requests.total",
		parts: []string{"requests.in_person", "requests.fax", "requests.email", "requests.online", "requests.letter", "requests.letter_fax", "requests.online_email", "requests.other"}},
	{rule: "pre2019.replies.parts", total: "replies.total", fixed: []string{"replies.granted", "replies.partially_granted", "replies.denied"},
		parts: []string{"replies.already_public", "replies.not_this_agency", "replies.not_exist", "replies.unclear", "replies.other_channel", "replies.other"}},
	{rule: "pre2019.replies.denied_reasons", total: "replies.denied",
		parts: []string{"replies.denied_state_secret", "replies.denied_commercial_secret", "replies.denied_privacy", "replies.denied_security_stability",
			"replies.denied_not_gov_info", "replies.denied_by_law", "replies.denied_internal", "replies.denied_process", "replies.denied_enforcement"}},
	{rule: "pre2019.review.parts", total: "review.total", fixed: []string{"review.upheld", "review.corrected", "review.other"}},
	{rule: "pre2019.litigation.parts", total: "litigation.total", fixed: []string{"litigation.upheld", "litigation.corrected", "litigation.other"}},
}

// Pre2019Identities are the identities of a 2008–2018 table, built from
// the keys v holds: a total with its printed parts (evaluated only where
// the table prints parts), and each 历年累计 at least its year's value.
func Pre2019Identities(v Values) []Identity {
	const p = "pre2019."
	has := func(k string) bool { _, ok := v[k]; return ok }
	var ids []Identity
	for _, s := range pre2019Parts {
		var right []string
		for _, k := range s.fixed {
			right = append(right, p+k)
		}
		printed := 0
		for _, k := range s.parts {
			if has(p + k) {
				right = append(right, p+k)
				printed++
			}
		}
		if len(s.fixed) == 0 && printed < 2 {
			continue // one part, or none: the table does not break the total down
		}
		ids = append(ids, Identity{Rule: s.rule, Left: []string{p + s.total}, Right: right})
	}
	for _, f := range TablePre2019.Fields() {
		year, ok := strings.CutPrefix(f.Key, p+"cumulative.")
		if ok && has(f.Key) && has(p+year) {
			ids = append(ids, Identity{Rule: p + "cumulative:" + year, Left: []string{f.Key}, Right: []string{p + year}, AtLeast: true})
		}
	}
	return ids
}
