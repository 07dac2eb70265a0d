package series

import (
	"github.com/gongkai/gongkai/internal/golden"

	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/schema"

	"github.com/gongkai/gongkai/internal/mix"
)

// The -update flag comes with internal/golden.
var _ = golden.Update

// report makes a record of a made-up report whose table 三 carries in and
// out the given totals (all in the natural-person column) and satisfies
// its own identities.
func report(path, agency string, year int, carriedIn, carriedOut float64) schema.Record {
	v := schema.Values{}
	for _, col := range schema.ApplicantColumns {
		for _, row := range []string{"new", "carried_in", "total", "carried_out"} {
			v["applications."+row+"."+col] = 0
		}
	}
	set := func(row string, n float64) {
		v["applications."+row+".natural_person"] = n
		v["applications."+row+".total"] = n
	}
	set("new", 20)
	set("carried_in", carriedIn)
	set("carried_out", carriedOut)
	set("total", 20+carriedIn-carriedOut)
	v["review.total"] = 2
	return schema.Record{
		SchemaVersion: schema.Version, Status: schema.StatusOK,
		Source: schema.Source{Path: path, SHA256: path},
		Report: schema.Report{Agency: agency, Year: year, Template: schema.Template2021},
		Values: v, Checks: schema.Evaluate(v),
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct{ name, key string }{
		{"淮安市洪泽区人民政府", "淮安市洪泽区"},
		{"洪泽区 人民政府", "洪泽区"},
		{"洪泽区政府", "洪泽区"},
		{"平潭综合实验区管委会", "平潭综合实验区"},
		{"平潭综合实验区党工委管委会", "平潭综合实验区"},
		{"示例市新区管理委员会", "示例市新区"},
		{"洪泽区人民政府办公室", "洪泽区政府办公室"},
		{"洪泽区教育局", "洪泽区教育局"},
		{"上海市人民政府办公厅", "上海市政府办公厅"},
	}
	for _, tt := range tests {
		if got := nameKey(tt.name); got != tt.key {
			t.Errorf("nameKey(%s) = %s, want %s", tt.name, got, tt.key)
		}
	}
}

func TestLinkNames(t *testing.T) {
	tests := []struct {
		name   string
		names  []string
		groups string // the bodies, names joined by + and bodies by |
	}{
		{"a city prefix", []string{"洪泽区人民政府", "淮安市洪泽区人民政府"}, "洪泽区人民政府+淮安市洪泽区人民政府"},
		{"province and city", []string{"洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府"}, "洪泽区人民政府+江苏省淮安市洪泽区人民政府+淮安市洪泽区人民政府"},
		{"a government and its bureau", []string{"洪泽区人民政府", "洪泽区教育局"}, "洪泽区人民政府|洪泽区教育局"},
		{"a bureau under two names", []string{"洪泽区教育局", "淮安市洪泽区教育局"}, "洪泽区教育局+淮安市洪泽区教育局"},
		{"a government and its office", []string{"洪泽区人民政府", "洪泽区人民政府办公室"}, "洪泽区人民政府|洪泽区人民政府办公室"},
		{"two districts of one city", []string{"淮安市人民政府", "淮安市洪泽区人民政府"}, "淮安市人民政府|淮安市洪泽区人民政府"},
		{"a bare department could be anyone's", []string{"教育局", "淮安市教育局"}, "教育局|淮安市教育局"},
		{"a town under two counties is ambiguous", []string{"岔河镇人民政府", "洪泽区岔河镇人民政府", "盱眙县岔河镇人民政府"}, "岔河镇人民政府|洪泽区岔河镇人民政府|盱眙县岔河镇人民政府"},
		{"人民政府 and 管委会 dropped", []string{"平潭综合实验区", "平潭综合实验区管委会"}, "平潭综合实验区+平潭综合实验区管委会"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recs []schema.Record
			for i, n := range tt.names {
				recs = append(recs, report(fmt.Sprint(i), n, 2020+i, 0, 0))
			}
			all, _ := Link(recs)
			var bodies []string
			for _, s := range all {
				var names []string
				for _, r := range s.Records {
					names = append(names, r.Report.Agency)
				}
				bodies = append(bodies, strings.Join(names, "+"))
			}
			slices.Sort(bodies)
			if got := strings.Join(bodies, "|"); got != tt.groups {
				t.Errorf("got %s\nwant %s", got, tt.groups)
			}
		})
	}
}

// A made-up collection: three years of one body, one of them under its
// longer name, with one broken carry-over; another body with a missing
// year; a bureau of the first body's district, which must stay apart; a
// duplicate; a jump; a report whose prose and tables disagree; an
// unreadable file.
func collection() []schema.Record {
	a21 := report("a/2021.html", "洪泽区人民政府", 2021, 0, 3)
	a22 := report("a/2022.pdf", "淮安市洪泽区人民政府", 2022, 3, 2) // takes over 2021's 3
	a23 := report("a/2023.pdf", "洪泽区人民政府", 2023, 1, 0)    // but 2022 carried 2
	a23.Narrative = schema.Narrative{"applications.new": {Value: 17, Sentence: "受理政府信息公开申请17件。", Paragraph: 6}}
	a23.Checks = append(a23.Checks, schema.EvaluateNarrative(a23.Narrative, a23.Values)...)

	b20 := report("b/2020.html", "示例县人民政府", 2020, 0, 0)
	b22 := report("b/2022.html", "示例县政府", 2022, 0, 0)
	b22.Values["active.licensing.decisions"] = 6000
	b23 := report("b/2023.html", "示例县人民政府", 2023, 0, 0)
	b23.Values["active.licensing.decisions"] = 60 // ×100 down: a unit or a typo
	b23dup := b23
	b23dup.Source.Path = "b/2023-copy.html"

	c21 := report("c/2021.html", "洪泽区教育局", 2021, 0, 5)
	c22 := report("c/2022.html", "洪泽区教育局", 2022, 5, 0)
	c21.Values["active.punishment.decisions"], c22.Values["active.punishment.decisions"] = 0, 3 // no jump
	c21.Values["review.total"], c22.Values["review.total"] = 99, 2                              // no jump either

	bad := schema.Record{SchemaVersion: schema.Version, Status: schema.StatusError, Source: schema.Source{Path: "d/x.pdf"}, Error: "pdf: encrypted"}
	return []schema.Record{a23, b20, c22, a21, b22, bad, a22, b23dup, c21, b23}
}

func TestCheck(t *testing.T) {
	var got []string
	for _, f := range Check(collection()) {
		if f.Message == "" {
			t.Errorf("%s: no message", f.Rule)
		}
		got = append(got, fmt.Sprintf("%s %v %s %s", f.Body, f.Years, f.Severity, f.Rule))
	}
	want := []string{
		" [] warning unreadable", // no body: nothing was read
		"淮安市洪泽区人民政府 [2022 2023] fail carryover:natural_person",
		"淮安市洪泽区人民政府 [2022 2023] fail carryover:total",
		"淮安市洪泽区人民政府 [2023] fail narrative.applications.new",
		"示例县人民政府 [2021] warning missing_year",
		"示例县人民政府 [2022 2023] warning jump:active.licensing.decisions",
		"示例县人民政府 [2023] warning duplicate",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Input order does not change the findings.
func TestCheckOrder(t *testing.T) {
	recs := collection()
	want := Check(recs)
	slices.Reverse(recs)
	if got := Check(recs); !reflect.DeepEqual(got, want) {
		t.Error("findings depend on the order of the records")
	}
}

func TestJumps(t *testing.T) {
	tests := []struct {
		a, b float64
		jump bool
	}{
		{0, 3, false}, {0, 99, false}, {0, 100, true}, {2, 100, true}, {3, 100, false},
		{5000, 20, true}, {95, 17, false}, {1e4, 1e6, true}, {0, 0, false},
	}
	for _, tt := range tests {
		a := report("x/1", "某县人民政府", 2021, 0, 0)
		b := report("x/2", "某县人民政府", 2022, 0, 0)
		a.Values["active.punishment.decisions"], b.Values["active.punishment.decisions"] = tt.a, tt.b
		got := len(Series{Body: "某县人民政府"}.jumps(a, b)) > 0
		if got != tt.jump {
			t.Errorf("%v → %v: jump %v, want %v", tt.a, tt.b, got, tt.jump)
		}
	}
}

// pre2019 makes a record of a made-up 2008–2018 report: 主动公开 of the year
// and its 历年累计.
func pre2019(year int, published, cumulative float64) schema.Record {
	v := schema.Values{"pre2019.active.total": published, "pre2019.cumulative.active.total": cumulative,
		"pre2019.active.website": published, "pre2019.cumulative.active.website": cumulative,
		"pre2019.requests.total": 3, "pre2019.cumulative.requests.total": float64(3 * (year - 2009))}
	return schema.Record{SchemaVersion: schema.Version, Status: schema.StatusOK,
		Source: schema.Source{Path: fmt.Sprintf("%d.html", year)},
		Report: schema.Report{Agency: "某县人民政府", Year: year, Template: schema.TemplatePre2019},
		Values: v, Checks: schema.Evaluate(v)}
}

// A 历年累计 that is not last year's plus this year's is one finding per
// group, named by its total; one that chains is none.
func TestCumulative(t *testing.T) {
	recs := []schema.Record{pre2019(2010, 10, 10), pre2019(2011, 20, 30), pre2019(2012, 5, 40), pre2019(2013, 7, 7)}
	var got []string
	for _, f := range Check(recs) {
		got = append(got, fmt.Sprintf("%s %v", f.Rule, f.Years))
	}
	want := []string{"cumulative:pre2019.active.total [2011 2012]", "cumulative:pre2019.active.total [2012 2013]"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

// The crosswalk carries a series across the 2019 change of format: a jump
// from the era's requests to the next year's applications is flagged.
func TestCrossEraJump(t *testing.T) {
	a := pre2019(2018, 10, 100)
	b := report("2019.html", "某县人民政府", 2019, 0, 0)
	b.Values["applications.new.total"] = 3000
	var got []string
	for _, f := range Check([]schema.Record{a, b}) {
		got = append(got, f.Rule)
	}
	if !slices.Contains(got, "jump:applications") {
		t.Errorf("findings %q, want jump:applications", got)
	}
}

func TestIdentify(t *testing.T) {
	tests := []struct {
		name                string
		id, place, division string
		kind                schema.BodyKind
	}{
		{"洪泽区人民政府", "江苏省淮安市洪泽区", "江苏省淮安市洪泽区", "320813", schema.BodyGovernment},
		{"淮安市洪泽区人民政府", "江苏省淮安市洪泽区", "江苏省淮安市洪泽区", "320813", schema.BodyGovernment},
		{"淮安市 人民政府", "江苏省淮安市", "江苏省淮安市", "320800", schema.BodyGovernment},
		{"沭阳县发展和改革局", "江苏省宿迁市沭阳县/发展和改革局", "江苏省宿迁市沭阳县", "321322", schema.BodyDepartment},
		{"上海市人民政府办公厅", "上海市/政府办公厅", "上海市", "310000", schema.BodyOffice},
		{"北京市朝阳区教育委员会", "北京市朝阳区/教育委员会", "北京市朝阳区", "110105", schema.BodyDepartment},
		{"吉林省长春市朝阳区人民政府", "吉林省长春市朝阳区", "吉林省长春市朝阳区", "220104", schema.BodyGovernment},
		{"淮安市洪泽区岔河镇人民政府", "江苏省淮安市洪泽区岔河镇", "江苏省淮安市洪泽区岔河镇", "320813", schema.BodyTown},
		// Two 朝阳区: no guess.
		{"朝阳区人民政府", "朝阳区", "朝阳区", "", schema.BodyGovernment},
		// Not in the division table (a zone; a misspelt county).
		{"平潭综合实验区管委会", "平潭综合实验区", "平潭综合实验区", "", schema.BodyGovernment},
		{"平潭综合实验区", "平潭综合实验区", "平潭综合实验区", "", schema.BodyGovernment},
		{"沐阳县人民政府", "沐阳县", "沐阳县", "", schema.BodyGovernment},
		{"平潭综合实验区地方税务局", "平潭综合实验区地方税务局", "", "", schema.BodyDepartment},
		{"邢集镇人民政府", "邢集镇", "邢集镇", "", schema.BodyTown},
		{"示例市交通运输局", "示例市交通运输局", "", "", schema.BodyDepartment},
		{"某某研究会", "某某研究会", "", "", schema.BodyDepartment},
		{"中国某某", "中国某某", "", "", schema.BodyOther},
	}
	for _, tt := range tests {
		b := Identify(tt.name)
		if b.ID != tt.id || b.Place != tt.place || b.Division != tt.division || b.Kind != tt.kind || b.Name != tt.name {
			t.Errorf("Identify(%s) = %+v, want id %s place %s division %s kind %s", tt.name, *b, tt.id, tt.place, tt.division, tt.kind)
		}
	}
	if Identify("") != nil {
		t.Error("Identify(\"\") is not nil")
	}
}

// Spellings of one place link by the division table where the names
// alone leave a doubt: 江苏省洪泽区 and 淮安市洪泽区 are not one the other's
// suffix, so the names alone cannot tell which 洪泽区 joins.
func TestLinkByDivision(t *testing.T) {
	recs := []schema.Record{
		report("a", "江苏省洪泽区人民政府", 2022, 0, 1),
		report("b", "淮安市洪泽区人民政府", 2023, 1, 0),
		report("c", "洪泽区人民政府", 2024, 0, 0),
	}
	s, _ := Link(recs)
	if len(s) != 1 {
		t.Fatalf("%d series, want 1: %+v", len(s), s)
	}
}

// startsWithPlace answers as the regular expression it replaced, on mixes
// of Han characters, levels, letters, digits and broken bytes.
func TestStartsWithPlaceAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^\p{Han}{1,10}?(省|市|区|县|镇|乡|州|旗|盟|街道)`)
	parts := []string{"洪", "泽", "淮安", "教育局", "省", "市", "区", "县", "镇", "乡", "州", "旗", "盟", "街", "道", "街道",
		"办", "a", "1", " ", "（", "\xff", "\xe4\xb8", "𠀀", "〇"}
	for _, s := range mix.Strings(11, 60000, 14, mix.Pick(parts)) {
		if startsWithPlace(s) != re.MatchString(s) {
			t.Fatalf("startsWithPlace(%q) = %v, the pattern says otherwise", s, startsWithPlace(s))
		}
	}
}
