// Package normalize is the middle stage of the gongkai pipeline: it reads an
// extract.Document — paragraphs and table grids in any format — and maps
// what it prints onto the canonical keys of package schema. Rows are matched
// by their labels, segmented into the template's words (as gse segments
// them) and compared by similarity, so that wrapped, letter-spaced,
// renumbered and misspelt labels still find their key; values are read as
// printed.
package normalize

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// Result is what normalize reads from one document.
type Result struct {
	Report     schema.Report
	Values     schema.Values
	Narrative  schema.Narrative // the figures the prose states
	Provenance map[string]schema.Provenance
	Problems   []schema.Problem
	// Pre2019Rows are the rows of a 2008–2018 statistics table as printed.
	Pre2019Rows []schema.Pre2019Row
	// Found records which of the template's tables were seen.
	Found map[schema.Table]bool
	// Missing names the rows of a table found that were not read (table 三
	// rows such as "unavailable.not_held", or "review" for table 四's row).
	Missing []string
	// Sections are the template's sections (1 for 一、总体情况 … 6 for
	// 六、其他需要报告的事项) whose headings were seen, in document order.
	Sections []int
	// blank holds the keys read from a blank cell ("", "-", "无"), which
	// stand for 0 only where that is consistent.
	blank     map[string]bool
	blankForm bool
	boxes     []schema.Box // where set makes the provenance boxes (box)
}

// BlankForm reports whether the tables were found but print no figure at
// all: the template's blank form, not a report of zeros. Its values are
// left absent.
func (r *Result) BlankForm() bool { return r.blankForm }

// Truncated reports whether the document stops before its last section:
// it has the template's headings up to 五 but not 六, as when a file lost
// its last pages.
func (r *Result) Truncated() bool {
	seen := map[int]bool{}
	for _, s := range r.Sections {
		seen[s] = true
	}
	return seen[1] && seen[5] && !seen[6]
}

// sectionTitles are the template's section headings.
var sectionTitles = newCatalog(
	"1", "总体情况",
	"2", "主动公开政府信息情况",
	"3", "收到和处理政府信息公开申请情况",
	"4", "政府信息公开行政复议、行政诉讼情况",
	"5", "存在的主要问题及改进情况",
	"6", "其他需要报告的事项",
)

// Document normalizes one document.
func Document(doc *extract.Document) *Result {
	res := &Result{Values: schema.Values{}, Provenance: map[string]schema.Provenance{}, Found: map[schema.Table]bool{}}
	st := &state{
		out: res,
		act: &active{out: res},
		app: &applications{out: res},
		rev: &review{out: res},
		pre: &pre2019{out: res},
	}
	for _, b := range doc.Blocks {
		switch {
		case b.Para != nil:
			// A table never continues past one of the template's section
			// headings; other numbered headings (a converter's Markdown
			// prints table 三's 一、本年新收… as one) leave it open.
			if n, ok := sectionOf(b.Para.Text); ok {
				st.mode = ""
				res.Sections = append(res.Sections, n)
				// Section 三's and 四's heading opens its table: rows
				// follow even when the table's header is unreadable (OCR
				// garbles a header's small print as readily as a row's).
				// The table counts as found once a row of values is read.
				switch n {
				case 3:
					st.mode = schema.TableApplications
				case 4:
					st.rev, st.mode = &review{out: res}, schema.TableReview
				}
			}
		case b.Table != nil:
			st.table(b.Table)
		}
	}
	st.act.endBlock()
	st.app.flush()
	res.blankTotals()
	if len(res.blank) > 0 && len(res.blank) == len(res.Values) {
		res.blankForm = true
		clear(res.Values)
		clear(res.Provenance)
	}
	res.Report = metadata(doc)
	res.Report.Template = template(res, doc)
	res.Missing = missing(res)
	res.Narrative = Narrative(doc, res.Report)
	return res
}

// missing lists the rows of tables 三 and 四 that were found but not read.
// Those tables are fixed by the template, so a gap means lost values.
func missing(res *Result) []string {
	var out []string
	has := func(key string) bool { _, ok := res.Values[key]; return ok }
	if res.Found[schema.TableApplications] {
		for _, row := range schema.ApplicationRowsIn(schema.LayoutOf(res.Values)) {
			if !has(schema.ApplicationKey(row, "total")) && !has(schema.ApplicationKey(row, schema.ApplicantColumns[0])) {
				out = append(out, string(schema.TableApplications)+"."+row)
			}
		}
	}
	if res.Found[schema.TableReview] && !has(schema.ReviewKeys[len(schema.ReviewKeys)-1]) {
		out = append(out, string(schema.TableReview))
	}
	return out
}

// state follows which table the rows belong to. A table that starts without
// a header of its own continues the one before: tables split across pages.
type state struct {
	out  *Result
	act  *active
	app  *applications
	rev  *review
	pre  *pre2019
	mode schema.Table // the table rows belong to; "" outside the tables
}

func (s *state) table(t *extract.Table) {
	for i, r := range rowsOf(t) {
		switch {
		case s.app.isHeader(r):
			s.enter(schema.TableApplications)
			continue
		case s.act.isHeader(r):
			s.enter(schema.TableActive)
			continue
		case (s.mode == "" || s.mode == schema.TableActive) && s.act.opensBlock(r):
			s.enter(schema.TableActive)
			continue
		case s.pre.isHeader(r):
			s.enter(schema.TablePre2019)
			continue
		case s.mode != schema.TableApplications && s.mode != schema.TablePre2019 && s.rev.isHeader(r),
			s.mode == schema.TableApplications && i < 2 && s.rev.opens(r):
			s.enter(schema.TableReview)
			continue
		}
		if len(r.values) > 0 && s.mode != "" {
			s.out.Found[s.mode] = true
		}
		switch s.mode {
		case schema.TableActive:
			s.act.row(r)
		case schema.TableApplications:
			s.app.row(r)
		case schema.TableReview:
			s.rev.row(r)
		case schema.TablePre2019:
			s.pre.row(r)
		}
	}
}

func (s *state) enter(mode schema.Table) {
	if s.mode == schema.TableActive && mode != s.mode {
		s.act.endBlock()
	}
	if s.mode != mode && mode == schema.TableReview {
		s.rev = &review{out: s.out}
	}
	s.mode = mode
	s.out.Found[mode] = true
}

// sectionOf says which of the template's sections a heading opens: its
// title must be the section's, and its number the section's number (一、本年
// 新收政府信息公开申请数量 is a row of table 三 printed as a heading, not
// section 三).
func sectionOf(text string) (int, bool) {
	if !isSectionHeading(text) {
		return 0, false
	}
	key, _, ok := sectionTitles.best(text)
	if !ok {
		return 0, false
	}
	n, _ := splitNumber(canon(text))
	return n, n == int(key[0]-'0')
}

// isSectionHeading spots the report's numbered section titles (一、总体情况
// …); a table never continues past one.
func isSectionHeading(text string) bool {
	// A title starts with a Chinese numeral: most paragraphs are told
	// apart by their first rune, without canonicalising them.
	for _, r := range text {
		if c := canonRune(r); !canonDrops(c) {
			if !strings.ContainsRune(chineseDigits, c) {
				return false
			}
			break
		}
	}
	t := canon(text)
	n, rest := splitNumber(t)
	if n == 0 || len([]rune(rest)) > 30 || strings.HasPrefix(t, "(") {
		return false
	}
	r := []rune(t)
	return strings.ContainsRune(chineseDigits, r[0])
}

// problem records something a reviewer should look at, and where: at the
// cell c when there is one, else at the row rw (the zero row for a table
// as a whole).
func (r *Result) problem(kind schema.ProblemKind, key string, rw row, c *extract.Cell, format string, args ...any) {
	p := schema.Problem{Kind: kind, Key: key, Message: fmt.Sprintf(format, args...)}
	if rw.table != nil {
		p.Table, p.Row = rw.table.Index, rw.index+1
		if len(rw.labels) > 0 {
			p.Page = rw.labels[0].Page
		}
	}
	if c != nil {
		p.Page, p.Row, p.Col = c.Page, c.Row+1, c.Col+1
	}
	r.Problems = append(r.Problems, p)
}

// set stores the value a cell prints under key. A nil cell is a value the
// document does not print: it stays absent.
func (r *Result) set(key string, c *extract.Cell, rw row, unit string) {
	f, known := schema.LookupField(key)
	if !known {
		r.problem(schema.ProblemUnknownKey, key, rw, c, "%s is not a key of the template; value %q not used", key, cellText(c))
		return
	}
	if c == nil {
		r.problem(schema.ProblemNoValue, key, rw, nil, "%s: no value printed", key)
		return
	}
	v, ok := cellValue(c)
	if !ok || c.Unread {
		if c.Unread {
			r.problem(schema.ProblemNotNumber, key, rw, c, "%s: OCR could not read the figure (it saw %q); no value", key, c.Text)
		} else {
			r.problem(schema.ProblemNotNumber, key, rw, c, "%s: %q is not a number", key, c.Text)
		}
		return
	}
	if _, dup := r.Values[key]; dup {
		r.problem(schema.ProblemRepeated, key, rw, c, "%s: printed twice (again in table %d row %d); the first was kept", key, rw.table.Index, rw.index+1)
		return
	}
	n := v.n
	switch {
	case f.Unit == "10k_yuan":
		if v.unit == "" {
			v.unit = unit
		}
		n = inWan(n, v.unit)
	case v.unit == "万": // 1.2万 in a count: twelve thousand
		n, v.repaired = n*10000, true
	case strings.HasSuffix(v.unit, "元"):
		r.problem(schema.ProblemUnit, key, rw, c, "%s counts, but %q is an amount of money; kept as printed", key, c.Text)
	}
	if v.repaired {
		r.problem(schema.ProblemReread, key, rw, c, "%s: read %q as %s", key, c.Text, strconv.FormatFloat(n, 'f', -1, 64))
	}
	if len(r.Values) == 0 {
		// A report's first value: room for a template's, made once (a map
		// grown from empty was a twelfth of a PDF's bytes).
		n := templateKeys()
		r.Values = make(schema.Values, n)
		r.Provenance = make(map[string]schema.Provenance, n)
	}
	r.Values[key] = roundDecimals(n)
	if v.blank {
		if r.blank == nil {
			r.blank = map[string]bool{}
		}
		r.blank[key] = true
	}
	p := schema.Provenance{Page: c.Page, Table: rw.table.Index, Row: c.Row + 1, Col: c.Col + 1, Text: c.Text}
	if c.Confidence != nil {
		conf := math.Round(*c.Confidence*10) / 10 // Tesseract's six decimals say no more
		p.OCRConfidence = &conf
	}
	if c.Box != nil {
		r2 := func(f float64) float64 { return math.Round(f*100) / 100 } // points: a hundredth is plenty
		p.Box = r.box(schema.Box{X0: r2(c.Box.X0), Y0: r2(c.Box.Y0), X1: r2(c.Box.X1), Y1: r2(c.Box.Y1)})
	}
	r.Provenance[key] = p
}

// templateKeys is the number of keys the 2021 template prints, more than
// the 2019 template's; counted once.
var templateKeys = sync.OnceValue(func() int {
	n := 0
	for _, f := range schema.Fields() {
		if f.In(schema.Template2021) {
			n++
		}
	}
	return n
})

// box returns a pointer to a copy of b. The copies are made 64 at a time:
// a report's hundreds of values each have a box, and a box never changes
// once made.
func (r *Result) box(b schema.Box) *schema.Box {
	if len(r.boxes) == cap(r.boxes) {
		r.boxes = make([]schema.Box, 0, 64)
	}
	r.boxes = append(r.boxes, b)
	return &r.boxes[len(r.boxes)-1]
}

// roundDecimals removes the binary noise of unit conversion (75394432.52
// 元 is 7539.443252 万元, not 7539.443252000001).
func roundDecimals(n float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(n, 'g', 12, 64), 64)
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return n
	}
	return r
}

func cellText(c *extract.Cell) string {
	if c == nil {
		return ""
	}
	return c.Text
}

// blankTotals reads a blank total as not printed when its parts add up to
// more than 0: a body that leaves zeros blank may leave the total column
// blank too, and 0 there would be a sum the document never made. The
// total is left absent, with a problem, and its identities unevaluated.
func (r *Result) blankTotals() {
	for _, id := range schema.Identities(schema.LayoutOf(r.Values)) {
		if len(id.Left) != 1 || !r.blank[id.Left[0]] {
			continue
		}
		total, sum := id.Left[0], 0.0
		for _, k := range id.Right {
			v, ok := r.Values[k]
			if !ok {
				sum = 0
				break
			}
			sum += v
		}
		if _, ok := r.Values[total]; !ok || sum <= 0 {
			continue
		}
		p := r.Provenance[total]
		delete(r.Values, total)
		delete(r.Provenance, total)
		delete(r.blank, total)
		r.Problems = append(r.Problems, schema.Problem{Kind: schema.ProblemBlankTotal, Key: total, Page: p.Page, Table: p.Table, Row: p.Row, Col: p.Col,
			Message: fmt.Sprintf("%s is blank but its parts add up to %s: not read as 0", total, strconv.FormatFloat(sum, 'f', -1, 64))})
	}
}
