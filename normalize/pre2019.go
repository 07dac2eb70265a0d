package normalize

import (
	"slices"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// The 2008–2018 statistics tables (政府信息公开情况统计表, pre2019.md): a
// header naming the indicator (指标名称), its unit (计量单位) and value
// columns whose header says their period (本年度, 2016年度, 本期实际, 本年累
// 计, 数量 for the year; 历年累计 since the start), then one indicator a row.
// Rows are matched by meaning with the catalog built from
// fields-pre2019.tsv; every row is also kept as printed (Result.Pre2019Rows).

// pre2019Catalog holds every label variant of the era's keys, keyed by the
// key without its "pre2019." prefix ("requests.total"); byGroup holds the
// same, one catalog per group, for labels two groups share (被依法纠错数
// under 行政复议 and under 行政诉讼).
var pre2019Catalogs = sync.OnceValue(func() (c struct {
	all     catalog
	byGroup map[string]catalog
}) {
	c.byGroup = map[string]catalog{}
	add := func(key, label string) {
		group, _, _ := strings.Cut(key, ".")
		e := newEntry(key, label)
		c.all = append(c.all, e)
		c.byGroup[group] = append(c.byGroup[group], e)
	}
	for _, f := range schema.TablePre2019.Fields() {
		key, ok := strings.CutPrefix(f.Key, "pre2019.")
		if !ok || strings.HasPrefix(key, "cumulative.") {
			continue
		}
		for _, label := range strings.Split(f.RowLabel, "/") {
			add(key, label)
		}
	}
	for i := 0; i+1 < len(pre2019Labels); i += 2 {
		add(pre2019Labels[i], pre2019Labels[i+1])
	}
	return c
})

// pre2019Labels are the families' wordings beyond fields-pre2019.tsv's:
// the 2014 national form's channels, the 2008 form's short 答复总数 (which
// is also the end of 否决公开答复总数, so only the exact words decide).
var pre2019Labels = []string{
	"active.gazette", "政府公报公开政府信息数",
	"active.website", "政府网站公开政府信息数",
	"replies.total", "答复总数",
}

// cumulative and yearly tell a value column's period from its header.
func cumulative(header string) bool {
	return strings.Contains(header, "历年累计") || strings.Contains(header, "累计至今") || strings.Contains(header, "总累计")
}

func yearly(header string) bool {
	switch header {
	case "本年度", "本年", "本年累计", "本期实际", "本期", "数量", "合计":
		return true
	}
	// 2018年, 2018年度
	if len(header) < 4 || !strings.HasPrefix(header, "19") && !strings.HasPrefix(header, "20") || !isDigit(rune(header[2])) || !isDigit(rune(header[3])) {
		return false
	}
	return header[4:] == "年" || header[4:] == "年度"
}

// pre2019 reads a statistics table.
type pre2019 struct {
	out            *Result
	labelCol, unit int // grid columns of 指标名称 and 计量单位; -1 when absent
	cols           []preCol
	group          string // the group of the last row read: "requests", …
}

// preCol is a value column and the period its header names.
type preCol struct {
	col    int
	header string
	period string // "year", "cumulative", or "" for a column read into no key
}

// isLabelHeader reports whether t heads the column of row labels.
func isLabelHeader(t string) bool { return t == "指标名称" || t == "指标" || t == "统计指标" }

// isHeader reports whether a row is a statistics table's header, and takes
// its columns.
func (p *pre2019) isHeader(r row) bool {
	// A header names its label column; the rows that do not, nearly all,
	// are not matched against the period patterns (a regexp a label of
	// every row of every table was 2% of a document's time).
	if !slices.ContainsFunc(r.labels, func(c *extract.Cell) bool { return isLabelHeader(canon(c.Text)) }) {
		return false
	}
	label, unit := -1, -1
	var cols, others []preCol
	for _, c := range r.labels {
		t := canon(c.Text)
		switch {
		case isLabelHeader(t):
			label = c.Col
		case t == "计量单位" || t == "单位":
			unit = c.Col
		case t == "代码" || t == "序号":
		case cumulative(t):
			cols = append(cols, preCol{col: c.Col, header: c.Text, period: "cumulative"})
		case yearly(t):
			cols = append(cols, preCol{col: c.Col, header: c.Text, period: "year"})
		case label >= 0 && unit >= 0 && t != "":
			others = append(others, preCol{col: c.Col, header: c.Text})
		}
	}
	if label < 0 || len(cols) == 0 && (unit < 0 || len(others) == 0) {
		return false
	}
	p.labelCol, p.unit, p.group = label, unit, ""
	if len(cols) == 0 {
		// A column per tier (区政府 / 区直单位 / 乡镇街道) and no total: the
		// first is read, and the record says so.
		var names []string
		for _, o := range others {
			names = append(names, o.header)
		}
		others[0].period = "year"
		p.out.problem(schema.ProblemChosenColumn, "", r, nil, "statistics table: no total column among %s; the values of %q are read", strings.Join(names, ", "), others[0].header)
		p.cols = others
		return true
	}
	p.cols = choosePeriods(append(cols, others...))
	return true
}

// choosePeriods keeps one column for each period: the year's is 本年累计
// where a form prints it beside 本期实际 (the period of an annual report is
// its year), else the first; the others are kept in the rows, in no key.
func choosePeriods(cols []preCol) []preCol {
	yearAt := -1
	for i, c := range cols {
		if c.period != "year" {
			continue
		}
		if yearAt < 0 || strings.Contains(canon(c.header), "本年累计") {
			yearAt = i
		}
	}
	seenCumulative := false
	for i := range cols {
		switch {
		case cols[i].period == "year" && i != yearAt:
			cols[i].period = ""
		case cols[i].period == "cumulative" && seenCumulative:
			cols[i].period = ""
		case cols[i].period == "cumulative":
			seenCumulative = true
		}
	}
	return cols
}

// row reads one indicator.
func (p *pre2019) row(r row) {
	grid := r.grid
	at := func(col int) *extract.Cell {
		if col < 0 || col >= len(grid) || grid[col] == nil || grid[col].Row != r.index && grid[col].Col != col {
			return nil
		}
		return grid[col]
	}
	labelCell := at(p.labelCol)
	if labelCell == nil || strings.TrimSpace(labelCell.Text) == "" {
		return
	}
	unit := ""
	if c := at(p.unit); c != nil {
		unit = canon(c.Text)
	}
	pr := schema.Pre2019Row{Table: r.table.Index, Row: r.index + 1, Page: labelCell.Page, Label: labelCell.Text, Unit: unit}
	var cells []*extract.Cell
	for _, col := range p.cols {
		c := at(col.col)
		cells = append(cells, c)
		if c != nil {
			pr.Cells = append(pr.Cells, schema.Pre2019Cell{Col: col.col + 1, Header: col.header, Period: col.period, Text: c.Text})
		}
	}
	printed := false
	for _, c := range pr.Cells {
		printed = printed || strings.TrimSpace(c.Text) != ""
	}
	if !printed {
		return // a heading row inside the table (一、主动公开情况)
	}
	key := p.key(labelCell.Text)
	if key == "" {
		p.out.Pre2019Rows = append(p.out.Pre2019Rows, pr)
		p.out.problem(schema.ProblemUnrecognisedRow, "", r, labelCell, "statistics table: row %q maps to no key; kept in pre2019_rows", labelCell.Text)
		return
	}
	pr.Key = "pre2019." + key
	p.out.Pre2019Rows = append(p.out.Pre2019Rows, pr)
	moneyUnit := ""
	if strings.HasSuffix(unit, "元") {
		moneyUnit = unit
	}
	for i, col := range p.cols {
		switch {
		case cells[i] == nil:
		case col.period == "year":
			p.out.set("pre2019."+key, cells[i], r, moneyUnit)
		case col.period == "cumulative":
			p.out.set("pre2019.cumulative."+key, cells[i], r, moneyUnit)
		}
	}
}

// key names an indicator by its label: among all the era's labels, or,
// where two groups share the label, within the group of the rows above.
func (p *pre2019) key(label string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(canon(label), "其中"), ":")
	cats := pre2019Catalogs()
	k, _, ok := cats.all.best(s)
	if !ok && p.group != "" {
		k, _, ok = cats.byGroup[p.group].best(s)
	}
	if !ok {
		return ""
	}
	p.group, _, _ = strings.Cut(k, ".")
	return k
}
