package review

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

func testSite(t *testing.T) (*Site, string) {
	dir := t.TempDir()
	src := filepath.Join(dir, "r.html")
	os.WriteFile(src, []byte("<p>report</p>"), 0o644)
	v := schema.Values{"review.upheld": 1, "review.corrected": 1, "review.other": 0, "review.pending": 0, "review.total": 3}
	rec := schema.Record{SchemaVersion: schema.Version, Status: schema.StatusOK,
		Source: schema.Source{Path: src, SHA256: "x", Format: "html"},
		Report: schema.Report{Agency: "洪泽区人民政府", Year: 2023, Template: schema.Template2021},
		Values: v, Checks: schema.Evaluate(v),
		Provenance: map[string]schema.Provenance{"review.total": {Table: 3, Row: 4, Col: 5, Text: "3"}}}
	s, err := New([]schema.Record{rec}, series.Check([]schema.Record{rec}), func(r schema.Record) string { return r.Source.Path })
	if err != nil {
		t.Fatal(err)
	}
	return s, s.reports[0].ID
}

func get(s *Site, method, url string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(method, url, nil))
	return w
}

func TestPages(t *testing.T) {
	s, id := testSite(t)
	body := s.bodies[0].ID
	for _, tt := range []struct{ url, want string }{
		{"/", "洪泽区人民政府"},
		{"/findings.html", "review.total"},
		{"/findings.csv", "review.total"},
		{"/body/" + body + ".html", "江苏省淮安市洪泽区"},
		{"/report/" + id + ".html", `class="fail"`},
		{"/source/" + id + ".html", "<p>report</p>"},
		{"/assets/style.css", "td.fail"},
	} {
		w := get(s, "GET", tt.url)
		if w.Code != 200 || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("GET %s: %d, want 200 with %q:\n%.300s", tt.url, w.Code, tt.want, w.Body.String())
		}
	}
}

// No request reaches a file but a record's own source, by its id.
func TestHostileRequests(t *testing.T) {
	s, id := testSite(t)
	for _, tt := range []struct {
		method, url string
		code        int
	}{
		{"GET", "/source/../../etc/passwd", 404},
		{"GET", "/source/..%2f..%2fetc%2fpasswd", 404},
		{"GET", "/source/" + id + ".pdf", 404},
		{"GET", "/source/" + id, 404},
		{"GET", "/assets/..%2freview.go", 404},
		{"GET", "/assets/../review.go", 404},
		{"GET", "/report/ffffffffffff.html", 404},
		{"GET", "/report/" + id + "/page-1.html", 404}, // not a PDF
		{"GET", "/body/nope.html", 404},
		{"GET", "/etc/passwd", 404},
		{"GET", "/?q=" + strings.Repeat("a", 100000), 414},
		{"POST", "/", 405},
		{"DELETE", "/report/" + id + ".html", 405},
	} {
		w := get(s, tt.method, tt.url)
		if w.Code/100 != 4 || (tt.code != 404 && w.Code != tt.code) {
			t.Errorf("%s %.60s: %d, want %d", tt.method, tt.url, w.Code, tt.code)
		}
		if strings.Contains(w.Body.String(), "root:") || strings.Contains(w.Body.String(), "package review") {
			t.Errorf("%s %.60s served a file outside the records", tt.method, tt.url)
		}
	}
}

// The export's links are relative and each names a file it wrote.
func TestExportLinks(t *testing.T) {
	s, _ := testSite(t)
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, part := range strings.Split(string(b), `href="`)[1:] {
			link, _, _ := strings.Cut(part, `"`)
			link, _, _ = strings.Cut(link, "#")
			if link == "" || strings.HasPrefix(link, "http") {
				continue
			}
			if strings.HasPrefix(link, "/") {
				t.Errorf("%s: absolute link %s", p, link)
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), link)); err != nil {
				t.Errorf("%s: link %s names no file", p, link)
			}
			n++
		}
		return nil
	})
	if n < 10 {
		t.Errorf("%d links checked", n)
	}
}

// A row group of table 三 shows under its heading, and the heading holds
// the group's derived sums, marked as computed.
func TestGroupHeadings(t *testing.T) {
	v := schema.Values{}
	for _, row := range schema.ApplicationRowsIn(schema.Items) {
		if strings.HasPrefix(row, "unavailable.") {
			for _, col := range schema.ApplicantColumns {
				v[schema.ApplicationKey(row, col)] = 2
			}
		}
	}
	rec := schema.Record{SchemaVersion: schema.Version, Status: schema.StatusOK,
		Source: schema.Source{Path: "r.html", Format: "html"},
		Report: schema.Report{Agency: "洪泽区人民政府", Year: 2023, Template: schema.Template2021},
		Values: v, Derived: schema.Derive(v)}
	s, err := New([]schema.Record{rec}, nil, func(schema.Record) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	page := get(s, "GET", "/report/"+s.reports[0].ID+".html").Body.String()
	head := strings.Index(page, `<tr class="group"><th class="depth-0" title="（四）无法提供">（四）无法提供</th>`)
	item := strings.Index(page, "1.本机关不掌握相关政府信息")
	if head < 0 || item < head {
		t.Fatalf("no heading before the items (%d, %d)", head, item)
	}
	if !strings.Contains(page[head:item], `derived" data-key="derived.applications.unavailable.total.total"`) || !strings.Contains(page[head:item], ">6<") {
		t.Errorf("the heading lacks the derived sum 6:\n%s", page[head:item])
	}
}

// A chart across 2019 marks the boundary and draws the years before it,
// read through the crosswalk, hollow; one within an era does neither.
func TestChartEras(t *testing.T) {
	l := line{Name: "applications", Label: "申请", Values: map[int]float64{2016: 3, 2017: 4, 2019: 5, 2020: 6}}
	across := string(svgChart("c", "t", 2016, 2020, []line{l}, nil))
	if !strings.Contains(across, `class="era"`) || strings.Count(across, `class="point crosswalk"`) != 2 || strings.Count(across, `class="point"`) != 2 {
		t.Errorf("across 2019:\n%s", across)
	}
	l.Name = "narrative:active.published"
	if prose := string(svgChart("c", "t", 2016, 2020, []line{l}, nil)); strings.Contains(prose, "crosswalk") {
		t.Errorf("the prose's figures are not the crosswalk's:\n%s", prose)
	}
	within := string(svgChart("c", "t", 2019, 2020, []line{l}, nil))
	if strings.Contains(within, `class="era"`) || strings.Contains(within, "crosswalk") {
		t.Errorf("within the 2019 era:\n%s", within)
	}
}
