package normalize

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/internal/mix"
	"github.com/gongkai/gongkai/schema"
)

func values(n schema.Narrative) map[string]float64 {
	out := map[string]float64{}
	for k, s := range n {
		out[k] = s.Value
	}
	return out
}

const (
	district = "淮安市洪泽区人民政府"
	bureau   = "洪泽区教育局"
)

type narrativeCase struct {
	name   string
	agency string
	year   int
	text   []string // paragraphs
	want   map[string]float64
}

// The prose of real reports, and sentences written to look like a figure
// while stating one about something else.
var narrativeCases = []narrativeCase{
	{"洪泽区 2024: the office acts for the government", district, 2024,
		[]string{"2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。"},
		map[string]float64{"applications.new": 17}},
	{"淮安市 2024: received, answered, carried in and out", "淮安市人民政府", 2024,
		[]string{"2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。"},
		map[string]float64{"applications.new": 3119, "applications.concluded": 3050, "applications.carried_in": 34, "applications.carried_out": 103}},
	{"review and litigation totals, not their parts", "淮安市人民政府", 2024,
		[]string{"政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。"},
		map[string]float64{"review.total": 351, "litigation.total": 46}},
	{"numbers before their nouns; the paragraph says 依申请公开", "平潭综合实验区", 2021,
		[]string{"（二）依申请公开方面。我区高度重视依申请公开工作的办理。本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"},
		map[string]float64{"applications.new": 70, "applications.concluded": 69, "applications.carried_out": 1}},
	{"carried over to the next year by its number", "平潭综合实验区", 2025,
		[]string{"2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。"},
		map[string]float64{"applications.new": 154, "applications.concluded": 148, "applications.carried_out": 6, "review.total": 36, "litigation.total": 9}},
	{"received including last year's", district, 2024,
		[]string{"全年受理政府信息公开申请100件（含上年结转5件）。"},
		map[string]float64{"applications.received": 100, "applications.carried_in": 5}},
	{"fees in yuan and 万元", district, 2024,
		[]string{"全年收取政府信息公开信息处理费3940元。", "另收取信息处理费0.5万元。"},
		map[string]float64{}}, // two different amounts: neither is kept
	{"fee in 万元", district, 2024,
		[]string{"全年收取信息处理费0.5万元。"},
		map[string]float64{"fees.processing": 5000}},
	{"no fee, in words", "平潭综合实验区", 2021,
		[]string{"2021年，无收取信息处理费情况。"},
		map[string]float64{"fees.processing": 0}},
	{"no fee, another wording", "邢集镇", 2024,
		[]string{"2024年度，邢集镇没有产生信息公开处理费。"},
		map[string]float64{"fees.processing": 0}},
	{"no review, no lawsuit", "平潭综合实验区", 2015,
		[]string{"2015年我区未收到有关政府信息公开行政复议、提起行政诉讼的申请。"},
		map[string]float64{"review.total": 0, "litigation.total": 0}},
	{"2008–2018 prose: channels of the applications", "某县人民政府", 2012,
		[]string{"2012年，我县共受理政府信息公开申请25件，其中当面申请5件，网上申请18件，信函申请2件。"},
		map[string]float64{"applications.new": 25, "applications.in_person": 5, "applications.online": 18, "applications.letter": 2}},
	{"2008–2018 prose: staff and complaints", "某县人民政府", 2012,
		[]string{"我县共有政府信息公开工作专职人员2名，兼职人员4名。", "全年共收到有关政府信息公开的举报投诉3件。"},
		map[string]float64{"staff.full_time": 2, "staff.part_time": 4, "complaints.total": 3}},
	{"2008–2018 prose: replies by kind", "某县人民政府", 2012,
		[]string{"对依申请公开的答复总数21条，其中同意公开答复数17条，同意部分公开答复数2条，不予公开答复数2条。"},
		map[string]float64{"applications.concluded": 21, "replies.granted": 17, "replies.partially_granted": 2, "replies.denied": 2}},
	{"a training's participants are no staff", "某县人民政府", 2012,
		[]string{"全年举办政府信息公开培训2次，培训人员50名。"},
		map[string]float64{}},
	{"no applications, one request for review", "平潭综合实验区", 2013,
		[]string{"2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。"},
		map[string]float64{"applications.new": 0, "review.total": 1}},
	{"press conferences after a quoted list; interpretations 个", "淮安市人民政府", 2024,
		[]string{"通过文字、图片等形式制作政策解读21个。组织召开了“春节前后服务企业用工专项活动”“建设‘四最’一流营商环境”等新闻发布会12场，努力传递政府声音。"},
		map[string]float64{"active.interpretations": 21, "active.press_conferences": 12}},
	{"Chinese numerals before a unit", district, 2024,
		[]string{"全年召开新闻发布会两场。"},
		map[string]float64{"active.press_conferences": 2}},
	{"published, interpretations after their verb", district, 2024,
		[]string{"2024年，我区在政府网站平台主动发布各类政府信息 2,428 条，公开政府常务会议7期，解读信息发布7条。"},
		map[string]float64{"active.published": 2428, "active.interpretations": 7}},
	{"full-width digits", district, 2024,
		[]string{"全年受理政府信息公开申请１７件。"},
		map[string]float64{"applications.new": 17}},
	{"a bare 诉讼 beside 行政复议", "上海市人民政府办公厅", 2019,
		[]string{"信息公开类行政复议7件，诉讼9件，均获维持。"},
		map[string]float64{"review.total": 7, "litigation.total": 9}},
	{"the office of a city acting for it; a comparison in its own clause", "上海市人民政府办公厅", 2019,
		[]string{"市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件。"},
		map[string]float64{"applications.new": 859, "applications.concluded": 805}},
	{"a sentence cut across two paragraphs (a page break)", district, 2024,
		[]string{"2024年，区政府办代表区政府受理政府信息", "-2-", "公开申请17件，均已在法定期限内予以答复。"},
		map[string]float64{"applications.new": 17}},
	{"another body named, then the body itself opens the clause", "平潭综合实验区", 2022,
		[]string{"平潭综合实验区切实落实国务院办公厅、省政府办公厅关于政务公开工作有关要求，2022年全区共主动公开政府信息14571条。"},
		map[string]float64{"active.published": 14571}},

	// Figures about something else.
	{"of which", district, 2024,
		[]string{"全年受理政府信息公开申请100件，其中自然人申请80件，法人申请20件。"},
		map[string]float64{"applications.new": 100}},
	{"an of-which sentence", district, 2016,
		[]string{"2016年全区主动公开政府信息3460条。其中，区直各部门主动公开政府信息1822条，占53%。各乡镇主动公开政府信息1638条，占47%。"},
		map[string]float64{"active.published": 3460}},
	{"sub-units", district, 2024,
		[]string{"各乡镇共受理政府信息公开申请30件。", "区教育局受理政府信息公开申请12件。", "区直各部门主动公开政府信息300条。",
			"全区各乡镇共受理政府信息公开申请30件。", "区教育局在全区率先受理政府信息公开申请10件。", "区市场监督管理局加大公开力度，全年主动公开政府信息77条。"},
		map[string]float64{}},
	{"the whole county in a bureau's report", bureau, 2024,
		[]string{"全县共受理政府信息公开申请300件。", "全区共受理政府信息公开申请300件。"},
		map[string]float64{}},
	{"the whole city in a district's report", district, 2024,
		[]string{"全市共受理政府信息公开申请3119件。"},
		map[string]float64{}},
	{"a previous year", district, 2024,
		[]string{"2023年，全区受理政府信息公开申请21件。", "上年受理政府信息公开申请30件。", "去年共收到政府信息公开申请12件。"},
		map[string]float64{}},
	{"a plan for next year", district, 2024,
		[]string{"2025年计划召开新闻发布会10场。"},
		map[string]float64{}},
	{"a comparison", district, 2024,
		[]string{"全年受理政府信息公开申请30件，同比增长5件，较上年增加5件。"},
		map[string]float64{"applications.new": 30}},
	{"percentages, dates, people", district, 2024,
		[]string{"政府信息公开申请答复率100%。3月1日起受理政府信息公开申请。申请人15人。"},
		map[string]float64{}},
	{"applications that are not for information", "平潭综合实验区", 2014,
		[]string{"（二）推进行政权力运行信息公开。建立区行政服务中心，开设窗口26个，共受理申请121510件。", "今年我局共受理审批事项117件，办结171件，办结率100%。", "收到群众诉求348件，现场解决162件。"},
		map[string]float64{}},
	{"approximate figures", "淮安市人民政府", 2024,
		[]string{"市政府网站主动公开各类政府信息5500余条。", "全年受理政府信息公开申请约30件。", "主动公开政府信息3000条以上。"},
		map[string]float64{}},
	{"handled: received or concluded?", "平潭综合实验区", 2024,
		[]string{"全年办理政府信息公开申请218件。"},
		map[string]float64{}},
	{"a frame, not a figure", "平潭综合实验区", 2011,
		[]string{"在平潭综合实验区管委会网站主动公开的425条政府信息中，机构职能类信息148条。"},
		map[string]float64{}},
	{"published, but not proactively; no verb for interpretations", "平潭综合实验区", 2012,
		[]string{"通过门户网站公开政府信息3636条。", "全年共编发公报24期，刊登规范性文件45件，政策解读83件。"},
		map[string]float64{}},
	{"parts of reviews; each; civil lawsuits", district, 2024,
		[]string{"因政府信息公开被行政复议纠错2件。", "政府信息公开行政复议、行政诉讼各1件。", "涉及政府信息公开的民事诉讼3件。"},
		map[string]float64{}},
	{"reviews about something else", "洪泽区司法局", 2024,
		[]string{"全年办理行政复议案件300件。"},
		map[string]float64{}},
	{"stated twice, differently", district, 2024,
		[]string{"全年受理政府信息公开申请10件。", "全年共受理政府信息公开申请12件。"},
		map[string]float64{}},
	{"stated twice, alike", district, 2024,
		[]string{"全年受理政府信息公开申请10件。", "全年共受理政府信息公开申请10件，均已答复。"},
		map[string]float64{"applications.new": 10}},
	{"an unknown year cannot be judged", district, 0,
		[]string{"2024年，全区受理政府信息公开申请17件。"},
		map[string]float64{}},
}

func TestNarrative(t *testing.T) {
	for _, tt := range narrativeCases {
		t.Run(tt.name, func(t *testing.T) {
			n := Narrative(paras(tt.text...), schema.Report{Agency: tt.agency, Year: tt.year})
			if got := values(n); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// A reader reads each sentence in memory it used for the one before: every
// sentence of the cases, read one after another, in one order and then in
// the other, finds what it finds read alone.
func TestReaderReusesNothing(t *testing.T) {
	all := []string{ // each after one that leaves a mark on its first clause
		"政府信息公开申请同比增加5件。", "本机关受理政府信息公开申请20件。",
		"本机关受理政府信息公开申请20件。", "本机关未收到政府信息公开申请。",
		"其中，依申请公开5件。", "本机关受理政府信息公开申请20件。",
	}
	for _, tt := range narrativeCases {
		for _, p := range tt.text {
			all = append(all, sentences(p)...)
		}
	}
	alone := make([][]found, len(all))
	for i, s := range all {
		alone[i] = newReader(schema.Report{Agency: district, Year: 2024}).read(s, i%2 == 0)
	}
	shared := newReader(schema.Report{Agency: district, Year: 2024})
	for _, backwards := range []bool{false, true} {
		for k := range all {
			i := k
			if backwards {
				i = len(all) - 1 - k
			}
			if got := shared.read(all[i], i%2 == 0); !reflect.DeepEqual(got, alone[i]) {
				t.Fatalf("%q after others: %v; alone %v", all[i], got, alone[i])
			}
		}
	}
}

// Where a figure came from: its sentence, paragraph and page; table cells
// are not prose.
func TestNarrativeProvenance(t *testing.T) {
	doc := &extract.Document{Format: "pdf", Pages: 2, Blocks: []extract.Block{
		{Para: &extract.Paragraph{Text: "某某区人民政府2024年政府信息公开工作年度报告", Page: 1}},
		{Table: &extract.Table{Index: 1, Rows: [][]extract.Cell{{{Text: "受理政府信息公开申请99件", RowSpan: 1, ColSpan: 1}}}}},
		{Para: &extract.Paragraph{Text: "一、总体情况", Page: 1}},
		{Para: &extract.Paragraph{Text: "（二）依申请公开情况。2024年，全区受理政府信息公开申请 17 件，", Page: 1}},
		{Para: &extract.Paragraph{Text: "均已按期答复。", Page: 2}},
	}}
	n := Narrative(doc, schema.Report{Agency: "某某区人民政府", Year: 2024})
	want := schema.Narrative{"applications.new": {Value: 17, Sentence: "2024年，全区受理政府信息公开申请 17 件，均已按期答复。", Paragraph: 3, Page: 1}}
	if !reflect.DeepEqual(n, want) {
		t.Errorf("got %+v\nwant %+v", n, want)
	}
}

// FuzzNarrative feeds the reader arbitrary prose: it never panics, and
// what it returns is well formed.
func FuzzNarrative(f *testing.F) {
	for _, c := range narrativeCases {
		f.Add(strings.Join(c.text, "\n"), c.year)
	}
	seeds, _ := filepath.Glob("testdata/*.txt")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), 2024)
	}
	f.Fuzz(func(t *testing.T, text string, year int) {
		n := Narrative(paras(strings.Split(text, "\n")...), schema.Report{Agency: district, Year: year})
		for k, s := range n {
			if !schema.IsNarrativeKey(k) {
				t.Errorf("key %q is not in the vocabulary", k)
			}
			if s.Paragraph < 1 || strings.TrimSpace(s.Sentence) == "" || s.Value < 0 || math.IsInf(s.Value, 0) || math.IsNaN(s.Value) {
				t.Errorf("%s: %+v", k, s)
			}
		}
	})
}

func BenchmarkNarrative(b *testing.B) {
	doc := read(b, "testdata/narrative-traps.txt")
	rep := schema.Report{Agency: district, Year: 2024}
	for b.Loop() {
		Narrative(doc, rep)
	}
}

// lex joins numbers, reads Chinese numerals before units and names years
// by their distance from the report's.
func TestLex(t *testing.T) {
	tests := []struct{ in, want string }{
		{"主动公开政府信息1,136条", "主动公开|政府信息|#1136|条"},
		{"收取信息处理费０．５万元", "收取|信息处理费|#0.5|万元"},
		{"召开新闻发布会两场", "召开|新闻发布会|#2|场"},
		{"第二十条第（一）项", "第|二|十|条|第|(|一|)|项"},
		{"2024年度，2023年结转，上年度结转2件", "本年度|,|上年结转|,|上年结转|#2|件"},
		{"2025年计划；2019年", "下年度|计划|;|他年"},
		{"《2023年工作要点》“各乡镇”", `《|》|"|"`},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range lex(tt.in, 2024) {
			if tk.num {
				got = append(got, "#"+strconv.FormatFloat(tk.value, 'f', -1, 64))
			} else {
				got = append(got, tk.text)
			}
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("lex(%s) = %s, want %s", tt.in, g, tt.want)
		}
	}
}

// The shortcuts the prose reader takes hold for every character: only 依
// folds to 依, isNumeralRune is chineseNumerals, blank is TrimSpace's
// empty, and the sorted suffix starts are those of orgSuffixes.
func TestProseShortcuts(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r != '依' && strings.Contains(foldNarrative(string(r)), "依") {
			t.Errorf("%U folds to 依", r)
		}
		if isNumeralRune(r) != strings.ContainsRune(chineseNumerals, r) {
			t.Errorf("isNumeralRune(%q) = %v", r, isNumeralRune(r))
		}
		if w := string(r) + " \u3000"; blank(w) != (strings.TrimSpace(w) == "") {
			t.Errorf("blank(%q) = %v", w, blank(w))
		}
		_, starts := slices.BinarySearch(orgSuffixStarts, r)
		if want := slices.ContainsFunc(orgSuffixes, func(s string) bool { return strings.HasPrefix(s, string(r)) }); starts != want {
			t.Errorf("%q starts a suffix: %v, want %v", r, starts, want)
		}
	}
	for _, w := range []string{"", " ", "\t\n", "\u3000", "\u00a0", "\u2028", "a", " a ", "\xff", "二十", "二十件", "件"} {
		if blank(w) != (strings.TrimSpace(w) == "") {
			t.Errorf("blank(%q) = %v", w, blank(w))
		}
		if got, want := isChineseNumeral(w), w != "" && strings.Trim(w, chineseNumerals) == ""; got != want {
			t.Errorf("isChineseNumeral(%q) = %v", w, got)
		}
	}
	// hideQuoted leaves a sentence with no quote as it is; folded, it is
	// what the rune-by-rune rewrite it was gives, invalid UTF-8 too.
	byRunes := func(s string) string {
		var b strings.Builder
		rs := []rune(s)
		for i := 0; i < len(rs); i++ {
			closing, mark := map[rune]rune{'《': '》', '“': '”', '「': '」'}[rs[i]], map[rune]string{'《': titleMark, '“': quoteMark, '「': quoteMark}[rs[i]]
			if j := slices.Index(rs[i+1:], closing); closing != 0 && j >= 0 {
				b.WriteString(mark)
				i += j + 1
				continue
			}
			b.WriteRune(rs[i])
		}
		return b.String()
	}
	for _, s := range []string{"依申请公开", "無《依申请》", "\xff依\xe4\xb8", "《未闭合", "“引号”与「括号」和《书名》", "没有引号", "「\xff」\xff《", "只有「括号」"} {
		if got, want := foldNarrative(hideQuoted(s)), foldNarrative(byRunes(s)); got != want {
			t.Errorf("hideQuoted(%q) folded: %q, want %q", s, got, want)
		}
	}
}

// sentences cuts where a rune-by-rune reading cuts, whatever the bytes
// around the marks: lead bytes of the marks cut short, invalid UTF-8.
func TestSentencesAsRunes(t *testing.T) {
	byRunes := func(text string) []string {
		var out []string
		start := 0
		for i, r := range text {
			switch r {
			case '。', '！', '？', '!', '?':
				end := i + utf8.RuneLen(r)
				out = append(out, text[start:end])
				start = end
			}
		}
		if strings.TrimSpace(text[start:]) != "" {
			out = append(out, text[start:])
		}
		return out
	}
	parts := []string{"。", "！", "？", "!", "?", "\xe3", "\xe3\x80", "\xef", "\xef\xbc", "\x82", "\x81", "\x9f", "\xbc", "报告", "申请", "a", " ", "\u3000", "，"}
	for _, s := range mix.Strings(3, 30000, 8, mix.Pick(parts)) {
		if got, want := sentences(s), byRunes(s); !slices.Equal(got, want) {
			t.Fatalf("sentences(%q) = %q, want %q", s, got, want)
		}
	}
}
