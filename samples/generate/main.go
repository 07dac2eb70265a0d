// Command generate writes the sample reports in samples/reports: made-up
// bodies and figures rendered into the template as HTML (UTF-8 and GBK,
// plain and Word-exported) and as text copied from a page. Run it from the
// repository root: go run ./samples/generate (make samples).
package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// report is one made-up report.
type report struct {
	file, agency string
	year         int
	format       string // "2021" or "2019"
	style        string // "html", "word" (Word-exported HTML), "gbk" (GBK HTML), "txt"
	seed         int64
	breakReview  bool // print a wrong 行政复议 总计, as real reports sometimes do
	typos        bool // the document's own typos and letter-spaced labels
}

var reports = []report{
	{file: "sample-county-2023.html", agency: "示例县人民政府", year: 2023, format: "2021", style: "word", seed: 1, typos: true},
	{file: "sample-bureau-2020.html", agency: "示例市交通运输局", year: 2020, format: "2019", style: "gbk", seed: 2},
	{file: "sample-town-2024.txt", agency: "示范镇人民政府", year: 2024, format: "2021", style: "txt", seed: 3},
	{file: "sample-district-2022.html", agency: "示例市新区管理委员会", year: 2022, format: "2021", style: "html", seed: 4, breakReview: true},
}

func main() {
	for _, r := range reports {
		var b bytes.Buffer
		render(&b, r)
		out := b.Bytes()
		if r.style == "gbk" {
			var err error
			if out, err = simplifiedchinese.GBK.NewEncoder().Bytes(out); err != nil {
				panic(err)
			}
		}
		if err := os.WriteFile(filepath.Join("samples", "reports", r.file), out, 0o644); err != nil {
			panic(err)
		}
		fmt.Println("wrote samples/reports/" + r.file)
	}
}

// Table 三's rows: label, group label, and how many items the group has.
type appRow struct{ group, label string }

func appRows(format string) []appRow {
	rows := []appRow{
		{"", "（一）予以公开"}, {"", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
		{"（三）不予公开", "1.属于国家秘密"}, {"（三）不予公开", "2.其他法律行政法规禁止公开"},
		{"（三）不予公开", "3.危及“三安全一稳定”"}, {"（三）不予公开", "4.保护第三方合法权益"},
		{"（三）不予公开", "5.属于三类内部事务信息"}, {"（三）不予公开", "6.属于四类过程性信息"},
		{"（三）不予公开", "7.属于行政执法案卷"}, {"（三）不予公开", "8.属于行政查询事项"},
		{"（四）无法提供", "1.本机关不掌握相关政府信息"}, {"（四）无法提供", "2.没有现成信息需要另行制作"},
		{"（四）无法提供", "3.补正后申请内容仍不明确"},
		{"（五）不予处理", "1.信访举报投诉类申请"}, {"（五）不予处理", "2.重复申请"},
		{"（五）不予处理", "3.要求提供公开出版物"}, {"（五）不予处理", "4.无正当理由大量反复申请"},
		{"（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"},
	}
	if format == "2019" {
		return append(rows, appRow{"", "（六）其他处理"})
	}
	return append(rows,
		appRow{"（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
		appRow{"（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
		appRow{"（六）其他处理", "3.其他"})
}

// figures makes internally consistent numbers: outcome rows, their totals,
// and new/carried rows that balance.
type figures struct {
	outcomes [][7]int
	total    [7]int
	newApps  [7]int
	carried  [7]int
	out      [7]int
	review   [15]int
}

func makeFigures(r report, nrows int) figures {
	rng := rand.New(rand.NewSource(r.seed))
	var f figures
	weights := []int{30, 4, 2, 1, 1, 1}
	for i := 0; i < nrows; i++ {
		var row [7]int
		for c := 0; c < 6; c++ {
			if rng.Intn(3) == 0 {
				row[c] = rng.Intn(weights[c] + 1)
			}
			row[6] += row[c]
		}
		f.outcomes = append(f.outcomes, row)
		for c := range row {
			f.total[c] += row[c]
		}
	}
	for c := 0; c < 6; c++ {
		f.carried[c] = rng.Intn(2)
		f.out[c] = rng.Intn(2)
		f.newApps[c] = f.total[c] + f.out[c] - f.carried[c]
		if f.newApps[c] < 0 { // keep counts non-negative
			f.out[c] -= f.newApps[c]
			f.newApps[c] = 0
		}
		f.carried[6] += f.carried[c]
		f.out[6] += f.out[c]
		f.newApps[6] += f.newApps[c]
	}
	for g := 0; g < 3; g++ {
		sum := 0
		for c := 0; c < 4; c++ {
			f.review[g*5+c] = rng.Intn(4)
			sum += f.review[g*5+c]
		}
		f.review[g*5+4] = sum
	}
	if r.breakReview {
		f.review[4]-- // 总计 one short of its parts
	}
	return f
}

func render(b *bytes.Buffer, r report) {
	rows := appRows(r.format)
	f := makeFigures(r, len(rows))
	title := fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.agency, r.year)
	t := &doc{b: b, style: r.style}
	t.begin(title)
	t.heading("一、总体情况")
	t.para(fmt.Sprintf("%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请%d件，办结%d件，结转下年度继续办理%d件。", r.year, r.agency, f.newApps[6], f.total[6], f.out[6]))
	t.para("本报告中所列数据的统计期限自1月1日起至12月31日止。本报告为示例，单位和数字均为虚构。")
	t.heading("二、主动公开政府信息情况")
	active(t, r, rand.New(rand.NewSource(r.seed+100)))
	t.heading("三、收到和处理政府信息公开申请情况")
	applications(t, r, rows, f)
	t.heading("四、政府信息公开行政复议、行政诉讼情况")
	review(t, f)
	t.heading("五、存在的主要问题及改进情况")
	t.para("政策解读的形式还不够丰富。下一步将加强解读，提升公开质量。")
	t.heading("六、其他需要报告的事项")
	t.para(fmt.Sprintf("%d年度，%s未收取信息处理费。", r.year, r.agency))
	t.end()
}

func active(t *doc, r report, rng *rand.Rand) {
	n := func(max int) string { return fmt.Sprint(rng.Intn(max)) }
	t.tableStart()
	if r.format == "2021" {
		repealed := "本年废止件数"
		if r.typos {
			repealed = "本年度止件数" // as printed by some reports
		}
		t.row(cell{text: "第二十条第（一）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "本年制发件数"}, cell{text: repealed}, cell{text: "现行有效件数"})
		t.row(cell{text: "规章"}, cell{text: n(3)}, cell{text: n(2)}, cell{text: n(20)})
		t.row(cell{text: "行政规范性文件"}, cell{text: n(30)}, cell{text: n(10)}, cell{text: n(200)})
		t.row(cell{text: "第二十条第（五）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "本年处理决定数量", cols: 3})
		t.row(cell{text: "行政许可"}, cell{text: fmt.Sprintf("%d", 1000+rng.Intn(20000)), cols: 3})
		t.row(cell{text: "第二十条第（六）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "本年处理决定数量", cols: 3})
		t.row(cell{text: "行政处罚"}, cell{text: n(5000), cols: 3})
		t.row(cell{text: "行政强制"}, cell{text: n(300), cols: 3})
		t.row(cell{text: "第二十条第（八）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "本年收费金额（单位：万元）", cols: 3})
		t.row(cell{text: "行政事业性收费"}, cell{text: fmt.Sprintf("%d.%02d", rng.Intn(9000), rng.Intn(100)), cols: 3})
	} else {
		t.row(cell{text: "第二十条第（一）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "本年新制作数量"}, cell{text: "本年新公开数量"}, cell{text: "对外公开总数量"})
		t.row(cell{text: "规章"}, cell{text: "0"}, cell{text: "0"}, cell{text: "0"})
		t.row(cell{text: "规范性文件"}, cell{text: n(20)}, cell{text: n(20)}, cell{text: n(100)})
		t.row(cell{text: "第二十条第（五）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "上一年项目数量"}, cell{text: "本年增/减"}, cell{text: "处理决定数量"})
		t.row(cell{text: "行政许可"}, cell{text: n(100)}, cell{text: "-3"}, cell{text: n(900)})
		t.row(cell{text: "其他对外管理服务事项"}, cell{text: n(20)}, cell{text: "0"}, cell{text: n(50)})
		t.row(cell{text: "第二十条第（六）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "上一年项目数量"}, cell{text: "本年增/减"}, cell{text: "处理决定数量"})
		t.row(cell{text: "行政处罚"}, cell{text: n(600)}, cell{text: "+12"}, cell{text: "1,204"})
		t.row(cell{text: "行政强制"}, cell{text: n(30)}, cell{text: "—"}, cell{text: n(40)})
		t.row(cell{text: "第二十条第（八）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "上一年项目数量"}, cell{text: "本年增/减", cols: 2})
		t.row(cell{text: "行政事业性收费"}, cell{text: n(10)}, cell{text: "-1", cols: 2})
		t.row(cell{text: "第二十条第（九）项", cols: 4})
		t.row(cell{text: "信息内容"}, cell{text: "采购项目数量"}, cell{text: "采购总金额", cols: 2})
		t.row(cell{text: "政府集中采购"}, cell{text: n(40)}, cell{text: fmt.Sprintf("%d.%02d元", 100000+rng.Intn(9000000), rng.Intn(100)), cols: 2})
	}
	t.tableEnd()
}

func applications(t *doc, r report, rows []appRow, f figures) {
	nums := func(v [7]int) []cell {
		var cs []cell
		for _, n := range v {
			cs = append(cs, cell{text: fmt.Sprint(n)})
		}
		return cs
	}
	t.tableStart()
	t.row(cell{text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", cols: 3, rows: 3}, cell{text: "申请人情况", cols: 7})
	t.row(cell{text: "自然人", rows: 2}, cell{text: "法人或其他组织", cols: 5}, cell{text: "总计", rows: 2})
	t.row(cell{text: "商业企业"}, cell{text: "科研机构"}, cell{text: "社会公益组织"}, cell{text: "法律服务机构"}, cell{text: "其他"})
	t.row(append([]cell{{text: "一、本年新收政府信息公开申请数量", cols: 3}}, nums(f.newApps)...)...)
	t.row(append([]cell{{text: "二、上年结转政府信息公开申请数量", cols: 3}}, nums(f.carried)...)...)
	results := "三、本年度办理结果"
	if r.typos {
		results = "三 、本 年 度办 理 结果" // a vertical label, letter-spaced
	}
	for i, row := range rows {
		var lead []cell
		if i == 0 {
			lead = append(lead, cell{text: results, rows: len(rows) + 1})
		}
		label := row.label
		if r.typos && strings.HasPrefix(label, "2.其他法律") {
			label = "2.其他法律行政止公开" // as printed by some reports
		}
		switch {
		case row.group == "":
			lead = append(lead, cell{text: label, cols: 2})
		case i == 0 || rows[i-1].group != row.group:
			span := 0
			for _, o := range rows {
				if o.group == row.group {
					span++
				}
			}
			lead = append(lead, cell{text: row.group, rows: span}, cell{text: label})
		default:
			lead = append(lead, cell{text: label})
		}
		t.row(append(lead, nums(f.outcomes[i])...)...)
	}
	t.row(append([]cell{{text: "（七）总计", cols: 2}}, nums(f.total)...)...)
	t.row(append([]cell{{text: "四、结转下年度继续办理", cols: 3}}, nums(f.out)...)...)
	t.tableEnd()
}

func review(t *doc, f figures) {
	t.tableStart()
	t.row(cell{text: "行政复议", cols: 5}, cell{text: "行政诉讼", cols: 10})
	heads := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	var second []cell
	for _, h := range heads {
		second = append(second, cell{text: h, rows: 2})
	}
	t.row(append(second, cell{text: "未经复议直接起诉", cols: 5}, cell{text: "复议后起诉", cols: 5})...)
	var third []cell
	for i := 0; i < 2; i++ {
		for _, h := range heads {
			third = append(third, cell{text: h})
		}
	}
	t.row(third...)
	var vals []cell
	for _, n := range f.review {
		vals = append(vals, cell{text: fmt.Sprint(n)})
	}
	t.row(vals...)
	t.tableEnd()
}

// doc renders in one of the styles.
type doc struct {
	b     *bytes.Buffer
	style string
}

type cell struct {
	text       string
	rows, cols int
}

func (d *doc) begin(title string) {
	switch d.style {
	case "txt":
		fmt.Fprintf(d.b, "%s\n\n", title)
	case "gbk":
		fmt.Fprintf(d.b, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>%s</title></head><body>\n<div class=\"nav\">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>\n<h1>%s</h1>\n", title, title)
	case "word":
		fmt.Fprintf(d.b, "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\"><title>%s</title><style>p.MsoNormal{mso-style-parent:\"\";margin:0cm}</style></head><body lang=ZH-CN>\n<div class=WordSection1><p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:18.0pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>%s<o:p></o:p></span></b></p>\n", title, title)
	default:
		fmt.Fprintf(d.b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>\n<h1>%s</h1>\n", title, title)
	}
}

func (d *doc) heading(s string) {
	switch d.style {
	case "txt":
		fmt.Fprintf(d.b, "%s\n\n", s)
	case "word":
		fmt.Fprintf(d.b, "<p class=MsoNormal><b><span style='font-family:黑体'>%s</span></b><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n", s)
	default:
		fmt.Fprintf(d.b, "<h2>%s</h2>\n", s)
	}
}

func (d *doc) para(s string) {
	switch d.style {
	case "txt":
		fmt.Fprintf(d.b, "%s\n\n", s)
	case "word":
		fmt.Fprintf(d.b, "<p class=MsoNormal style='text-indent:24.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312'>%s</span><span lang=EN-US><o:p></o:p></span></p>\n", s)
	default:
		fmt.Fprintf(d.b, "<p>%s</p>\n", s)
	}
}

func (d *doc) tableStart() {
	if d.style != "txt" {
		d.b.WriteString("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\">\n")
	}
}

func (d *doc) tableEnd() {
	if d.style == "txt" {
		d.b.WriteString("\n")
	} else {
		d.b.WriteString("</table>\n")
	}
}

// row writes one table row. Text copies keep one field per printed cell,
// padded with empty fields for column spans, as browsers copy them.
func (d *doc) row(cells ...cell) {
	if d.style == "txt" {
		var fs []string
		for _, c := range cells {
			fs = append(fs, c.text)
			for i := 1; i < c.cols; i++ {
				fs = append(fs, "")
			}
		}
		fmt.Fprintf(d.b, "%s\n", strings.Join(fs, "\t"))
		return
	}
	d.b.WriteString("<tr>")
	for _, c := range cells {
		attrs := ""
		if c.rows > 1 {
			attrs += fmt.Sprintf(" rowspan=\"%d\"", c.rows)
		}
		if c.cols > 1 {
			attrs += fmt.Sprintf(" colspan=\"%d\"", c.cols)
		}
		text := c.text
		if d.style == "word" {
			text = fmt.Sprintf("<p class=MsoNormal align=center><span style='font-size:10.5pt;font-family:仿宋_GB2312'>%s<span lang=EN-US><o:p></o:p></span></span></p>", text)
		}
		fmt.Fprintf(d.b, "<td%s>%s</td>", attrs, text)
	}
	d.b.WriteString("</tr>\n")
}

func (d *doc) end() {
	if d.style != "txt" {
		d.b.WriteString("</body></html>\n")
	}
}
