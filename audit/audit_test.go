package audit

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// full is a record of the 2021 template with every cell printed.
func full(path, agency string, year int, t schema.Template) schema.Record {
	v := schema.Values{}
	for _, f := range schema.Fields() {
		if f.In(t) && f.Printed(schema.Items) {
			v[f.Key] = 0
		}
	}
	return schema.Record{
		SchemaVersion: schema.Version, Status: schema.StatusOK,
		Source: schema.Source{Path: path},
		Report: schema.Report{Agency: agency, Year: year, Template: t},
		Values: v,
	}
}

var goodText = []string{
	"一、总体情况",
	"2024年，本区坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实政府信息公开条例。",
	"全年主动公开政府信息1234条，其中规范性文件12件，政策解读文章34篇。",
	"依申请公开办理规范有序，全部在法定期限内答复申请人。",
	"二、主动公开政府信息情况", "",
	"三、收到和处理政府信息公开申请情况", "",
	"四、政府信息公开行政复议、行政诉讼情况", "",
	"五、存在的主要问题及改进情况",
	"存在的问题主要是公开内容的深度和广度还需进一步拓展。",
	"下一步将加强培训，提升工作人员的业务能力和服务水平。",
	"六、其他需要报告的事项",
	"本年度未收取信息处理费。",
}

func TestRules(t *testing.T) {
	type doc struct {
		rec  schema.Record
		text []string
	}
	lastYear := []string{
		"一、总体情况",
		"2023年，本区坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实政府信息公开条例。",
		"全年主动公开政府信息987条，其中规范性文件10件，政策解读文章30篇。",
		"依申请公开办理规范有序，全部在法定期限内答复申请人。",
		"五、存在的主要问题及改进情况",
		"存在的问题主要是公开内容的深度和广度还需进一步拓展。",
		"下一步将加强培训，提升工作人员的业务能力和服务水平。",
	}
	other := []string{
		"一、总体情况",
		"2023年，本区围绕优化营商环境深化政务公开，重点领域信息公开专栏全面上线。",
		"建成政策文件库，集中发布现行有效的规范性文件，便于企业群众查询。",
		"全区各单位按照统一标准完成政务公开目录的梳理工作。",
		"五、存在的主要问题及改进情况",
		"基层政务公开标准化规范化水平有待提升，部分栏目更新不够及时。",
		"今后将完善考核机制，定期通报检查结果，推动各单位按时更新。",
	}
	with := func(rec schema.Record, f func(*schema.Record)) schema.Record {
		rec.Values = maps.Clone(rec.Values)
		f(&rec)
		return rec
	}
	base := full("b.pdf", "洪泽区人民政府", 2024, schema.Template2021)
	tests := []struct {
		name string
		docs []doc
		want []string // rules found in the last document
	}{
		{"clean", []doc{{base, goodText}}, nil},
		{"no text: text rules skipped", []doc{{base, nil}}, nil},
		{"section missing", []doc{{base, slices.Delete(slices.Clone(goodText), 10, 13)}}, []string{RuleSections}},
		{"sections out of order", []doc{{base, append(slices.Clone(goodText[10:]), goodText[:10]...)}}, []string{RuleSections}},
		{"section misnumbered", []doc{{base, append(slices.Clone(goodText[:13]), "五、其他需要报告的事项")}}, []string{RuleSections}},
		{"row labels printed as headings are not sections", []doc{{base, append(slices.Clone(goodText[:7]), append([]string{"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"}, goodText[7:]...)...)}}, nil},
		{"table missing", []doc{{with(base, func(r *schema.Record) {
			r.Problems = []schema.Problem{{Kind: schema.ProblemMissingTable, Key: string(schema.TableReview), Message: "table 四 not found"}}
			for _, f := range schema.TableReview.Fields() {
				delete(r.Values, f.Key)
			}
		}), goodText}}, []string{RuleTable}},
		{"2019 format in 2021", []doc{{full("c.pdf", "洪泽区人民政府", 2022, schema.Template2019), nil}}, []string{RuleEra}},
		{"2021 format in 2020", []doc{{with(base, func(r *schema.Record) { r.Report.Year = 2020 }), nil}}, []string{RuleEra}},
		{"2019 format in 2020", []doc{{full("c.pdf", "洪泽区人民政府", 2020, schema.Template2019), nil}}, nil},
		{"blank cells", []doc{{with(base, func(r *schema.Record) { delete(r.Values, "review.total"); delete(r.Values, "review.upheld") }), nil}}, []string{RuleBlank}},
		{"fees contradict", []doc{{base, append(slices.Clone(goodText), "全年共收取信息处理费200元。")}}, []string{RuleFees}},
		{"fees contradict the prose figure", []doc{{with(base, func(r *schema.Record) {
			r.Narrative = map[string]schema.Statement{"fees.processing": {Value: 50, Sentence: "收取信息处理费50元。"}}
		}), goodText}}, []string{RuleFees}},
		{"copied from last year", []doc{{full("a.pdf", "洪泽区人民政府", 2023, schema.Template2021), lastYear}, {base, goodText}}, []string{RuleCopied}},
		{"not copied", []doc{{full("a.pdf", "洪泽区人民政府", 2023, schema.Template2021), other}, {base, goodText}}, nil},
		{"another body's text is no copy", []doc{{full("a.pdf", "盱眙县人民政府", 2023, schema.Template2021), lastYear}, {base, goodText}}, nil},
		{"prose contradicts the table", []doc{{with(base, func(r *schema.Record) {
			r.NarrativeChecks = []schema.Check{{Rule: "narrative.applications.new", Message: "the prose states 17, but applications.new.total = 95"}}
		}), nil}}, []string{RuleNarrative}},
		{"late", []doc{{with(base, func(r *schema.Record) { r.Source.Published = "2025-04-01" }), nil}}, []string{RuleLate}},
		{"on time", []doc{{with(base, func(r *schema.Record) { r.Source.Published = "2025-03-31" }), nil}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []schema.Record
			texts := map[string][]string{}
			for _, d := range tt.docs {
				recs = append(recs, d.rec)
				texts[d.rec.Source.Path] = d.text
			}
			text := func(r schema.Record) ([]string, bool) {
				ps := texts[r.Source.Path]
				return ps, ps != nil
			}
			last := recs[len(recs)-1].Source.Path
			var got []string
			all, _ := series.Link(recs)
			for _, f := range Run(all, text) {
				if f.Sources[len(f.Sources)-1] == last {
					got = append(got, f.Rule)
					if !strings.HasPrefix(f.Rule, "audit.") || f.Message == "" {
						t.Errorf("finding %+v", f)
					}
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rules %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	got := sentences("一是做好公开。二是加强解读；三是回应关切！其他")
	want := []string{"一是做好公开。", "二是加强解读；", "三是回应关切！", "其他"}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if fingerprint("2024年，共10件。") != fingerprint("2023年，共９件。") {
		t.Error("fingerprints differ by digits")
	}
}
