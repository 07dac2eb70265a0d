package normalize

import (
	"slices"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// Table 三: rows are matched by label, with the group a numbered item sits in
// (（三）不予公开, （四）无法提供, ...) taken from the row's own label cells or,
// when a copy lost them, from the rows above.

// appTop are the rows outside any group.
var appTop = newCatalog(
	"new", "本年新收政府信息公开申请数量",
	"carried_in", "上年结转政府信息公开申请数量",
	"granted", "予以公开",
	"partially_granted", "部分公开（区分处理的，只计这一情形，不计其他情形）",
	"total", "总计",
	"carried_out", "结转下年度继续办理",
)

// appHeadings are the labels that open a group, and the heading of all
// results, which opens none.
var appHeadings = newCatalog(
	"denied", "不予公开",
	"unavailable", "无法提供",
	"not_processed", "不予处理",
	"other_handling", "其他处理",
	"", "本年度办理结果",
)

// appItems are each group's numbered items.
var appItems = map[string]catalog{
	"denied": newCatalog(
		"state_secret", "属于国家秘密",
		"prohibited_by_law", "其他法律行政法规禁止公开",
		"security_stability", "危及“三安全一稳定”",
		"third_party_rights", "保护第三方合法权益",
		"internal_affairs", "属于三类内部事务信息",
		"process_info", "属于四类过程性信息",
		"enforcement_files", "属于行政执法案卷",
		"inquiry_matters", "属于行政查询事项",
	),
	"unavailable": newCatalog(
		"not_held", "本机关不掌握相关政府信息",
		"needs_creation", "没有现成信息需要另行制作",
		"unclear", "补正后申请内容仍不明确",
	),
	"not_processed": newCatalog(
		"petition", "信访举报投诉类申请",
		"duplicate", "重复申请",
		"publication", "要求提供公开出版物",
		"excessive", "无正当理由大量反复申请",
		"confirmation", "要求行政机关确认或重新出具已获取信息",
	),
	"other_handling": newCatalog(
		"no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"unpaid_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"other", "其他",
	),
}

// appRowCatalog holds every row label of table 三, items keyed "group.item".
var appRowCatalog = func() catalog {
	c := append(catalog{}, appTop...)
	for _, g := range []string{"denied", "unavailable", "not_processed", "other_handling"} {
		for _, e := range appItems[g] {
			e.key = g + "." + e.key
			c = append(c, e)
		}
	}
	return c
}()

// appColumns are the applicant columns as the header prints them.
var appColumns = newCatalog(
	"natural_person", "自然人",
	"enterprise", "商业企业",
	"research", "科研机构",
	"public_interest", "社会公益组织",
	"legal_service", "法律服务机构",
	"other_org", "其他",
	"total", "总计",
)

// applications reads table 三's rows.
type applications struct {
	header  []span         // grid columns of the seven applicant columns, when the header was read
	group   string         // the group the last row was in
	seen    map[string]row // rows already read
	last    string         // the key of the last row recognised
	pending []row          // rows of values not recognised since
	out     *Result        // where values go
}

// isHeader reports whether a row is part of table 三's header, and keeps
// the columns' positions from the row naming the organisation types.
func (a *applications) isHeader(r row) bool {
	texts := r.labelTexts()
	joined := strings.Join(texts, "|")
	if !strings.Contains(joined, "自然人") && !strings.Contains(joined, "商业企业") && !strings.Contains(joined, "申请人情况") {
		return false
	}
	found := map[string]span{}
	for _, c := range r.labels {
		if key, _, ok := appColumns.best(c.Text); ok {
			found[key] = spanOf(c)
		}
	}
	if len(found) >= 5 { // the row of 商业企业 … 其他; 自然人 and 总计 span down into it
		a.header = a.header[:0]
		for _, col := range schema.ApplicantColumns {
			a.header = append(a.header, found[col])
		}
		if len(found) < len(schema.ApplicantColumns) {
			a.header = nil
		}
	}
	return true
}

// row reads one data row.
func (a *applications) row(r row) {
	if len(r.values) == 0 {
		a.heading(r) // a label-only row may open a group
		return
	}
	if len(r.labels) == 0 && !r.hasNumber() {
		return // a row of blanks under no label: a placeholder, not a row of the template
	}
	rowKey, how := a.rowKey(r)
	if rowKey == "" {
		a.pending = append(a.pending, r) // placed by the next row recognised, or not at all
		return
	}
	a.place(rowKey)
	a.store(r, rowKey, how)
}

// place gives the rows not recognised since the last recognised row the
// template's rows between that row and key, in order, when there are as
// many of each (in either layout of （六）): a label OCR garbled beyond
// matching keeps its row by its place. Rows before the first row
// recognised are the template's first rows, and rows after the last (key
// "", at the table's end) its last, on the same terms. Otherwise they are
// reported and their values not used.
func (a *applications) place(key string) {
	pending, last := a.pending, a.last
	a.pending, a.last = nil, key
	if len(pending) == 0 {
		return
	}
	if keys, how, ok := between(last, key, len(pending)); ok {
		for n, r := range pending {
			a.store(r, keys[n], how)
		}
		return
	}
	for _, r := range pending {
		a.out.problem(schema.ProblemUnrecognisedRow, "", r, nil, "table 三: row %q not recognised; its values are not used", strings.Join(r.labelTexts(), " / "))
	}
}

// between is the n rows of the template between rows last and key (""
// for the table's start, or its end), in either layout, and how they were
// placed; ok is false when no layout has n rows there.
func between(last, key string, n int) (keys []string, how string, ok bool) {
	if last == "" && key == "" {
		return nil, "", false
	}
	how = "placed by its position between " + last + " and " + key
	switch {
	case last == "":
		how = "placed by its position before " + key
	case key == "":
		how = "placed by its position after " + last
	}
	for _, l := range []schema.Layout{schema.Items, schema.SingleRow} {
		rows := schema.ApplicationRowsIn(l)
		i, j := -1, len(rows) // the table's start and end
		if last != "" {
			i = slices.Index(rows, last)
		}
		if key != "" {
			j = slices.Index(rows, key)
		}
		if (i >= 0 || last == "") && j >= 0 && j-i-1 == n {
			return rows[i+1 : j], how, true
		}
	}
	return nil, "", false
}

// flush places, or reports, the rows still pending at the table's end.
func (a *applications) flush() { a.place("") }

// store reads the values of row r, named key.
func (a *applications) store(r row, rowKey, how string) {
	if how != "" {
		a.out.problem(schema.ProblemGuessedRow, a.key(rowKey), r, nil, "table 三: row %q %s", strings.Join(r.labelTexts(), " / "), how)
	}
	if first, dup := a.seen[rowKey]; dup {
		a.out.problem(schema.ProblemRepeated, a.key(rowKey), r, nil, "table 三: row %q printed twice (table %d row %d, and first in table %d row %d); the first was kept",
			strings.Join(r.labelTexts(), " / "), r.table.Index, r.index+1, first.table.Index, first.index+1)
		return
	}
	if a.seen == nil {
		a.seen = map[string]row{}
	}
	a.seen[rowKey] = r
	cells, exact := align(r.values, a.header, len(schema.ApplicantColumns))
	if !exact {
		a.out.problem(schema.ProblemPositioned, a.key(rowKey), r, nil, "table 三: row %q has %d value cells for %d columns; placed by position", strings.Join(r.labelTexts(), " / "), len(r.values), len(schema.ApplicantColumns))
	}
	for i, col := range schema.ApplicantColumns {
		a.out.set(schema.ApplicationKey(rowKey, col), cells[i], r, "")
	}
}

// key is the key prefix of a row of table 三, for problems.
func (a *applications) key(row string) string { return string(schema.TableApplications) + "." + row }

// heading updates the group from a row without values.
func (a *applications) heading(r row) {
	for _, t := range r.labelTexts() {
		if g, _, ok := appHeadings.best(t); ok && g != "" {
			a.group = g
		}
	}
}

// rowKey names a row by its labels: "new", "denied.state_secret", … It says
// how, when it had to guess.
func (a *applications) rowKey(r row) (key, how string) {
	var item string
	groupSeen := false
	for _, t := range r.labelTexts() {
		if g, score, ok := appHeadings.best(t); ok && score >= 0.7 {
			if g != "" {
				a.group, groupSeen = g, true
			}
			continue
		}
		item = t
	}
	if item == "" {
		if groupSeen && a.group == "other_handling" {
			return "other_handling.total", "" // the 2019 template's single row
		}
		return "", ""
	}
	// Items are distinct across groups, so every group's items compete: a
	// row whose group label was lost (a page break, a copy) still finds its
	// key, and its group becomes the current one.
	// An item of a group is numbered 1., 2., …; a label numbered as the
	// groups and results are, （六）, is none of them, however like one
	// it reads (OCR's （六）其他 for （六）其他处理 is not the item 3.其他).
	if k, sc, ok := appRowCatalog.best(item); ok && !(strings.Contains(k, ".") && groupNumbered(item)) {
		// A label matched only loosely, numbered as another item of the
		// group it matched in, which it is like enough to match: the
		// number decides (OCR's 2.得复申请 under 不予处理 is item 2,
		// 重复申请, not 无正当理由大量反复申请, which shares more of it).
		if nk, _, ok := a.numbered(item); ok && nk != k && sc < 1 && strings.HasPrefix(k, a.group+".") &&
			appRowCatalog.score(item, nk) >= minScore {
			k = nk
		}
		a.group, _, _ = strings.Cut(k, ".")
		if !strings.Contains(k, ".") {
			a.group = ""
		}
		return k, ""
	}
	// A result row of the template's own, (一) 予以公开, (二) 部分公开 or
	// (七) 总计, whose label OCR lost (《一)公开), keeps its place by its
	// number among the results.
	if c := canon(item); a.group == "" && strings.IndexAny(c, openBrackets) == 0 {
		if n, _ := splitNumber(c); resultRows[n] != "" {
			return resultRows[n], "matched by its number among the results"
		}
	}
	// An unreadable item keeps its place by its number within the group.
	if k, e, ok := a.numbered(item); ok {
		label, _ := e.labels()
		return k, "matched by its number to " + label
	}
	return "", ""
}

// groupNumbered says a label is numbered as the template numbers its
// groups and results, a Chinese numeral in brackets (（六）), and holds no
// item's number after it (（三）不予公开 1.属于国家秘密, a group's label and
// its first item's in one cell, is numbered as an item too).
func groupNumbered(label string) bool {
	rs := []rune(canon(label))
	return len(rs) > 1 && strings.ContainsRune(openBrackets, rs[0]) && strings.ContainsRune(chineseDigits, rs[1]) &&
		!strings.ContainsAny(string(rs[2:]), "0123456789")
}

// resultRows are the rows of values among the results, (一) to (七), by
// number; the others open groups.
var resultRows = map[int]string{1: "granted", 2: "partially_granted", 7: "total"}

// numbered is the item of the current group that the item's number
// names: its key and its entry.
func (a *applications) numbered(item string) (string, entry, bool) {
	items := appItems[a.group]
	if n, _ := splitNumber(item); n >= 1 && n <= len(items) {
		return a.group + "." + items[n-1].key, items[n-1], true
	}
	return "", entry{}, false
}
