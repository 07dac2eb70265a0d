package gongkai

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type narrativeGold struct {
	file   string
	want   map[string]float64
	failed []string
}

// corpusNarrative is the gold of the narrative: for each real report, the
// figures its prose states, as read by a person (the PDFs' text with
// pdftotext), and the narrative.* rules its tables break. Figures the prose
// states that the reader leaves out on purpose are listed in comments.
var corpusNarrative = []narrativeGold{
	{"huaian-hongze-district-2024.pdf", map[string]float64{
		"applications.new": 17, "active.published": 2428, "active.interpretations": 7, "fees.processing": 0,
	}, []string{"narrative.applications.new"}}, // the table says 95
	{"huaian-hongze-district-2023.pdf", map[string]float64{
		"applications.new": 21, "active.published": 1136, "fees.processing": 0,
	}, nil},
	// Left out: 主动公开各类政府信息5500余条 (approximate); the 其中 parts of
	// the review and litigation totals.
	{"huaian-city-2024.pdf", map[string]float64{
		"applications.new": 3119, "applications.concluded": 3050, "applications.carried_in": 34, "applications.carried_out": 103,
		"review.total": 351, "litigation.total": 46, "active.interpretations": 21, "active.press_conferences": 12, "fees.processing": 3940,
	}, nil},
	{"xingji-town-2024.txt", map[string]float64{"fees.processing": 0}, nil}, // left out: 申请情况为 0 (no unit, no verb)
	// Left out: 公布政府信息2599条 (not said to be proactive).
	{"pingtan-2019.html", map[string]float64{}, nil},
	{"pingtan-2020.html", map[string]float64{"applications.new": 21}, nil},
	{"pingtan-2021.html", map[string]float64{
		"applications.new": 70, "applications.concluded": 69, "applications.carried_out": 1, "active.published": 2645, "fees.processing": 0,
	}, nil},
	// The prose says 75 received; the table 74 new and 1 carried over: the
	// prose counts all of the year's applications, which is no contradiction.
	{"pingtan-2022.html", map[string]float64{
		"applications.new": 75, "review.total": 2, "litigation.total": 1, "active.published": 14571, "fees.processing": 0,
	}, nil},
	{"pingtan-2023.html", map[string]float64{
		"applications.new": 81, "applications.concluded": 81, "review.total": 2, "litigation.total": 7,
		"active.published": 13561, "active.interpretations": 117, "fees.processing": 0,
	}, nil},
	// Left out: 办理政府信息公开申请218件 (handled: received or concluded?).
	{"pingtan-2024.html", map[string]float64{
		"active.published": 10407, "active.interpretations": 96, "fees.processing": 0,
	}, nil},
	// Left out: 主动公开政府信息7700余条 (approximate).
	{"pingtan-2025.html", map[string]float64{
		"applications.new": 154, "applications.concluded": 148, "applications.carried_out": 6, "review.total": 36, "litigation.total": 9,
		"active.interpretations": 82, "fees.processing": 0,
	}, nil},
	// Left out: 政策解读83件 in the gazette (a list without its verb).
	{"shanghai-gov-office-2019.html", map[string]float64{
		"applications.new": 859, "applications.concluded": 805, "applications.carried_in": 18, "applications.carried_out": 72,
		"review.total": 7, "litigation.total": 9, "active.interpretations": 132,
	}, nil},
	// Reports under the 2008 regulation: prose only, nothing to compare with.
	// Left out: totals of information published whose sentence lists the
	// sub-units (区直各部门、各乡镇…主动公开政府信息1913条).
	{"pingtan-2011.html", map[string]float64{"applications.new": 0, "review.total": 0}, nil},
	{"pingtan-2012.html", map[string]float64{"applications.new": 0, "review.total": 0}, nil},
	{"pingtan-2013.html", map[string]float64{"applications.new": 0, "review.total": 1}, nil},
	// "收到…的信函申请1条": the one figure is of a channel.
	{"pingtan-2014.html", map[string]float64{"applications.letter": 1, "review.total": 0}, nil},
	{"pingtan-2015.html", map[string]float64{"applications.new": 0, "review.total": 0, "litigation.total": 0}, nil},
	{"pingtan-2016.html", map[string]float64{"applications.new": 0, "review.total": 0, "litigation.total": 0, "active.published": 3460}, nil},
	{"pingtan-2017.html", map[string]float64{"applications.new": 0, "review.total": 0, "litigation.total": 0, "active.published": 2122}, nil},
	{"pingtan-2018.html", map[string]float64{"applications.new": 0, "review.total": 0, "litigation.total": 0, "active.published": 2069}, nil},
	{"pingtan-county-2011.html", map[string]float64{"applications.new": 0, "review.total": 0}, nil},
	{"pingtan-county-2012.html", map[string]float64{"applications.new": 21, "applications.concluded": 21, "applications.in_person": 18, "applications.email": 3, "replies.granted": 17, "review.total": 0}, nil},
	// The prose says 网上3 and 信函4; the table, 网上4 and 信函0 (电子邮件3).
	{"pingtan-county-2013.html", map[string]float64{"applications.new": 7, "applications.concluded": 3, "applications.online": 3, "applications.letter": 4, "replies.granted": 2, "review.total": 0},
		[]string{"narrative.applications.online", "narrative.applications.letter"}},
	// Left out: 政府信息公开费用1万元 (the cost of the work, not a fee charged).
	{"pingtan-tax-2013.html", map[string]float64{"applications.new": 0, "review.total": 0, "active.published": 45}, nil},
}

// TestCorpusNarrative reads the real reports in a format this build reads
// and wants exactly the narrative of corpusNarrative, and exactly its
// failed narrative.* rules.
func TestCorpusNarrative(t *testing.T) {
	conv := New()
	formats := conv.Registry.Formats()
	for _, c := range corpusNarrative {
		path := filepath.Join(corpus, "real", c.file)
		t.Run(c.file, func(t *testing.T) {
			if findCorpusFile(c.file) == "" {
				t.Skip("no ../shared/corpus beside the repository (a user's clone has none)")
			}
			if ext := strings.TrimPrefix(filepath.Ext(c.file), "."); !slices.Contains(formats, ext) {
				t.Skipf("format %s is not in this build", ext)
			}
			rec := conv.File(context.Background(), path)
			got := map[string]float64{}
			for k, s := range rec.Narrative {
				got[k] = s.Value
			}
			if !maps.Equal(got, c.want) {
				t.Errorf("narrative\n got %v\nwant %v", got, c.want)
			}
			var failed []string
			for _, ch := range rec.NarrativeChecks {
				if !ch.OK {
					failed = append(failed, ch.Rule)
				}
			}
			if !slices.Equal(failed, c.failed) {
				t.Errorf("failed narrative rules %v, want %v", failed, c.failed)
			}
		})
	}
}

// Real reports added to the corpus later have no narrative gold yet: say so.
func TestCorpusNarrativeCoverage(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus, "real", "*"))
	if len(files) == 0 {
		t.Skip("no ../shared/corpus beside the repository (a user's clone has none)")
	}
	for _, f := range files {
		if !slices.ContainsFunc(corpusNarrative, func(c narrativeGold) bool { return c.file == filepath.Base(f) }) {
			t.Logf("%s: no narrative gold in corpusNarrative", filepath.Base(f))
		}
	}
}
