package normalize

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// How far into a document the title may sit: portal pages put navigation
// and breadcrumbs first.
const titleWindow = 200

var (
	yearRe   = regexp.MustCompile(`((?:19|20)\d\d)\s*年度?`)
	reportRe = regexp.MustCompile(`信息公开.{0,6}(年度报告|年报|工作报告)`)
	// What the title adds around the body's name.
	titleWords = regexp.MustCompile(`(关于)?(政府)?信息公开(工作)?(情况)?(的)?(年度报告|年报|工作报告)$`)
)

// metadata reads the title, the body that publishes the report, and the
// year reported on, from the first paragraphs.
func metadata(doc *extract.Document) schema.Report {
	var paras []string
	for _, b := range doc.Blocks {
		if b.Para != nil {
			paras = append(paras, foldString(b.Para.Text))
			if len(paras) >= titleWindow {
				break
			}
		}
	}
	var rep schema.Report
	// The first title-like paragraph with a year, unless the file's own
	// title names another: portals list other years' reports beside the
	// one shown, sometimes above it.
	hint := strings.Join(strings.Fields(foldString(doc.Title)), "")
	title := -1
	for i, p := range paras {
		if len([]rune(p)) > 60 || !reportRe.MatchString(p) {
			continue
		}
		dated := yearRe.MatchString(p)
		named := dated && hint != "" && strings.Contains(hint, strings.Join(strings.Fields(p), ""))
		switch {
		case named:
			title = i
		case dated && (title < 0 || !yearRe.MatchString(paras[title])):
			title = i
		case title < 0:
			title = i
		}
		if named {
			break
		}
	}
	if title < 0 {
		rep.Year = firstYear(paras)
		return rep
	}
	t := paras[title]
	// A title printed on two lines: the body's name above the year.
	if loc := yearRe.FindStringIndex(t); loc != nil && strings.TrimSpace(t[:loc[0]]) == "" && title > 0 {
		if prev := paras[title-1]; len([]rune(prev)) <= 30 && !strings.ContainsAny(prev, "。，；：") {
			t = prev + t
		}
	}
	rep.Title = strings.Join(strings.Fields(t), "")
	if m := yearRe.FindStringSubmatch(rep.Title); m != nil {
		rep.Year, _ = strconv.Atoi(m[1])
	} else {
		rep.Year = firstYear(paras[title:])
	}
	agency := yearRe.ReplaceAllString(rep.Title, "")
	agency = titleWords.ReplaceAllString(agency, "")
	rep.Agency = strings.Trim(agency, "《》\"“”()（）-—_ ")
	return rep
}

// firstYear is the first year the text names, for titles that name none.
func firstYear(paras []string) int {
	for _, p := range paras {
		if m := yearRe.FindStringSubmatch(p); m != nil {
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
