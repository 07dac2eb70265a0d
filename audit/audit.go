// Package audit checks a report's quality beyond its arithmetic, as
// evaluators of government transparency (政府透明度指数) and journalists do:
// sections missing or out of order, a table missing, the wrong era's
// format, cells left blank, fee statements that contradict each other,
// text copied from the year before (内容雷同), prose that contradicts the
// table, and a report published late. It runs after the pipeline, on the
// records extract wrote (and, for the rules that need the report's text,
// on the paragraphs a Text function returns); its findings are
// series.Findings with rules named audit.<rule>, printed and shown like
// check's.
package audit

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// Rules, as finding rule ids; the README documents each with its threshold.
const (
	RuleSections  = "audit.sections"  // 一 … 六 missing or out of order
	RuleTable     = "audit.table"     // one of the template's tables missing
	RuleEra       = "audit.era"       // the 2019 format for 2021 or later, or the 2021 format before
	RuleBlank     = "audit.blank"     // cells left blank, "/" or "—" where a number is wanted
	RuleFees      = "audit.fees"      // no fee charged, and a fee charged, both stated
	RuleCopied    = "audit.copied"    // sections 一 and 五 largely the year before's
	RuleNarrative = "audit.narrative" // a figure of the prose contradicting the table
	RuleLate      = "audit.late"      // published after 31 March of the next year
)

// Rules lists every rule, in the order findings are given per report.
var Rules = []string{RuleSections, RuleTable, RuleEra, RuleBlank, RuleFees, RuleCopied, RuleNarrative, RuleLate}

// Thresholds of the rules that have one.
const (
	// CopiedShare is the share of the sentences of 一 and 五 that are the
	// previous year's (digits aside) at which the text counts as copied.
	CopiedShare = 0.6
	// CopiedMinSentences is how many sentences 一 and 五 must hold for the
	// share to mean anything.
	CopiedMinSentences = 5
	// minSentence is the shortest sentence compared: shorter ones
	// (一、总体情况, 无。) are alike in every report.
	minSentence = 12
)

// Text returns a report's paragraphs in reading order, an empty string
// where a table stands, or ok false when
// the report's file cannot be read (the rules that need text are then
// skipped for it).
type Text func(rec schema.Record) (paragraphs []string, ok bool)

// Run audits the records of each body, as series.Link groups them. text
// may be nil: the rules that need the text (sections, fees, copied) are
// then skipped. Findings come by body, then year, then rule.
func Run(all []series.Series, text Text) []series.Finding {
	var out []series.Finding
	for _, s := range all {
		var prev *report
		for i := range s.Records {
			r := &report{rec: s.Records[i], body: s.Body}
			if text != nil {
				if ps, ok := text(r.rec); ok {
					r.paras, r.hasText = ps, true
				}
			}
			out = append(out, r.check(prev)...)
			if r.hasText {
				prev = r
			}
		}
	}
	return out
}

type report struct {
	rec     schema.Record
	body    string
	paras   []string
	hasText bool
}

func (r *report) finding(rule, format string, args ...any) series.Finding {
	return series.Finding{
		Rule: rule, Severity: series.Warning, Body: r.body,
		Years: []int{r.rec.Report.Year}, Sources: []string{r.rec.Source.Path},
		Message: fmt.Sprintf(format, args...),
	}
}

func (r *report) check(prev *report) []series.Finding {
	if r.rec.Status == schema.StatusError {
		return nil
	}
	var out []series.Finding
	add := func(f *series.Finding) {
		if f != nil {
			out = append(out, *f)
		}
	}
	modern := r.rec.Report.Template == schema.Template2019 || r.rec.Report.Template == schema.Template2021
	if modern && r.hasText {
		add(r.sections())
	}
	out = append(out, r.tables()...)
	add(r.era())
	if modern {
		out = append(out, r.blanks()...)
	}
	if r.hasText {
		add(r.fees())
		if prev != nil && prev.rec.Report.Year < r.rec.Report.Year {
			add(r.copied(prev))
		}
	}
	out = append(out, r.narrative()...)
	add(r.late())
	return out
}

// heading is a numbered heading: 一、总体情况 (also 一. and 一．; （一）
// is a subsection).
var heading = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*([一二三四五六七八九])\s*[、.．]`) })

var numerals = []string{"一", "二", "三", "四", "五", "六"}

// sectionWords tell the template's sections by their titles, the last
// first (其他需要报告的事项 also says 其他), so that a table's row labels
// printed as headings (一、本年新收政府信息公开申请数量) are not taken for
// sections.
var sectionWords = []struct {
	n     int
	words []string
}{
	{6, []string{"其他需要报告", "其他事项"}},
	{5, []string{"问题", "改进"}},
	{4, []string{"复议", "诉讼"}},
	{3, []string{"收到和处理", "依申请", "申请情况"}},
	{2, []string{"主动公开"}},
	{1, []string{"总体情况", "概述", "基本情况"}},
}

// sectionOf returns the section (1 … 6) a paragraph heads, with the
// numeral it is printed with, or 0.
func sectionOf(p string) (int, string) {
	m := heading().FindStringSubmatch(p)
	if m == nil || len([]rune(p)) > 60 {
		return 0, ""
	}
	for _, sw := range sectionWords {
		for _, w := range sw.words {
			if strings.Contains(p, w) {
				return sw.n, m[1]
			}
		}
	}
	return 0, ""
}

// sections finds the headings of sections 一 … 六 by their titles and
// reports those missing, out of order, or numbered otherwise than the
// template numbers them.
func (r *report) sections() *series.Finding {
	var seen []int
	var problems []string
	for _, p := range r.paras {
		n, num := sectionOf(p)
		if n == 0 {
			continue
		}
		if len(seen) > 0 && n <= seen[len(seen)-1] {
			problems = append(problems, fmt.Sprintf("“%s” comes after section %s", strings.TrimSpace(p), numerals[seen[len(seen)-1]-1]))
		}
		if num != numerals[n-1] {
			problems = append(problems, fmt.Sprintf("“%s” is section %s of the template", strings.TrimSpace(p), numerals[n-1]))
		}
		seen = append(seen, n)
	}
	if len(seen) == 0 {
		return nil // no headings read at all: the text does not say, the check cannot tell
	}
	var missing []string
	for i, n := range numerals {
		if !slices.Contains(seen, i+1) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		problems = append([]string{fmt.Sprintf("sections %s of the template (一 … 六) missing", strings.Join(missing, "、"))}, problems...)
	}
	if len(problems) == 0 {
		return nil
	}
	f := r.finding(RuleSections, "%s", strings.Join(problems, "; "))
	return &f
}

func (r *report) tables() []series.Finding {
	var out []series.Finding
	for _, p := range r.rec.Problems {
		if p.Kind == schema.ProblemMissingTable {
			out = append(out, r.finding(RuleTable, "%s", p.Message))
		}
	}
	return out
}

// The 2021 format is the one the 2021 notice (国办公开办函〔2021〕30号)
// set for reports on 2021 and later; the 2019 format served 2019 and 2020.
func (r *report) era() *series.Finding {
	y, t := r.rec.Report.Year, r.rec.Report.Template
	switch {
	case y >= 2021 && t == schema.Template2019:
		f := r.finding(RuleEra, "a report for %d printed in the 2019 format; reports for 2021 and later use the 2021 format", y)
		return &f
	case y >= 2019 && y <= 2020 && t == schema.Template2021:
		f := r.finding(RuleEra, "a report for %d printed in the 2021 format, which reports for 2021 and later use", y)
		return &f
	}
	return nil
}

// blanks counts, per table the report prints, the template's cells that
// hold no number.
func (r *report) blanks() []series.Finding {
	missing := map[schema.Table]bool{}
	for _, p := range r.rec.Problems {
		if p.Kind == schema.ProblemMissingTable {
			missing[schema.Table(p.Key)] = true // the problem names the table by its key
		}
	}
	layout := schema.LayoutOf(r.rec.Values)
	var out []series.Finding
	for _, t := range schema.Tables {
		if missing[t] {
			continue
		}
		want, blank := 0, 0
		var first []string
		for _, f := range t.Fields() {
			if !f.In(r.rec.Report.Template) || !f.Printed(layout) {
				continue
			}
			want++
			if _, ok := r.rec.Values[f.Key]; !ok {
				blank++
				if len(first) < 3 {
					first = append(first, f.Key)
				}
			}
		}
		if blank == 0 || blank == want {
			continue // every cell there, or the table not read: not blanks
		}
		f := r.finding(RuleBlank, "%d of the %d cells of table %s hold no number (blank, / or —), e.g. %s", blank, want, t.Section(), strings.Join(first, ", "))
		f.Fields = first
		out = append(out, f)
	}
	return out
}

var (
	// feeSentence mentions a fee for providing information.
	feeSentence = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(信息处理费|收费|费用|收取)`) })
	noFee       = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(未|不|没有|无|均未|未曾|免于|免予)(收取|收费|产生)|(收费|费用)[^，。；]{0,6}(为零|为0|为“?0”?元)|零收费`)
	})
	someFee = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`收取[^，。；]{0,12}?(费|费用)[^，。；]{0,6}?([1-9][0-9]*(\.[0-9]+)?)\s*(万?元)`)
	})
)

// fees looks for sentences that say no fee was charged beside one that
// states a fee charged, in 六 or anywhere in the prose.
func (r *report) fees() *series.Finding {
	var none, some string
	for _, p := range r.paras {
		for _, s := range sentences(p) {
			if !feeSentence().MatchString(s) {
				continue
			}
			switch {
			case someFee().MatchString(s) && !noFee().MatchString(s):
				if some == "" {
					some = s
				}
			case noFee().MatchString(s):
				if none == "" {
					none = s
				}
			}
		}
	}
	if v, ok := r.rec.Narrative["fees.processing"]; ok && v.Value > 0 && some == "" {
		some = v.Sentence
	}
	if none != "" && some != "" {
		f := r.finding(RuleFees, "the report says no fee was charged (“%s”) and that one was (“%s”)", none, some)
		return &f
	}
	return nil
}

// copied compares the sentences of sections 一 and 五 with the previous
// report's, digits aside (the year and the figures change when the rest
// is copied).
func (r *report) copied(prev *report) *series.Finding {
	these, before := sectionSentences(r.paras), sectionSentences(prev.paras)
	if len(these) < CopiedMinSentences {
		return nil
	}
	old := map[string]bool{}
	for _, s := range before {
		old[fingerprint(s)] = true
	}
	var same []string
	for _, s := range these {
		if old[fingerprint(s)] {
			same = append(same, s)
		}
	}
	share := float64(len(same)) / float64(len(these))
	if share < CopiedShare {
		return nil
	}
	f := r.finding(RuleCopied, "%d of the %d sentences of sections 一 and 五 (%.0f%%) are those of the report for %d, digits aside; e.g. “%s”",
		len(same), len(these), 100*share, prev.rec.Report.Year, same[0])
	f.Years = []int{prev.rec.Report.Year, r.rec.Report.Year}
	f.Sources = []string{prev.rec.Source.Path, r.rec.Source.Path}
	return &f
}

// sectionSentences returns the sentences of sections 一 and 五. A
// section ends at the next numbered heading or table: what follows the
// last section of a web page is the site's footer, alike every year.
func sectionSentences(paras []string) []string {
	var out []string
	in := false
	for _, p := range paras {
		if n, _ := sectionOf(p); n != 0 {
			in = n == 1 || n == 5
			continue
		}
		if p == "" || heading().MatchString(p) {
			in = false
			continue
		}
		if !in {
			continue
		}
		for _, s := range sentences(p) {
			if len([]rune(s)) >= minSentence {
				out = append(out, s)
			}
		}
	}
	return out
}

// fingerprint is a sentence without spaces, punctuation or digits.
func fingerprint(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) || (r >= '０' && r <= '９') {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sentences splits a paragraph after 。！？；.
func sentences(p string) []string {
	var out []string
	start := 0
	for i, r := range p {
		if r == '。' || r == '！' || r == '？' || r == '；' {
			if s := strings.TrimSpace(p[start : i+len(string(r))]); s != "" {
				out = append(out, s)
			}
			start = i + len(string(r))
		}
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// narrative links each failed narrative check: a figure the prose states
// that the table contradicts.
func (r *report) narrative() []series.Finding {
	var out []series.Finding
	for _, c := range r.rec.NarrativeChecks {
		if !c.OK {
			f := r.finding(RuleNarrative, "%s (%s)", c.Message, c.Rule)
			f.Fields = c.Fields
			out = append(out, f)
		}
	}
	return out
}

// late: the regulation (条例 第五十条; 2008: 第三十一条) wants the report
// by 31 March of the next year.
func (r *report) late() *series.Finding {
	p, y := r.rec.Source.Published, r.rec.Report.Year
	if p == "" || y == 0 {
		return nil
	}
	d, err := time.Parse("2006-01-02", p)
	if err != nil {
		return nil
	}
	due := time.Date(y+1, time.March, 31, 0, 0, 0, 0, time.UTC)
	if d.After(due) {
		f := r.finding(RuleLate, "published %s, after the deadline of %s (31 March of the next year)", p, due.Format("2006-01-02"))
		return &f
	}
	return nil
}
