package schema

import (
	"fmt"
	"math"
	"strings"
)

// Narrative holds the figures a report's prose states, by narrative key
// (NarrativeKeys). A figure the prose does not state, or states in a way
// that could be about something else, is absent.
type Narrative map[string]Statement

// Statement is one figure stated in the prose, with the sentence that
// states it, so that a reader can judge it.
type Statement struct {
	Value     float64 `json:"value"`
	Sentence  string  `json:"sentence"`
	Paragraph int     `json:"paragraph"`      // 1-based among the document's paragraphs
	Page      int     `json:"page,omitempty"` // when the format has pages
}

// NarrativeKey is one entry of the narrative vocabulary.
type NarrativeKey struct {
	Key         string
	Description string
	Unit        string // "count" or "yuan"
	// Table lists the table values whose sum the figure must equal; empty
	// when the template's tables have no counterpart.
	Table []string
}

// NarrativeKeys is the fixed vocabulary of narrative keys.
var NarrativeKeys = []NarrativeKey{
	{"applications.new", "applications received this year (受理/收到/新收 … 申请 N 件)", "count",
		[]string{"applications.new.total"}},
	{"applications.received", "applications received, the prose saying it includes those carried over from last year (受理 N 件（含上年结转 M 件）)", "count",
		[]string{"applications.new.total", "applications.carried_in.total"}},
	{"applications.concluded", "applications answered or concluded (答复/办结 N 件)", "count",
		[]string{"applications.total.total"}},
	{"applications.carried_in", "applications carried over from last year (上年结转 N 件)", "count",
		[]string{"applications.carried_in.total"}},
	{"applications.carried_out", "applications carried over to next year (N 件结转/顺延到下年度)", "count",
		[]string{"applications.carried_out.total"}},
	{"review.total", "administrative reviews about disclosure (行政复议 N 件/起)", "count",
		[]string{"review.total"}},
	{"litigation.total", "lawsuits about disclosure, direct and after review (行政诉讼 N 件/起)", "count",
		[]string{"litigation.direct.total", "litigation.after_review.total"}},
	{"active.published", "items of government information published proactively (主动公开政府信息 N 条)", "count", nil},
	{"active.interpretations", "policy interpretations published (政策解读 N 篇/条/件/个)", "count", nil},
	{"active.press_conferences", "press conferences held (新闻发布会 N 场/次)", "count", nil},
	{"fees.processing", "information-processing fees charged (信息处理费 N 元; none charged = 0), in yuan", "yuan", nil},
	// The figures 2008–2018 reports state in prose, beside (or instead of)
	// their statistics table.
	{"applications.in_person", "applications made in person (当面申请 N 件)", "count", []string{"pre2019.requests.in_person"}},
	{"applications.online", "applications made online (网上申请 N 件)", "count", []string{"pre2019.requests.online"}},
	{"applications.letter", "applications made by letter (信函申请 N 件)", "count", []string{"pre2019.requests.letter"}},
	{"applications.fax", "applications made by fax (传真申请 N 件)", "count", []string{"pre2019.requests.fax"}},
	{"applications.email", "applications made by e-mail (电子邮件申请 N 件)", "count", []string{"pre2019.requests.email"}},
	{"replies.granted", "replies granting disclosure (同意公开答复 N 件)", "count", []string{"pre2019.replies.granted"}},
	{"replies.partially_granted", "replies granting part (同意部分公开答复 N 件)", "count", []string{"pre2019.replies.partially_granted"}},
	{"replies.denied", "replies refusing disclosure (不予公开/否决公开/不同意公开答复 N 件)", "count", []string{"pre2019.replies.denied"}},
	{"complaints.total", "complaints and reports about disclosure received (举报、投诉、申诉 N 件)", "count", []string{"pre2019.complaints.total"}},
	{"staff.full_time", "full-time disclosure staff (专职人员 N 名)", "count", []string{"pre2019.staff.full_time"}},
	{"staff.part_time", "part-time disclosure staff (兼职人员 N 名)", "count", []string{"pre2019.staff.part_time"}},
}

// IsNarrativeKey reports whether key is in the narrative vocabulary.
func IsNarrativeKey(key string) bool {
	for _, k := range NarrativeKeys {
		if k.Key == key {
			return true
		}
	}
	return false
}

// EvaluateNarrative compares each figure the prose states with the tables,
// where the tables print its counterpart: rule "narrative.<key>". A
// disagreement is a finding about the document; both sides stay as printed.
func EvaluateNarrative(n Narrative, v Values) []Check {
	var checks []Check
	for _, k := range NarrativeKeys {
		st, ok := n[k.Key]
		if !ok || len(k.Table) == 0 {
			continue
		}
		present := true
		for _, t := range k.Table {
			_, present = v[t]
			if !present {
				break
			}
		}
		if !present {
			continue
		}
		table := sum(v, k.Table)
		c := Check{
			Rule:   "narrative." + k.Key,
			OK:     math.Abs(st.Value-table) < 1e-6,
			Fields: append([]string{"narrative." + k.Key}, k.Table...),
		}
		switch {
		case !c.OK && includesCarriedIn(k.Key, st.Value, v):
			// 收到申请75件 where the table has 74 new and 1 carried in:
			// the prose counts every application of the year, which is
			// another reading of its words, not a contradiction.
			c.OK = true
			c.Message = fmt.Sprintf("the prose states %s, the table's new applications plus those carried in from last year (%s + %s)",
				num(st.Value), num(v["applications.new.total"]), num(v["applications.carried_in.total"]))
		case !c.OK:
			c.Message = fmt.Sprintf("the prose states %s (paragraph %d), but %s = %s",
				num(st.Value), st.Paragraph, strings.Join(k.Table, " + "), num(table))
		}
		checks = append(checks, c)
	}
	return checks
}

// includesCarriedIn reports whether a figure stated as the year's
// applications equals the new ones plus those carried in.
func includesCarriedIn(key string, stated float64, v Values) bool {
	in, ok := v["applications.carried_in.total"]
	return key == "applications.new" && ok && in != 0 &&
		math.Abs(stated-(v["applications.new.total"]+in)) < 1e-6
}
