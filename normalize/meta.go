package normalize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// How far into a document the title may sit: portal pages put navigation
// and breadcrumbs first.
const titleWindow = 200

var (
	yearRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`((?:19|20)\d\d)\s*年度?`) })
	reportRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`信息公开.{0,6}(年度报告|年报|工作报告)`)
	})
	// A title wrapped before its last word (…信息公开工作年度 / 报告),
	// read as two paragraphs.
	wrappedRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`信息公开(工作)?(年度)?$`) })
	// A labelled field line that crawlers and archives put above a saved
	// page (标题：… 单位：… 来源：… 采集时间：…): metadata about the page.
	fieldLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*(标题|题目|名称|单位|发布单位|发布机构|来源|网址|链接|采集时间|抓取时间|发布时间|发布日期|索引号|文号|分类)\s*[:：]\s*(.*)$`)
	})
	// What the title adds around the body's name.
	titleWords = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(关于)?(政府)?信息公开(工作)?(情况)?(的)?(年度报告|年报|工作报告|年度)?$`)
	})
)

// metadata reads the title, the body that publishes the report, and the
// year reported on, from the first paragraphs.
func metadata(doc *extract.Document) schema.Report {
	paras, captured, hint := openingParagraphs(doc)
	var rep schema.Report
	title := titleParagraph(paras, hint)
	if title < 0 && captured != "" && reportRe().MatchString(captured) {
		// The report prints no title of its own: the capture's, without
		// the site name it appends ("…年度报告-某县发改局").
		if i := reportRe().FindStringIndex(captured); i != nil {
			captured = captured[:i[1]]
		}
		paras, title = append([]string{captured}, paras...), 0
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
	locs := reportRe().FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	end := locs[len(locs)-1][1]
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
		if m := fieldLine().FindStringSubmatch(p); m != nil && (m[1] == "标题" || m[1] == "题目" || m[1] == "名称") {
			// Not the report's title, though it names it: a hint. (The
			// other field lines cannot pass for a title; their dates still
			// date a document that has none.)
			if captured == "" {
				captured = strings.Join(strings.Fields(m[2]), "")
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
		dated := yearRe().MatchString(p)
		if len([]rune(p)) > 60 || !reportRe().MatchString(p) && !(dated && wrappedRe().MatchString(p)) {
			continue
		}
		named := dated && hint != "" && strings.Contains(hint, strings.Join(strings.Fields(p), ""))
		switch {
		case named:
			title = i
		case dated && (title < 0 || !yearRe().MatchString(paras[title])):
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
	if loc := yearRe().FindStringIndex(t); loc != nil && strings.TrimSpace(t[:loc[0]]) == "" && title > 0 {
		if prev := paras[title-1]; len([]rune(prev)) <= 30 && !strings.ContainsAny(prev, "。，；：") {
			t = prev + t
		}
	}
	rep.Title = strings.Join(strings.Fields(t), "")
	if m := yearRe().FindStringSubmatch(rep.Title); m != nil {
		rep.Year, _ = strconv.Atoi(m[1])
	} else {
		rep.Year = firstYear(paras[title:])
	}
	agency := yearRe().ReplaceAllString(rep.Title, "")
	agency = titleWords().ReplaceAllString(agency, "")
	rep.Agency = strings.Trim(agency, "《》\"“”()（）-—_ ")
	return rep
}

// firstYear is the first year the text names, for titles that name none.
func firstYear(paras []string) int {
	for _, p := range paras {
		if m := yearRe().FindStringSubmatch(p); m != nil {
			y, _ := strconv.Atoi(m[1])
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
