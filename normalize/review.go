package normalize

import (
	"strings"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

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

// reviewColumns are the column labels of table 四's three groups.
var reviewColumns = newCatalog(
	"upheld", "结果维持",
	"corrected", "结果纠正",
	"other", "其他结果",
	"pending", "尚未审结",
	"total", "总计",
)

func (v *review) isHeader(r row) bool {
	joined := strings.Join(r.labelTexts(), "|")
	return strings.Contains(joined, "行政复议") || strings.Contains(joined, "行政诉讼") ||
		strings.Contains(joined, "结果维持") || strings.Contains(joined, "直接起诉")
}

// opens says a row is the top of table 四's header, naming both of its
// parts (行政复议 | 行政诉讼) or two of its columns: a table that begins so
// is table 四 even straight after table 三, with no section heading
// between them read (a heading OCR garbled, or a Word file's pictures of
// tables, which come after its text).
func (v *review) opens(r row) bool {
	has := func(a, b string) bool {
		var x, y bool
		for _, t := range r.labelTexts() {
			x, y = x || strings.Contains(t, a), y || strings.Contains(t, b)
		}
		return x && y
	}
	return has("行政复议", "行政诉讼") || has("结果维持", "结果纠正")
}

// row takes the first row of fifteen values that prints a number; an
// all-blank row counts only if no such row follows. Rows of five or ten
// values are pieces of such a row, taken in order.
func (v *review) row(r row) {
	n := len(schema.ReviewKeys)
	if v.got || len(r.values) == 0 {
		if v.got && len(r.values) >= n && r.hasNumber() {
			v.out.problem(schema.ProblemRepeated, string(schema.TableReview), r, nil, "table 四: a second row of values; the first was kept")
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
		if val, _ := cellValue(p.cell); !val.blank {
			numbers = true
		}
	}
	if !numbers && v.gotBlank {
		return
	}
	for i, k := range schema.ReviewKeys {
		delete(v.out.Values, k) // a row with numbers replaces a blank one
		v.out.set(k, parts[i].cell, parts[i].row, "")
	}
	v.got, v.gotBlank = numbers, !numbers
}
