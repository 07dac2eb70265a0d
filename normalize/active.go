package normalize

import (
	"strings"
	"unicode"

	"github.com/gongkai/gongkai/schema"
)

// Table 二: blocks headed 第二十条第（X）项, each with a header row starting
// 信息内容 that names its columns. The columns differ between the 2019 and
// 2021 templates; the header says which.

var activeRows = newCatalog(
	"rules", "规章",
	"normative_docs", "行政规范性文件",
	"normative_docs", "规范性文件",
	"licensing", "行政许可",
	"other_services", "其他对外管理服务事项",
	"punishment", "行政处罚",
	"coercion", "行政强制",
	"fees", "行政事业性收费",
	"procurement", "政府集中采购",
)

var activeColumns = newCatalog(
	"issued", "本年制发件数",
	"repealed", "本年废止件数",
	"in_force", "现行有效件数",
	"produced", "本年新制作数量",
	"published", "本年新公开数量",
	"total_published", "对外公开总数量",
	"decisions", "本年处理决定数量",
	"decisions", "处理决定数量",
	"prior_year_items", "上一年项目数量",
	"change", "本年增/减",
	"amount", "本年收费金额（单位：万元）",
	"items", "采购项目数量",
	"amount", "采购总金额",
)

// activeLayouts are the columns of the templates' blocks of more than one
// column, in order: a header with a column OCR garbled (本年 件数) is one
// of them when its other columns say which.
var activeLayouts = [][]string{
	{"issued", "repealed", "in_force"},
	{"produced", "published", "total_published"},
	{"prior_year_items", "change", "decisions"},
	{"prior_year_items", "change"},
	{"items", "amount"},
}

// layoutOf fills the columns not recognised (empty keys) from the one
// layout of as many columns that agrees with all those recognised, if at
// least one is.
func layoutOf(cols []string) []string {
	var found []string
	for _, l := range activeLayouts {
		if len(l) != len(cols) {
			continue
		}
		agrees, known := true, false
		for i, k := range cols {
			agrees, known = agrees && (k == "" || k == l[i]), known || k != ""
		}
		if agrees && known {
			if found != nil {
				return cols // two layouts fit: nothing decides
			}
			found = l
		}
	}
	if found == nil {
		return cols
	}
	return found
}

// activeBlocks are the rows of each block, by its item number (第二十条第
// （六）项), in the template's order: the 2021 template prints the first
// of （五）'s only.
var activeBlocks = map[rune][]string{
	'一': {"rules", "normative_docs"},
	'五': {"licensing", "other_services"},
	'六': {"punishment", "coercion"},
	'八': {"fees"},
	'九': {"procurement"},
}

// active reads table 二's rows.
type active struct {
	cols   []string // column keys of the current block
	units  []string // unit each column's header prints, if any
	header []span
	out    *Result

	// The current block: its rows in the template, the keys of the rows
	// read in it by their place, and the rows whose labels were not
	// recognised, by their place.
	block   []string
	read    []string
	unknown map[int]row
}

// blockOf gives the template's rows of the block a title row opens
// (第二十条第（六）项), or nil when it is not one.
func blockOf(label string) (rows []string, title bool) {
	rest, ok := strings.CutPrefix(canon(label), "第二十条")
	if !ok {
		return nil, false
	}
	for _, r := range rest {
		if b, ok := activeBlocks[r]; ok {
			return b, true
		}
	}
	return nil, true
}

// endBlock places the rows of the block whose labels were not recognised
// (OCR lost a character or two: 强制, 政处罚) by their place, when the
// rows that were recognised stand in the template's order and the block
// holds no more rows than the template's: the block's title says which
// rows it has. Otherwise they are reported and their values left out.
func (a *active) endBlock() {
	inOrder := len(a.block) > 0 && len(a.read) <= len(a.block)
	for i, k := range a.read {
		inOrder = inOrder && (k == "" || k == a.block[i])
	}
	for i := range a.read {
		r, ok := a.unknown[i]
		if !ok {
			continue
		}
		label := r.labels[len(r.labels)-1].Text
		if !inOrder {
			a.out.problem(schema.ProblemUnrecognisedRow, "", r, nil, "table 二: row %q not recognised; its values are not used", label)
			continue
		}
		key := a.block[i]
		a.out.problem(schema.ProblemGuessedRow, string(schema.TableActive)+"."+key, r, nil, "table 二: row %q not recognised; taken by its place in its block for %s", label, key)
		a.store(r, key)
	}
	a.block, a.read, a.unknown = nil, nil, nil
}

// isHeader reports whether a row is a block's header (信息内容 …) and takes
// its columns.
func (a *active) isHeader(r row) bool {
	if len(r.labels) == 0 || !strings.HasPrefix(canon(r.labels[0].Text), "信息内容") {
		return false
	}
	a.cols, a.units, a.header = nil, nil, nil
	for _, c := range r.labels[1:] {
		key, _, _ := activeColumns.best(c.Text)
		a.cols = append(a.cols, key)
		a.units = append(a.units, unitOf(canon(c.Text)))
		a.header = append(a.header, spanOf(c))
	}
	placed := layoutOf(a.cols)
	for i, c := range r.labels[1:] {
		switch {
		case a.cols[i] == "" && placed[i] != "":
			a.out.problem(schema.ProblemUnrecognisedColumn, "", r, c, "table 二: column %q not recognised; taken by its place for %s", c.Text, placed[i])
		case a.cols[i] == "":
			a.out.problem(schema.ProblemUnrecognisedColumn, "", r, c, "table 二: column %q not recognised", c.Text)
		}
	}
	a.cols = placed
	return true
}

// opensBlock reports whether a row is a block's title (第二十条第（六）项),
// and if so ends the block before it and begins its own.
func (a *active) opensBlock(r row) bool {
	if len(r.labels) == 0 {
		return false
	}
	rows, title := blockOf(r.labels[0].Text)
	if title {
		a.endBlock()
		a.block = rows
	}
	return title
}

// row reads one data row of the current block.
func (a *active) row(r row) {
	if len(r.values) == 0 || len(r.labels) == 0 || len(a.cols) == 0 {
		return // stray rows
	}
	label := r.labels[len(r.labels)-1].Text
	rowKey, _, ok := activeRows.best(label)
	if !ok {
		if a.unknown == nil {
			a.unknown = map[int]row{}
		}
		a.unknown[len(a.read)] = r
	}
	a.read = append(a.read, rowKey)
	if ok {
		a.store(r, rowKey)
	}
}

// store reads the values of row r, named rowKey.
func (a *active) store(r row, rowKey string) {
	label := r.labels[len(r.labels)-1].Text
	cells, exact := align(r.values, a.header, len(a.cols))
	if !exact {
		a.out.problem(schema.ProblemPositioned, string(schema.TableActive)+"."+rowKey, r, nil, "table 二: row %q has %d value cells for %d columns; placed by position", label, len(r.values), len(a.cols))
	}
	for i, col := range a.cols {
		if col != "" {
			a.out.set(string(schema.TableActive)+"."+rowKey+"."+col, cells[i], r, a.units[i])
		}
	}
}

// unitOf finds the money unit a header names: （单位：万元）, （元）. 元
// alone must stand alone, not after another character: OCR's 单位:方元 is
// 万元 misread, not 元, and would otherwise scale the value ten thousand
// times.
func unitOf(s string) string {
	for _, u := range []string{"万元", "亿元"} {
		if strings.Contains(s, u) {
			return u
		}
	}
	prev := ' '
	for _, r := range s {
		if r == '元' && !unicode.Is(unicode.Han, prev) {
			return "元"
		}
		prev = r
	}
	return ""
}
