package series

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// Severity says how sure a finding is. A failed check is a figure that
// contradicts another; a warning is something a person should look at.
type Severity string

const (
	Fail    Severity = "fail"
	Warning Severity = "warning"
)

// Finding is one thing a reader of the records should know.
type Finding struct {
	// Rule is "carryover:<col>" (column as in fields.tsv), "missing_year",
	// "duplicate", "jump:<key>", "unlinked", "unreadable", or the rule of a
	// record's own failed check (applications.balance:total,
	// narrative.applications.new, …).
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Body     string   `json:"body,omitempty"`
	Years    []int    `json:"years,omitempty"`
	Sources  []string `json:"sources,omitempty"`
	Fields   []string `json:"fields,omitempty"`
	Message  string   `json:"message"`
}

// Jumps beyond belief: a value at least JumpRatio times the year before's
// (or after's), and at least JumpFloor, so that 0 → 3 is no jump.
const (
	JumpRatio = 50
	JumpFloor = 100
)

// Check links the records and returns the findings: each record's failed
// checks, and across the years of each body the broken carry-overs,
// missing years, duplicate reports and jumps. Findings come by body, then
// year.
func Check(recs []schema.Record) []Finding {
	return CheckLinked(Link(recs))
}

// CheckLinked is Check on records Link has already grouped, for callers
// that need the series too (linking is the costly part).
func CheckLinked(all []Series, unlinked []schema.Record) []Finding {
	var out []Finding
	for _, r := range unlinked {
		f := Finding{Rule: "unlinked", Severity: Warning, Body: r.Report.Agency, Sources: []string{r.Source.Path}}
		if r.Report.Year != 0 {
			f.Years = []int{r.Report.Year}
		}
		switch {
		case r.Status == schema.StatusError:
			f.Rule, f.Message = "unreadable", "the report could not be read: "+r.Error
		case r.Report.Agency == "":
			f.Message = "no body is named: the report cannot be placed in a series"
		default:
			f.Message = "no year is given: the report cannot be placed in a series"
		}
		out = append(out, f)
	}
	for _, s := range all {
		out = append(out, s.Check()...)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.Body, b.Body), cmp.Compare(first(a.Years), first(b.Years)))
	})
	return out
}

func first(ys []int) int {
	if len(ys) == 0 {
		return 0
	}
	return ys[0]
}

// Check returns the findings about one body's reports.
func (s Series) Check() []Finding {
	var out []Finding
	byYear := map[int][]schema.Record{}
	for _, r := range s.Records {
		byYear[r.Report.Year] = append(byYear[r.Report.Year], r)
	}
	years := s.Years()
	for i, y := range years {
		recs := byYear[y]
		for _, r := range recs {
			out = append(out, s.recordFindings(r)...)
		}
		if len(recs) > 1 {
			out = append(out, s.duplicate(y, recs))
		}
		if i == 0 {
			continue
		}
		prev := years[i-1]
		for m := prev + 1; m < y; m++ {
			out = append(out, Finding{Rule: "missing_year", Severity: Warning, Body: s.Body, Years: []int{m},
				Message: fmt.Sprintf("no report for %d, between those for %d and %d", m, prev, y)})
		}
		if prev == y-1 {
			a, b := byYear[prev][0], recs[0]
			out = append(out, s.carryover(a, b)...)
			out = append(out, s.cumulative(a, b)...)
			out = append(out, s.jumps(a, b)...)
			out = append(out, s.crossJumps(a, b)...)
		}
	}
	return out
}

// recordFindings are a record's own failed checks.
func (s Series) recordFindings(r schema.Record) []Finding {
	var out []Finding
	for _, c := range append(append([]schema.Check{}, r.Checks...), r.NarrativeChecks...) {
		if !c.OK {
			out = append(out, Finding{Rule: c.Rule, Severity: Fail, Body: s.Body, Years: []int{r.Report.Year},
				Sources: []string{r.Source.Path}, Fields: c.Fields, Message: c.Message})
		}
	}
	return out
}

func (s Series) duplicate(y int, recs []schema.Record) Finding {
	var paths []string
	same := true
	for _, r := range recs {
		paths = append(paths, r.Source.Path)
		same = same && r.Source.SHA256 != "" && r.Source.SHA256 == recs[0].Source.SHA256
	}
	msg := fmt.Sprintf("%d reports for %d", len(recs), y)
	if same {
		msg += ", the same file"
	}
	msg += fmt.Sprintf("; the years around are compared with %s", paths[0])
	return Finding{Rule: "duplicate", Severity: Warning, Body: s.Body, Years: []int{y}, Sources: paths, Message: msg}
}

// carryover checks, per applicant column, that what year a carried over
// is what year b says it took over.
func (s Series) carryover(a, b schema.Record) []Finding {
	var out []Finding
	for _, col := range schema.ApplicantColumns {
		outKey, inKey := "applications.carried_out."+col, "applications.carried_in."+col
		n, ok1 := a.Values[outKey]
		m, ok2 := b.Values[inKey]
		if !ok1 || !ok2 || math.Abs(n-m) < 1e-6 {
			continue
		}
		out = append(out, Finding{
			Rule: "carryover:" + col, Severity: Fail, Body: s.Body,
			Years: []int{a.Report.Year, b.Report.Year}, Sources: []string{a.Source.Path, b.Source.Path},
			Fields: []string{outKey, inKey},
			Message: fmt.Sprintf("%d carried %s over to the next year (%s), but %d took over %s (%s)",
				a.Report.Year, num(n), outKey, b.Report.Year, num(m), inKey),
		})
	}
	return out
}

// jumps flags a value that grows or shrinks beyond belief from one year to
// the next: a unit mistaken (元 for 万元), a column shifted, a typo.
func (s Series) jumps(a, b schema.Record) []Finding {
	var out []Finding
	for _, f := range schema.Fields() {
		if f.Unit == "signed_count" {
			continue // 本年增/减 changes sign and size by nature
		}
		x, ok1 := a.Values[f.Key]
		y, ok2 := b.Values[f.Key]
		if !ok1 || !ok2 {
			continue
		}
		hi, lo := math.Max(x, y), math.Min(x, y)
		if hi < JumpFloor || hi < JumpRatio*math.Max(lo, 1) {
			continue
		}
		out = append(out, Finding{
			Rule: "jump:" + f.Key, Severity: Warning, Body: s.Body,
			Years: []int{a.Report.Year, b.Report.Year}, Sources: []string{a.Source.Path, b.Source.Path},
			Fields:  []string{f.Key},
			Message: fmt.Sprintf("%s went from %s in %d to %s in %d", f.Key, num(x), a.Report.Year, num(y), b.Report.Year),
		})
	}
	return out
}

// cumulative checks that a 2008–2018 table's 历年累计 of year b is year a's
// plus b's own value. The indicators of one group (主动公开 and its
// channels) break together, so a group's break is one finding, named by
// its total where that breaks.
func (s Series) cumulative(a, b schema.Record) []Finding {
	const p, c = "pre2019.", "pre2019.cumulative."
	broken := map[string][]string{} // group → keys
	var groups []string
	for _, f := range schema.TablePre2019.Fields() {
		key, ok := strings.CutPrefix(f.Key, c)
		if !ok {
			continue
		}
		before, ok1 := a.Values[f.Key]
		now, ok2 := b.Values[f.Key]
		year, ok3 := b.Values[p+key]
		if !ok1 || !ok2 || !ok3 || math.Abs(before+year-now) < 1e-6 {
			continue
		}
		g, _, _ := strings.Cut(key, ".")
		if _, seen := broken[g]; !seen {
			groups = append(groups, g)
		}
		broken[g] = append(broken[g], key)
	}
	var out []Finding
	for _, g := range groups {
		keys := broken[g]
		lead := keys[0]
		if slices.Contains(keys, g+".total") {
			lead = g + ".total"
		}
		var fields []string
		for _, k := range keys {
			fields = append(fields, c+k)
		}
		before, now, year := a.Values[c+lead], b.Values[c+lead], b.Values[p+lead]
		out = append(out, Finding{
			Rule: "cumulative:" + p + lead, Severity: Fail, Body: s.Body,
			Years: []int{a.Report.Year, b.Report.Year}, Sources: []string{a.Source.Path, b.Source.Path}, Fields: fields,
			Message: fmt.Sprintf("%d's 历年累计 of %s is %s, but %d's (%s) plus %d's own %s is %s", b.Report.Year, lead, num(now),
				a.Report.Year, num(before), b.Report.Year, num(year), num(before+year)),
		})
	}
	return out
}

// Crosswalk links the keys of the two eras that count the same thing
// (pre2019.md): a body's series runs on across 2018–2019.
var Crosswalk = []struct {
	Series    string
	Pre, Post []string // keys summed in each era
}{
	{"applications", []string{"pre2019.requests.total"}, []string{"applications.new.total"}},
	{"granted", []string{"pre2019.replies.granted"}, []string{"applications.granted.total"}},
	{"partially_granted", []string{"pre2019.replies.partially_granted"}, []string{"applications.partially_granted.total"}},
	{"review", []string{"pre2019.review.total"}, []string{"review.total"}},
	{"litigation", []string{"pre2019.litigation.total"}, []string{"litigation.direct.total", "litigation.after_review.total"}},
}

// CrossValue is the value of the crosswalk's series name (applications,
// granted, …) in a record of either era, when the record prints all its
// parts.
func CrossValue(name string, r schema.Record) (float64, bool) {
	for _, cw := range Crosswalk {
		if cw.Series == name {
			return total(r.Values, eraKeys(cw.Pre, cw.Post, r))
		}
	}
	return 0, false
}

// eraKeys is pre for a record of 2008–2018, post for one of 2019 or later.
func eraKeys(pre, post []string, r schema.Record) []string {
	if r.Report.Template == schema.TemplatePre2019 {
		return pre
	}
	return post
}

// crossJumps flags jumps of the crosswalk's series between a report of one
// era and the next year's of the other.
func (s Series) crossJumps(a, b schema.Record) []Finding {
	preA, preB := a.Report.Template == schema.TemplatePre2019, b.Report.Template == schema.TemplatePre2019
	if preA == preB {
		return nil
	}
	var out []Finding
	for _, cw := range Crosswalk {
		ka, kb := eraKeys(cw.Pre, cw.Post, a), eraKeys(cw.Pre, cw.Post, b)
		x, ok1 := total(a.Values, ka)
		y, ok2 := total(b.Values, kb)
		if !ok1 || !ok2 {
			continue
		}
		hi, lo := math.Max(x, y), math.Min(x, y)
		if hi < JumpFloor || hi < JumpRatio*math.Max(lo, 1) {
			continue
		}
		out = append(out, Finding{
			Rule: "jump:" + cw.Series, Severity: Warning, Body: s.Body,
			Years: []int{a.Report.Year, b.Report.Year}, Sources: []string{a.Source.Path, b.Source.Path},
			Fields:  append(slices.Clone(ka), kb...),
			Message: fmt.Sprintf("%s went from %s in %d to %s in %d, across the 2019 change of format", cw.Series, num(x), a.Report.Year, num(y), b.Report.Year),
		})
	}
	return out
}

// total sums keys, all of which v must hold.
func total(v schema.Values, keys []string) (float64, bool) {
	var t float64
	for _, k := range keys {
		x, ok := v[k]
		if !ok {
			return 0, false
		}
		t += x
	}
	return t, true
}

func num(f float64) string { return fmt.Sprintf("%g", f) }
