package normalize

import (
	"testing"

	"github.com/gongkai/gongkai/extract"
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
