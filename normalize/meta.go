package normalize

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// How far into a document the title may sit: portal pages put navigation
// and breadcrumbs first.
const titleWindow = 200

// The words a report's title and a capture's header are read by. They were
// regular expressions (kept in meta_test.go, which holds these to them):
// matching them was a twentieth of an archive's conversion, and compiling
// them a sixtieth of a one-file run.

// yearAt finds the first year at or after byte from of s, as
// ((?:19|20)\d\d)\s*年度? does: its bytes s[start:end] and the year; start
// is -1 when there is none.
func yearAt(s string, from int) (start, end, year int) {
	for i := from; i+4 <= len(s); i++ {
		if !(s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') || !isDigit(rune(s[i+2])) || !isDigit(rune(s[i+3])) {
			continue
		}
		j := i + 4
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		if !strings.HasPrefix(s[j:], "年") {
			continue
		}
		j += len("年")
		if strings.HasPrefix(s[j:], "度") {
			j += len("度")
		}
		year, _ = strconv.Atoi(s[i : i+4])
		return i, j, year
	}
	return -1, -1, 0
}

// firstYearIn is the first year s prints (2021年, 2021 年度), 0 for none.
func firstYearIn(s string) int {
	_, _, y := yearAt(s, 0)
	return y
}

// withoutYears is s with each year it prints cut out.
func withoutYears(s string) string {
	var b strings.Builder
	last := 0
	for {
		start, end, _ := yearAt(s, last)
		if start < 0 {
			break
		}
		b.WriteString(s[last:start])
		last = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// reportAt finds the first name of a report at or after byte from of s,
// as 信息公开.{0,6}(年度报告|年报|工作报告) does: 信息公开, up to six
// characters of one line, then a word for the report, the last such word
// within reach. It returns the bytes s[start:end], start -1 for none.
func reportAt(s string, from int) (start, end int) {
	for {
		k := strings.Index(s[from:], "信息公开")
		if k < 0 {
			return -1, -1
		}
		start = from + k
		var at [7]int // where each of up to 6 characters after 信息公开 starts
		n, i := 0, start+len("信息公开")
		at[0] = i
		for n < 6 && i < len(s) && s[i] != '\n' {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
			n++
			at[n] = i
		}
		for ; n >= 0; n-- {
			for _, word := range reportWords {
				if strings.HasPrefix(s[at[n]:], word) {
					return start, at[n] + len(word)
				}
			}
		}
		from = start + len("信息公开")
	}
}

var reportWords = [...]string{"年度报告", "年报", "工作报告"}

// namesReport says s names a disclosure report (…信息公开工作年度报告).
func namesReport(s string) bool {
	start, _ := reportAt(s, 0)
	return start >= 0
}

// wrapped says s ends as a title wrapped before its last word does
// (…信息公开工作年度 / 报告, read as two paragraphs).
func wrapped(s string) bool {
	s = strings.TrimSuffix(s, "年度")
	s = strings.TrimSuffix(s, "工作")
	return strings.HasSuffix(s, "信息公开")
}

// titleField is the value of a capture's title line (标题：…, 题目：…,
// 名称：…), which crawlers and archives put above a saved page; ok is
// false for any other paragraph.
func titleField(p string) (value string, ok bool) {
	p = strings.TrimLeft(p, spaces)
	var rest string
	for _, label := range [...]string{"标题", "题目", "名称"} {
		if r, found := strings.CutPrefix(p, label); found {
			rest, ok = r, true
			break
		}
	}
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, spaces)
	if r, found := strings.CutPrefix(rest, ":"); found {
		rest = r
	} else if r, found := strings.CutPrefix(rest, "："); found {
		rest = r
	} else {
		return "", false
	}
	rest = strings.TrimLeft(rest, spaces)
	if strings.IndexByte(rest, '\n') >= 0 {
		return "", false // the value is one line
	}
	return rest, true
}

// spaces are the white space the title's patterns skip (\s: ASCII only).
const spaces = "\t\n\f\r "

func isSpace(b byte) bool { return strings.IndexByte(spaces, b) >= 0 }

// agencyOf is what a title says around the body's name cut from its end:
// (关于)(政府)信息公开(工作)(情况)(的)(年度报告|年报|工作报告|年度), each
// part but 信息公开 optional.
func agencyOf(title string) string {
	k := strings.LastIndex(title, "信息公开")
	if k < 0 || !titleEnding(title[k+len("信息公开"):]) {
		return title
	}
	head := strings.TrimSuffix(title[:k], "政府")
	return strings.TrimSuffix(head, "关于")
}

// titleEnding says s is (工作)?(情况)?(的)?(年度报告|年报|工作报告|年度)?.
func titleEnding(s string) bool {
	for _, word := range [...]string{"", "年度报告", "年报", "工作报告", "年度"} {
		t, ok := strings.CutSuffix(s, word)
		if !ok {
			continue
		}
		t = strings.TrimPrefix(t, "工作")
		t = strings.TrimPrefix(t, "情况")
		if t == "" || t == "的" {
			return true
		}
	}
	return false
}

// metadata reads the title, the body that publishes the report, and the
// year reported on, from the first paragraphs.
func metadata(doc *extract.Document) schema.Report {
	paras, captured, hint := openingParagraphs(doc)
	var rep schema.Report
	title := titleParagraph(paras, hint)
	if _, end := reportAt(captured, 0); title < 0 && end >= 0 {
		// The report prints no title of its own: the capture's, without
		// the site name it appends ("…年度报告-某县发改局").
		paras, title = append([]string{captured[:end]}, paras...), 0
	}
	if title < 0 {
		rep.Year = firstYear(paras)
		return rep
	}
	if doc.OCRPages > 0 {
		paras[title] = trimSpeck(paras[title])
	}
	rep = titled(paras, title)
	if doc.OCRPages > 0 {
		rep.Agency = commonSpelling(rep.Agency, paras)
	}
	return rep
}

// trimSpeck cuts from a title OCR read the character or two after its
// last words (…年度报告握): a web page's icon beside its title, or a speck,
// read as a character.
func trimSpeck(title string) string {
	end := -1
	for start, e := reportAt(title, 0); start >= 0; start, e = reportAt(title, e) {
		end = e
	}
	if end < 0 {
		return title
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(title[end:])); n > 0 && n <= 2 {
		return title[:end]
	}
	return title
}

// levels are the characters that end the name of a place: 省, 市, 区, ….
const levels = "省市区县州旗盟镇乡"

// commonSpelling spells each place in a body's name that OCR read in the
// title (洪泽区 read 洪译区), then the name as a whole, as the document's
// text prints it most often: a title is read once, the prose names its
// body again and again. A spelling is replaced by one a character apart
// (a place's level, 区 or 县, kept) that the text prints at least twice and
// at least twice as often.
func commonSpelling(name string, paras []string) string {
	rs := []rune(name)
	from := 0
	for i, r := range rs {
		if !strings.ContainsRune(levels, r) || i-from < 1 {
			continue
		}
		place := rs[from : i+1]
		copy(rs[from:], []rune(mostPrinted(place, paras, len(place)-1)))
		from = i + 1
	}
	// Then the name as a whole (上海市人民政府办公厅 read …办公打).
	return mostPrinted(rs, paras, len(rs))
}

// mostPrinted is the spelling of s, or of one like it (see like), that
// paras print at least twice and at least twice as often as s; or, when
// s is printed only once (in the title) and ends as no body's name does,
// that paras print once and that does (…办公打 for …办公厅).
func mostPrinted(s []rune, paras []string, end int) string {
	counts := map[string]int{}
	lengths := []int{len(s)}
	if end == len(s) && len(s) >= 5 {
		// A whole name, long enough that a window a character shorter
		// is not some other word: OCR may read one character as two.
		lengths = append(lengths, len(s)-1)
	}
	for _, p := range paras {
		pr := []rune(p)
		for _, n := range lengths {
			for j := 0; j+n <= len(pr); j++ {
				if w := pr[j : j+n]; like(w, s, end) {
					counts[string(w)]++
				}
			}
		}
	}
	best, own := string(s), counts[string(s)]
	for t, n := range counts {
		if t == string(s) {
			continue
		}
		better := n >= 2 && n >= 2*own || own <= 1 && namesBody(t) && !namesBody(string(s))
		if better && (best == string(s) || n > counts[best] || n == counts[best] && t < best) {
			best = t
		}
	}
	return best
}

// like says w is s, or s with one character misread, s[end:] (a place's
// level) kept; or, a character shorter, s with two characters read where
// w prints one (县 read 有具).
func like(w, s []rune, end int) bool {
	if len(w) == len(s) {
		return apart(w[end:], s[end:]) == 0 && apart(w, s) <= 1
	}
	if len(w) != len(s)-1 {
		return false
	}
	i := 0
	for i < len(w) && w[i] == s[i] {
		i++
	}
	// Two read for one other: not one of the two, or w is s short of
	// its first character, printed wherever s is.
	return i+2 <= end && w[i] != s[i+1] && slices.Equal(w[i+1:], s[i+2:])
}

// namesBody says the name ends as a body's does: …政府, …局, ….
func namesBody(name string) bool {
	if strings.HasSuffix(name, "政府") {
		return true
	}
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return false
}

// apart counts the places where a and b, of one length, differ.
func apart(a, b []rune) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// openingParagraphs are the document's first paragraphs, folded, with the
// 标题 of a crawler's capture header apart and the hint of the file's own
// title (or the capture's).
func openingParagraphs(doc *extract.Document) (paras []string, captured, hint string) {
	hint = strings.Join(strings.Fields(foldString(doc.Title)), "")
	for _, b := range doc.Blocks {
		if b.Para == nil {
			continue
		}
		p := foldString(b.Para.Text)
		if value, ok := titleField(p); ok {
			// Not the report's title, though it names it: a hint. (The
			// other field lines of a capture's header, 来源：… 采集时间：…,
			// cannot pass for a title; their dates still date a document
			// that has none.)
			if captured == "" {
				captured = strings.Join(strings.Fields(value), "")
				if hint == "" {
					hint = captured
				}
			}
			continue
		}
		paras = append(paras, p)
		if len(paras) >= titleWindow {
			break
		}
	}
	return paras, captured, hint
}

// titleParagraph is the index of the title: the first title-like paragraph
// with a year, unless the file's own title names another (portals list
// other years' reports beside the one shown, sometimes above it); -1 for
// none.
func titleParagraph(paras []string, hint string) int {
	title := -1
	for i, p := range paras {
		dated := firstYearIn(p) > 0
		if utf8.RuneCountInString(p) > 60 || !namesReport(p) && !(dated && wrapped(p)) {
			continue
		}
		named := dated && hint != "" && strings.Contains(hint, strings.Join(strings.Fields(p), ""))
		switch {
		case named:
			title = i
		case dated && (title < 0 || firstYearIn(paras[title]) == 0):
			title = i
		case title < 0:
			title = i
		}
		if named {
			break
		}
	}
	return title
}

// titled reads the report's title, year and agency from its title
// paragraph.
func titled(paras []string, title int) schema.Report {
	var rep schema.Report
	t := paras[title]
	// A title printed on two lines: the body's name above the year.
	if start, _, _ := yearAt(t, 0); start >= 0 && strings.TrimSpace(t[:start]) == "" && title > 0 {
		if prev := paras[title-1]; len([]rune(prev)) <= 30 && !strings.ContainsAny(prev, "。，；：") {
			t = prev + t
		}
	}
	rep.Title = strings.Join(strings.Fields(t), "")
	if rep.Year = firstYearIn(rep.Title); rep.Year == 0 {
		rep.Year = firstYear(paras[title:])
	}
	rep.Agency = strings.Trim(agencyOf(withoutYears(rep.Title)), "《》\"“”()（）-—_ ")
	return rep
}

// firstYear is the first year the text names, for titles that name none.
func firstYear(paras []string) int {
	for _, p := range paras {
		if y := firstYearIn(p); y > 0 {
			return y
		}
	}
	return 0
}

func foldString(s string) string {
	return strings.Map(fold, s)
}

// template decides the report's template from its tables (schema.TemplateOf)
// or, when they print nothing, whether it is a report of the 2008 regulation.
func template(res *Result, doc *extract.Document) schema.Template {
	t := schema.TemplateOf(res.Values)
	if t == schema.TemplateUnknown && len(res.Values) == 0 && isPre2019(doc, res.Report.Year) {
		return schema.TemplatePre2019
	}
	return t
}

// isPre2019 spots the reports written under the 2008 regulation: the
// provincial statistics table (指标名称 / 计量单位), or a report year before
// the 2019 template.
func isPre2019(doc *extract.Document, year int) bool {
	for _, t := range doc.Tables() {
		for _, row := range t.Rows {
			for _, c := range row {
				if canon(c.Text) == "指标名称" {
					return true
				}
			}
		}
	}
	return year >= 2008 && year < 2019
}
