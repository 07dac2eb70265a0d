package review

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

var funcs = template.FuncMap{
	"value": fmtValue,
	"years": func(ys []int) string {
		var s []string
		for _, y := range ys {
			s = append(s, strconv.Itoa(y))
		}
		return strings.Join(s, "→")
	},
	"join": strings.Join,
	"ruleClass": func(f Finding) string {
		if f.Severity == series.Fail {
			return "fail"
		}
		return "warn"
	},
	"yearSpan": func(b *Body) string {
		ys := b.Series.Years()
		if len(ys) == 0 {
			return ""
		}
		if ys[0] == ys[len(ys)-1] {
			return strconv.Itoa(ys[0])
		}
		return fmt.Sprintf("%d–%d", ys[0], ys[len(ys)-1])
	},
	"yearList": func(b *Body) string {
		var s []string
		for _, y := range b.Series.Years() {
			s = append(s, strconv.Itoa(y))
		}
		return strings.Join(s, " ")
	},
	"sourceFile": sourceFile,
	// dict passes the root and a list to a shared template.
	"dict": func(root string, fs []Finding) map[string]any { return map[string]any{"Root": root, "Findings": fs} },
}

func fmtValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// reportView is a report's page.
type reportView struct {
	*Report
	Tables         []tableView
	Failed         []schema.Check
	Contradictions []contradiction
	PageView       bool // the values can be shown on their PDF pages
	Renderer       bool // and the pages can be drawn
}

type contradiction struct {
	schema.Check
	Sentence  string
	Paragraph int
	Page      int
}

type tableView struct {
	Title string
	Cols  []column
	Rows  []rowView
}

type column struct{ Label, Full string }

type rowView struct {
	Label string
	Full  string
	Depth int
	// Heading marks a row group's heading (（三）不予公开), which prints
	// no values; its cells hold the group's derived sums.
	Heading bool
	Cells   []cellView
}

type cellView struct {
	Key        string
	InTemplate bool
	Has        bool
	Value      string
	Derived    bool   // a sum of the group's items, computed, not printed
	Fail       bool   // in an identity that fails
	Contra     bool   // contradicted by the prose
	Notes      string // the failed rules' messages
	Where      string // where it was printed
	PageLink   string // the cell on its page, relative to the report's page
}

// label drops the notes fields.tsv adds in parentheses after a label
// ("本年处理决定数量 (2019: 处理决定数量)").
func label(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

func reportModel(r *Report, renderer bool) reportView {
	rec := r.Rec
	v := reportView{Report: r, Renderer: renderer}
	notes := map[string][]string{}
	for _, c := range rec.Checks {
		if !c.OK {
			v.Failed = append(v.Failed, c)
			for _, k := range c.Fields {
				notes[k] = append(notes[k], c.Rule+": "+c.Message)
			}
		}
	}
	contra := map[string]bool{}
	for _, c := range rec.NarrativeChecks {
		if c.OK {
			continue
		}
		cv := contradiction{Check: c}
		if len(c.Fields) > 0 {
			if st, ok := rec.Narrative[strings.TrimPrefix(c.Fields[0], "narrative.")]; ok {
				cv.Sentence, cv.Paragraph, cv.Page = st.Sentence, st.Paragraph, st.Page
			}
			for _, k := range c.Fields[1:] {
				contra[k] = true
				notes[k] = append(notes[k], c.Rule+": "+c.Message)
			}
		}
		v.Contradictions = append(v.Contradictions, cv)
	}
	pdf := rec.Source.Format == "pdf"
	layout := schema.LayoutOf(rec.Values)
	tables := slices.Clone(schema.Tables)
	if rec.Report.Template == schema.TemplatePre2019 {
		tables = []schema.Table{schema.TablePre2019}
	}
	for _, t := range tables {
		tv := tableView{Title: t.Title()}
		colIndex := map[string]int{}
		rowIndex := map[string]int{}
		type placed struct {
			f    schema.Field
			r, c int
		}
		var cells []placed
		for _, f := range t.Fields() {
			in := f.In(rec.Report.Template) && f.Printed(layout)
			_, has := rec.Values[f.Key]
			if t == schema.TablePre2019 {
				in = has // the era's forms differ: show what this one prints
			}
			if !in && !has {
				continue
			}
			cl := label(f.ColumnLabel)
			if _, ok := colIndex[cl]; !ok {
				colIndex[cl] = len(tv.Cols)
				parts := strings.Split(cl, " / ")
				tv.Cols = append(tv.Cols, column{Label: parts[len(parts)-1], Full: cl})
			}
			rl := label(f.RowLabel)
			if _, ok := rowIndex[rl]; !ok {
				parts := strings.Split(rl, " / ")
				// A group's items come under its heading, as the template
				// prints them.
				for d := 1; d < len(parts); d++ {
					parent := strings.Join(parts[:d], " / ")
					if _, ok := rowIndex[parent]; !ok {
						rowIndex[parent] = len(tv.Rows)
						tv.Rows = append(tv.Rows, rowView{Label: parts[d-1], Full: parent, Depth: d - 1, Heading: true})
					}
				}
				rowIndex[rl] = len(tv.Rows)
				tv.Rows = append(tv.Rows, rowView{Label: parts[len(parts)-1], Full: rl, Depth: len(parts) - 1})
			}
			cells = append(cells, placed{f, rowIndex[rl], colIndex[cl]})
		}
		if len(cells) == 0 {
			continue
		}
		for i := range tv.Rows {
			tv.Rows[i].Cells = make([]cellView, len(tv.Cols))
		}
		for _, p := range cells {
			c := cellView{Key: p.f.Key, InTemplate: true, Fail: len(notes[p.f.Key]) > 0 && !contra[p.f.Key], Contra: contra[p.f.Key], Notes: strings.Join(notes[p.f.Key], "\n")}
			if val, ok := rec.Values[p.f.Key]; ok {
				c.Has, c.Value = true, fmtValue(val)
			}
			if pr, ok := rec.Provenance[p.f.Key]; ok {
				c.Where = where(pr)
				if pdf && pr.Box != nil && pr.Page > 0 {
					c.PageLink = fmt.Sprintf("%s/page-%d.html#v-%s", r.ID, pr.Page, p.f.Key)
					v.PageView = true
				}
			}
			tv.Rows[p.r].Cells[p.c] = c
		}
		for _, d := range schema.DerivedFields {
			val, ok := rec.Derived[d.Key]
			r, rok := rowIndex[d.RowLabel]
			c, cok := colIndex[label(d.Column)]
			if ok && rok && cok && tv.Rows[r].Heading {
				tv.Rows[r].Cells[c] = cellView{Key: "derived." + d.Key, InTemplate: true, Has: true, Value: fmtValue(val), Derived: true,
					Where: "not printed: the sum of the items below"}
			}
		}
		v.Tables = append(v.Tables, tv)
	}
	return v
}

// where says where a value was printed, for people.
func where(p schema.Provenance) string {
	s := ""
	if p.Page > 0 {
		s = fmt.Sprintf("page %d, ", p.Page)
	}
	return s + fmt.Sprintf("table %d, row %d, column %d: “%s”", p.Table, p.Row, p.Col, p.Text)
}

// bodyView is a body's history page.
type bodyView struct {
	*Body
	From, To int
	Charts   []template.HTML
	Years    []int
	Rows     []historyRow
	Missing  []int
}

type historyRow struct {
	Label  string
	Values []string
}

// chartSeries are the lines of the history charts: the crosswalk's series,
// which run on across the 2019 change of format, and the prose's count
// of items published.
var chartSeries = []struct {
	chart, name, label string
}{
	{"applications", "applications", "申请 received"},
	{"applications", "granted", "予以公开 granted"},
	{"applications", "partially_granted", "部分公开 partly"},
	{"appeals", "review", "行政复议 reviews"},
	{"appeals", "litigation", "行政诉讼 lawsuits"},
	{"active", "narrative:active.published", "主动公开 (prose)"},
}

var chartTitles = map[string]string{
	"applications": "Applications received and how they were handled",
	"appeals":      "Administrative reviews and lawsuits",
	"active":       "Proactive disclosure",
}

func seriesValue(name string, r schema.Record) (float64, bool) {
	if k, ok := strings.CutPrefix(name, "narrative:"); ok {
		st, ok := r.Narrative[k]
		return st.Value, ok
	}
	return series.CrossValue(name, r)
}

// markRules are the findings across years that a chart shows.
func isSeriesFinding(rule string) bool {
	return strings.HasPrefix(rule, "carryover:") || strings.HasPrefix(rule, "jump:") || strings.HasPrefix(rule, "cumulative:") ||
		rule == "missing_year" || rule == "duplicate"
}

func bodyModel(b *Body) bodyView {
	v := bodyView{Body: b}
	ys := b.Series.Years()
	if len(ys) == 0 {
		return v
	}
	v.From, v.To = ys[0], ys[len(ys)-1]
	for y := v.From; y <= v.To; y++ {
		v.Years = append(v.Years, y)
		if !slices.Contains(ys, y) {
			v.Missing = append(v.Missing, y)
		}
	}
	first := map[int]schema.Record{}
	for _, r := range b.Series.Records {
		if _, ok := first[r.Report.Year]; !ok {
			first[r.Report.Year] = r
		}
	}
	var marks []mark
	for _, f := range b.Findings {
		if isSeriesFinding(f.Rule) {
			marks = append(marks, mark{Years: f.Years, Rule: f.Rule, Message: f.Message, Fail: f.Severity == series.Fail})
		}
	}
	lines := map[string][]line{}
	var order []string
	for _, cs := range chartSeries {
		l := line{Name: cs.name, Label: cs.label, Values: map[int]float64{}}
		row := historyRow{Label: cs.label}
		for _, y := range v.Years {
			val, ok := seriesValue(cs.name, first[y])
			if ok {
				l.Values[y] = val
				row.Values = append(row.Values, fmtValue(val))
			} else {
				row.Values = append(row.Values, "")
			}
		}
		if len(l.Values) == 0 {
			continue
		}
		if _, ok := lines[cs.chart]; !ok {
			order = append(order, cs.chart)
		}
		lines[cs.chart] = append(lines[cs.chart], l)
		v.Rows = append(v.Rows, row)
	}
	for _, c := range order {
		v.Charts = append(v.Charts, svgChart("chart-"+c, chartTitles[c], v.From, v.To, lines[c], marks))
	}
	return v
}
