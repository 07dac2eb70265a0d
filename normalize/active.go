package normalize

import (
	"strings"

	"github.com/gongkai/gongkai/extract"
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

// active reads table 二's rows.
type active struct {
	cols   []string // column keys of the current block
	units  []string // unit each column's header prints, if any
	header []span
	out    *Result
}

// isHeader reports whether a row is a block's header (信息内容 …) and takes
// its columns.
func (a *active) isHeader(r row) bool {
	if len(r.labels) == 0 || !strings.HasPrefix(canon(r.labels[0].Text), "信息内容") {
		return false
	}
	a.cols, a.units, a.header = nil, nil, nil
	for _, c := range r.labels[1:] {
		key, _, ok := activeColumns.best(c.Text)
		if !ok {
			a.out.warn("table 二: column %q not recognised", c.Text)
		}
		a.cols = append(a.cols, key)
		a.units = append(a.units, unitOf(c.Text))
		a.header = append(a.header, spanOf(c))
	}
	return true
}

// row reads one data row of the current block.
func (a *active) row(r row) {
	if len(r.values) == 0 || len(r.labels) == 0 || len(a.cols) == 0 {
		return // block titles (第二十条第（一）项) and stray rows
	}
	label := r.labels[len(r.labels)-1].Text
	if strings.HasPrefix(canon(label), "第二十条") {
		return // a block title whose blank cells a copy kept
	}
	rowKey, _, ok := activeRows.best(label)
	if !ok {
		a.out.warn("table 二: row %q not recognised; its values are not used", label)
		return
	}
	cells, exact := align(r.values, a.header, len(a.cols))
	if !exact {
		a.out.warn("table 二: row %q has %d value cells for %d columns; placed by position", label, len(r.values), len(a.cols))
	}
	for i, col := range a.cols {
		if col != "" {
			a.out.set("active."+rowKey+"."+col, cells[i], r, a.units[i])
		}
	}
}

// unitOf finds the money unit a header names: （单位：万元）, （元）.
func unitOf(s string) string {
	for _, u := range []string{"万元", "亿元", "元"} {
		if strings.Contains(s, u) {
			return u
		}
	}
	return ""
}

// review reads table 四: a header naming 行政复议 and 行政诉讼, then one row
// of fifteen numbers in the template's order.
type review struct {
	got, gotBlank bool // a row with numbers, an all-blank row was taken
	// parts gathers the values of a table 四 printed in pieces: 行政复议's
	// five columns in one table (or row) and 行政诉讼's ten in the next.
	parts []part
	out   *Result
}

// part is a value cell and the row it was printed in.
type part struct {
	cell *extract.Cell
	row  row
}

var reviewKeys = func() []string {
	var keys []string
	for _, g := range []string{"review", "litigation.direct", "litigation.after_review"} {
		for _, c := range []string{"upheld", "corrected", "other", "pending", "total"} {
			keys = append(keys, g+"."+c)
		}
	}
	return keys
}()

func (v *review) isHeader(r row) bool {
	joined := strings.Join(r.labelTexts(), "|")
	return strings.Contains(joined, "行政复议") || strings.Contains(joined, "行政诉讼") ||
		strings.Contains(joined, "结果维持") || strings.Contains(joined, "直接起诉")
}

// row takes the first row of fifteen values that prints a number; an
// all-blank row counts only if no such row follows. Rows of five or ten
// values are pieces of such a row, taken in order.
func (v *review) row(r row) {
	n := len(reviewKeys)
	if v.got || len(r.values) == 0 {
		if v.got && len(r.values) >= n && r.hasNumber() {
			v.out.warn("table 四: a second row of values; the first was kept")
		}
		return
	}
	if len(r.values) < n {
		if k := len(r.values); k%5 == 0 && len(v.parts)+k <= n {
			for _, c := range r.values {
				v.parts = append(v.parts, part{c, r})
			}
		}
		if len(v.parts) == n {
			v.take(v.parts)
			v.parts = nil
		}
		return
	}
	cells, _ := align(r.values, nil, n)
	parts := make([]part, n)
	for i, c := range cells {
		parts[i] = part{c, r}
	}
	v.take(parts)
}

// take stores fifteen values in the template's order, unless they are all
// blank and a blank row was taken already.
func (v *review) take(parts []part) {
	numbers := false
	for _, p := range parts {
		if val, _ := parseValue(p.cell.Text); !val.blank {
			numbers = true
		}
	}
	if !numbers && v.gotBlank {
		return
	}
	for i, k := range reviewKeys {
		delete(v.out.Values, k) // a row with numbers replaces a blank one
		v.out.set(k, parts[i].cell, parts[i].row, "")
	}
	v.got, v.gotBlank = numbers, !numbers
}
