package normalize

import (
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"github.com/gongkai/gongkai/extract"

	"github.com/gongkai/gongkai/internal/mix"
)

func paras(texts ...string) *extract.Document {
	d := &extract.Document{}
	for _, t := range texts {
		d.Blocks = append(d.Blocks, extract.Block{Para: &extract.Paragraph{Text: t}})
	}
	return d
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name   string
		doc    *extract.Document
		title  string
		agency string
		year   int
	}{
		{"agency then year", paras("淮安市洪泽区人民政府2024年政府信息公开工作年度报告", "一、总体情况"),
			"淮安市洪泽区人民政府2024年政府信息公开工作年度报告", "淮安市洪泽区人民政府", 2024},
		{"year first", paras("2019年上海市人民政府办公厅政府信息公开工作年度报告"),
			"2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019},
		{"spaced, 年度", paras("邢集镇 2024 年度政府信息公开工作年度报告"),
			"邢集镇2024年度政府信息公开工作年度报告", "邢集镇", 2024},
		{"full-width digits", paras("某县２０２３年政府信息公开工作年度报告"),
			"某县2023年政府信息公开工作年度报告", "某县", 2023},
		{"two lines", paras("淮安市人民政府", "2024年政府信息公开工作年度报告", "一、总体情况"),
			"淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", 2024},
		{"portal navigation first", paras("首页", "政府信息公开年报", "平潭综合实验区2019年度政府信息公开工作年度报告", "发布时间：2020-03-01"),
			"平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区", 2019},
		{"a department's 信息公开年度报告", paras("平潭综合实验区地方税务局2013年信息公开年度报告"),
			"平潭综合实验区地方税务局2013年信息公开年度报告", "平潭综合实验区地方税务局", 2013},
		{"关于…的年度报告", paras("某市教育局关于2022年政府信息公开工作的年度报告"),
			"某市教育局关于2022年政府信息公开工作的年度报告", "某市教育局", 2022},
		{"a crawler's capture header", paras("标题： 某县发展和改革局2023年政府信息公开年度报告-某县发改局", "单位： 某县发改局", "来源： http://www.example.gov.cn/a.shtml", "采集时间： 2025-12-30",
			"某县发展和改革局2023年政府信息公开年度报告", "一、总体情况"),
			"某县发展和改革局2023年政府信息公开年度报告", "某县发展和改革局", 2023},
		{"only the capture names it", paras("标题：某县教育局2022年政府信息公开工作年度报告-某县教育局", "一、总体情况"),
			"某县教育局2022年政府信息公开工作年度报告", "某县教育局", 2022},
		{"a title wrapped before 报告, under breadcrumbs", paras("首页>政府信息公开>政府信息公开年报", "示例市交通运输局2020年政府信息公开工作年度", "报告", "一、总体情况"),
			"示例市交通运输局2020年政府信息公开工作年度", "示例市交通运输局", 2020},
		{"no title", paras("关于春节放假的通知", "2024年2月1日"), "", "", 2024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := metadata(tt.doc)
			if rep.Title != tt.title || rep.Agency != tt.agency || rep.Year != tt.year {
				t.Errorf("got %q / %q / %d, want %q / %q / %d", rep.Title, rep.Agency, rep.Year, tt.title, tt.agency, tt.year)
			}
		})
	}
}

func TestSectionHeading(t *testing.T) {
	for text, want := range map[string]bool{
		"二、主动公开政府信息情况":        true,
		"四、政府信息公开行政复议、行政诉讼情况": true,
		"五、存在的主要问题及改进情况":      true,
		"（一）主动公开":             false,
		"1、政策解读方面信息数量不足":      false,
		"- 3 -": false,
		"2024年，邢集镇坚定不移地贯彻落实《条例》": false,
	} {
		if got := isSectionHeading(text); got != want {
			t.Errorf("isSectionHeading(%q) = %v", text, got)
		}
	}
}

// A portal lists other years' reports above the one shown; the page's
// <title> says which it is.
func TestMetadataTitleHint(t *testing.T) {
	doc := paras("相关年报", "某区2022年政府信息公开工作年度报告", "某区2023年政府信息公开工作年度报告", "一、总体情况")
	if rep := metadata(doc); rep.Year != 2022 {
		t.Fatalf("without a hint: year %d, want the first listed, 2022", rep.Year)
	}
	doc.Title = "某区2023年政府信息公开工作年度报告_政府信息公开年报_某区人民政府"
	if rep := metadata(doc); rep.Year != 2023 || rep.Agency != "某区" {
		t.Errorf("with the page title: %q %d, want 某区 2023", rep.Agency, rep.Year)
	}
}

// TestCommonSpelling: a place in a body's name that OCR misread in the
// title takes the spelling the text prints most often; one the text
// prints as the title does, or no more often, stays.
func TestCommonSpelling(t *testing.T) {
	prose := []string{"洪译区人民政府2023年政府信息公开工作年度报告", "2023年，洪泽区人民政府坚持……", "洪泽区政务公开工作", "淮安市洪泽区"}
	for _, tc := range []struct {
		name  string
		paras []string
		want  string
	}{
		{"洪译区人民政府", prose, "洪泽区人民政府"},
		{"淮安市洪译区人民政府", prose, "淮安市洪泽区人民政府"},
		{"洪译区人民政府", prose[:2], "洪译区人民政府"},                          // once is not enough
		{"洪泽区人民政府", append(prose, "洪译区", "洪译区", "洪译区"), "洪泽区人民政府"}, // not twice as often
		{"平潭综合实验区", prose, "平潭综合实验区"},
		{"上海市人民政府办公打", []string{"上海市人民政府办公打2019年…", "上海市人民政府办公厅", "市政府办公厅", "上海市人民政府办公厅"}, "上海市人民政府办公厅"},
		// Printed once in the prose: taken, as it names a body and the
		// title's reading does not; not where both name one.
		{"上海市人民政府办公打", []string{"上海市人民政府办公打2019年…", "上海市人民政府办公厅坚持"}, "上海市人民政府办公厅"},
		{"洪泽区人民政府", []string{"洪泽区人民政府2023年…", "洪译区人民政府坚持"}, "洪泽区人民政府"},
		// One character read as two.
		{"示例有具人民政府", []string{"示例有具人民政府2023年…", "示例县人民政府认真", "示例县人民政府未收取"}, "示例县人民政府"},
		{"示例有具人民政府", []string{"示例有具人民政府2023年…", "示例县人民政府认真"}, "示例有具人民政府"},
		// The name short of its first character is printed wherever the
		// name is: no other spelling.
		{"沭阳县发展和改革局", []string{"沭阳县发展和改革局2023年…", "沐阳县发展和改革局认真"}, "沭阳县发展和改革局"},
	} {
		if got := commonSpelling(tc.name, tc.paras); got != tc.want {
			t.Errorf("commonSpelling(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestTrimSpeck: a character or two OCR read after a title's last words
// (a web page's icon beside it) is cut; a title's own words after them
// are not.
func TestTrimSpeck(t *testing.T) {
	for in, want := range map[string]string{
		"示例市交通运输局2020年政府信息公开工作年度报告握":   "示例市交通运输局2020年政府信息公开工作年度报告",
		"示例市交通运输局2020年政府信息公开工作年度报告 ee": "示例市交通运输局2020年政府信息公开工作年度报告",
		"示例市交通运输局2020年政府信息公开工作年度报告":    "示例市交通运输局2020年政府信息公开工作年度报告",
		"某县2020年政府信息公开工作年度报告（全文）":      "某县2020年政府信息公开工作年度报告（全文）",
		"某县人民政府办公室":                    "某县人民政府办公室",
	} {
		if got := trimSpeck(in); got != want {
			t.Errorf("trimSpeck(%q) = %q, want %q", in, got, want)
		}
	}
}

// The title's patterns were regular expressions; the functions that
// replaced them match as they did, on mixes of their words, digits,
// spaces, lines and broken bytes.
func TestTitlePatternsAsRegexps(t *testing.T) {
	var (
		yearRe     = regexp.MustCompile(`((?:19|20)\d\d)\s*年度?`)
		reportRe   = regexp.MustCompile(`信息公开.{0,6}(年度报告|年报|工作报告)`)
		wrappedRe  = regexp.MustCompile(`信息公开(工作)?(年度)?$`)
		fieldLine  = regexp.MustCompile(`^\s*(标题|题目|名称|单位|发布单位|发布机构|来源|网址|链接|采集时间|抓取时间|发布时间|发布日期|索引号|文号|分类)\s*[:：]\s*(.*)$`)
		titleWords = regexp.MustCompile(`(关于)?(政府)?信息公开(工作)?(情况)?(的)?(年度报告|年报|工作报告|年度)?$`)
	)
	parts := []string{"信息公开", "工作", "年度", "报告", "年报", "年度报告", "工作报告", "关于", "政府", "情况", "的",
		"年", "度", "19", "20", "21", "2021", "1", "9", " ", "\t", "\n", "\r", "\f", "\v", "\u3000",
		"标题", "题目", "名称", "单位", "来源", ":", "：", "某县", "-", "x", "\xff", "\xe4\xbf", "😀"}
	for _, s := range mix.Strings(11, 60000, 9, mix.Pick(parts)) {
		start, end, year := yearAt(s, 0)
		if m := yearRe.FindStringSubmatchIndex(s); m == nil && start >= 0 || m != nil && (m[0] != start || m[1] != end || s[m[2]:m[3]] != strconv.Itoa(year)) {
			t.Fatalf("yearAt(%q) = %d, %d, %d; the pattern: %v", s, start, end, year, m)
		}
		if got, want := withoutYears(s), yearRe.ReplaceAllString(s, ""); got != want {
			t.Fatalf("withoutYears(%q) = %q, want %q", s, got, want)
		}
		var got [][]int
		for start, end := reportAt(s, 0); start >= 0; start, end = reportAt(s, end) {
			got = append(got, []int{start, end})
		}
		if want := reportRe.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("reportAt(%q) finds %v, the pattern %v", s, got, want)
		}
		if namesReport(s) != reportRe.MatchString(s) || wrapped(s) != wrappedRe.MatchString(s) {
			t.Fatalf("%q: namesReport %v, wrapped %v; the patterns say otherwise", s, namesReport(s), wrapped(s))
		}
		value, ok := titleField(s)
		m := fieldLine.FindStringSubmatch(s)
		if want := m != nil && (m[1] == "标题" || m[1] == "题目" || m[1] == "名称"); ok != want || ok && value != m[2] {
			t.Fatalf("titleField(%q) = %q, %v; the pattern: %q", s, value, ok, m)
		}
		if got, want := agencyOf(s), titleWords.ReplaceAllString(s, ""); got != want {
			t.Fatalf("agencyOf(%q) = %q, want %q", s, got, want)
		}
	}
}

// So were the headers of a pre-2019 table's value columns.
func TestPeriodHeadersAsRegexps(t *testing.T) {
	cumulativeHeader := regexp.MustCompile(`历年累计|累计至今|总累计`)
	yearHeader := regexp.MustCompile(`^(本年度|本年|本年累计|本期实际|本期|数量|合计|(19|20)\d\d年度?)$`)
	parts := []string{"本年", "度", "累计", "本期", "实际", "数量", "合计", "历年", "至今", "总", "19", "20", "18", "1", "年", " ", "\n", "\xff"}
	for _, s := range mix.Strings(13, 30000, 5, mix.Pick(parts)) {
		if cumulative(s) != cumulativeHeader.MatchString(s) || yearly(s) != yearHeader.MatchString(s) {
			t.Fatalf("%q: cumulative %v, yearly %v; the patterns say otherwise", s, cumulative(s), yearly(s))
		}
	}
}
