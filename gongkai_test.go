package gongkai

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/internal/scan"
	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// The -update flag comes with internal/golden.
var _ = golden.Update

const corpus = "../shared/corpus"

// gold is a corpus gold file (../shared/corpus/README.md).
type gold struct {
	Files  []string `json:"files"`
	Report struct {
		Agency string `json:"agency"`
		Year   int    `json:"year"`
	} `json:"report"`
	Values      map[string]float64 `json:"values"`
	FailedRules []string           `json:"failed_rules"`
}

func loadGold(t testing.TB) map[string]gold {
	paths, _ := filepath.Glob(filepath.Join(corpus, "gold", "*.gold.json"))
	pre, _ := filepath.Glob(filepath.Join(corpus, "gold-pre2019", "*.gold.json"))
	paths = append(paths, pre...)
	if len(paths) == 0 {
		t.Skip("no ../shared/corpus beside the repository (a user's clone has none); corpus tests skipped")
	}
	out := map[string]gold{}
	for _, p := range paths {
		out[filepath.Base(p)] = readGold(t, p)
	}
	return out
}

// readGold reads one gold file.
func readGold(t testing.TB, path string) gold {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g gold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g
}

// serifScanGold is the gold of the generated report's scans, or skips the
// test where there is no corpus.
func serifScanGold(t *testing.T) gold {
	path := filepath.Join(corpus, "generated", "scans", "gold", "report_serif-scan.gold.json")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no ../shared/corpus beside the repository:", err)
	}
	return readGold(t, path)
}

// findCorpusFile looks a gold file's document up in real/ and generated/.
func findCorpusFile(name string) string {
	for _, dir := range []string{"real", "generated"} {
		p := filepath.Join(corpus, dir, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// TestCorpusGold converts every corpus document that has gold values in a
// format this build reads, and wants every value, the agency, the year and
// the set of failed rules exactly.
func TestCorpusGold(t *testing.T) {
	golds := loadGold(t)
	conv := New()
	formats := conv.Registry.Formats()
	for name, g := range golds {
		for _, file := range g.Files {
			ext := strings.TrimPrefix(filepath.Ext(file), ".")
			if !slices.Contains(formats, ext) {
				t.Logf("%s: format %s is not in this build", file, ext)
				continue
			}
			t.Run(file, func(t *testing.T) {
				path := findCorpusFile(file)
				if path == "" {
					t.Fatalf("%s (gold %s) not found in the corpus", file, name)
				}
				rec := conv.File(context.Background(), path)
				if rec.Status != schema.StatusOK {
					t.Errorf("status %s: %s", rec.Status, rec.Error)
				}
				for k, want := range g.Values {
					got, ok := rec.Values[k]
					if !ok || math.Abs(got-want) > 1e-6 {
						t.Errorf("%s = %v (present %v), want %v", k, got, ok, want)
					}
				}
				for k, v := range rec.Values {
					if _, ok := g.Values[k]; !ok {
						t.Errorf("%s = %v: not in the gold, so not printed (invented)", k, v)
					}
				}
				if rec.Report.Agency != g.Report.Agency || rec.Report.Year != g.Report.Year {
					t.Errorf("agency %q year %d, want %q %d", rec.Report.Agency, rec.Report.Year, g.Report.Agency, g.Report.Year)
				}
				var failed []string
				for _, c := range rec.Checks {
					// Gold lists the template's identities; narrative.* rules
					// are tested in TestCorpusNarrative.
					if !c.OK && !strings.HasPrefix(c.Rule, "narrative.") {
						failed = append(failed, c.Rule)
					}
				}
				slices.Sort(failed)
				want := slices.Clone(g.FailedRules)
				slices.Sort(want)
				if !slices.Equal(failed, want) {
					t.Errorf("failed rules %v, want %v", failed, want)
				}
			})
		}
	}
}

// Every file yields one record; bad ones say why in words and by class.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7919 + i/13) // deterministic noise with control bytes
	}
	tests := []struct {
		name, path string
		status     schema.Status
		says       string
	}{
		{"empty", write("empty.pdf", nil), schema.StatusError, "empty file"},
		{"random bytes", write("noise.bin", random), schema.StatusError, "unsupported file format"},
		{"a page that is not a report", write("notice.html", []byte("<html><body><p>关于春节放假的通知</p><p>放假七天。</p></body></html>")), schema.StatusError, "not a government information-disclosure annual report"},
		{"tables printed as pictures", write("pictures.html", []byte("<p>某县2023年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><p><img src=t1.png><img src=t2.png></p>")), schema.StatusError, "holds 2 pictures: tables printed as pictures need OCR"},
		{"missing", filepath.Join(dir, "nope.html"), schema.StatusError, "no such file"},
		{"a directory", dir, schema.StatusError, "not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := New().File(context.Background(), tt.path)
			if rec.Status != tt.status || !strings.Contains(rec.Error, tt.says) {
				t.Errorf("status %s, error %q; want %s saying %q", rec.Status, rec.Error, tt.status, tt.says)
			}
			if rec.Source.Path != tt.path || rec.SchemaVersion != schema.Version {
				t.Errorf("record does not identify its input: %+v", rec.Source)
			}
		})
	}
}

func BenchmarkCorpus(b *testing.B) {
	var files []string
	for _, g := range loadGold(b) {
		for _, f := range g.Files {
			ext := strings.TrimPrefix(filepath.Ext(f), ".")
			if slices.Contains(DefaultRegistry().Formats(), ext) {
				files = append(files, findCorpusFile(f))
			}
		}
	}
	slices.Sort(files)
	conv := New()
	for _, f := range files {
		b.Run(filepath.Base(f), func(b *testing.B) {
			for b.Loop() {
				conv.File(context.Background(), f)
			}
		})
	}
}

func ExampleConverter_File() {
	rec := New().File(context.Background(), "samples/reports/sample-district-2022.html")
	fmt.Println(rec.Status, rec.Report.Agency, rec.Report.Year, rec.Report.Template)
	fmt.Println("行政复议 总计:", rec.Values["review.total"])
	for _, c := range rec.Checks {
		if !c.OK {
			fmt.Println("fails:", c.Rule)
		}
	}
	// Output:
	// ok 示例市新区管理委员会 2022 2021
	// 行政复议 总计: 6
	// fails: review.total
}

// A blank form — the template's tables, no figure — is an error of its own
// kind, with no values; a report that leaves zeros blank is read, but a
// blank total beside non-zero parts is not taken for 0.
func TestBlanks(t *testing.T) {
	rec := New().File(context.Background(), "normalize/testdata/blank-form.html")
	if rec.Status != schema.StatusError || rec.ErrorKind != schema.KindBlankForm || len(rec.Values) != 0 {
		t.Errorf("blank form: %s %s, %d values: %s", rec.Status, rec.ErrorKind, len(rec.Values), rec.Error)
	}
	path := filepath.Join(corpus, "real", "shanghai-gov-office-2019.html")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no ../shared/corpus beside the repository:", err)
	}
	rec = New().File(context.Background(), path)
	for _, c := range rec.Checks {
		if !c.OK {
			t.Errorf("%s fails: %s", c.Rule, c.Message)
		}
	}
	if _, ok := rec.Values["applications.granted.total"]; ok {
		t.Error("a blank total beside non-zero parts was read")
	}
	if v, ok := rec.Values["applications.granted.research"]; !ok || v != 0 {
		t.Errorf("a blank part reads %v, %v; want 0", v, ok)
	}
}

// A converter's Markdown of a real report (table 三 as one pipe table per
// row group under placeholder headers, table 四 as three headed tables)
// reads whole and consistent.
func TestConverterMarkdown(t *testing.T) {
	path := filepath.Join(corpus, "real", "suqian-shuyang-county-2025.md")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no ../shared/corpus beside the repository:", err)
	}
	rec := New().File(context.Background(), path)
	if rec.Status != schema.StatusOK || rec.Source.Format != "md" || strings.Contains(rec.Report.Agency, "#") {
		t.Errorf("status %s, format %s, agency %q: %s", rec.Status, rec.Source.Format, rec.Report.Agency, rec.Error)
	}
	for _, c := range rec.Checks {
		if !c.OK {
			t.Errorf("%s: %s", c.Rule, c.Message)
		}
	}
	for key, want := range map[string]float64{
		"active.normative_docs.in_force": 32, "applications.new.total": 713, "applications.other_handling.other.total": 143,
		"applications.carried_out.total": 31, "review.total": 61, "litigation.direct.total": 3, "litigation.after_review.pending": 1,
	} {
		if got, ok := rec.Values[key]; !ok || got != want {
			t.Errorf("%s = %v (%v), want %v", key, got, ok, want)
		}
	}
	if n := len(rec.Values); n != 200 {
		t.Errorf("%d values, want the template's 200", n)
	}
}

// A scanned report (an image-only PDF) is read by OCR into the same
// tables: most values right, each value of a failing sum marked
// ocr_uncertain, and the record saying its text came from OCR. The files
// are read two at a time, as a run's workers would.
func TestScannedReport(t *testing.T) {
	if !ocr.Available() {
		t.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
	}
	scans := filepath.Join(corpus, "generated", "scans")
	if _, err := os.Stat(scans); err != nil {
		t.Skip("no ../shared/corpus beside the repository:", err)
	}
	serif := readGold(t, filepath.Join(scans, "gold", "report_serif-scan.gold.json"))
	hongze := readGold(t, filepath.Join(scans, "gold", "huaian-hongze-district-2024-scan.gold.json"))
	wqy := readGold(t, filepath.Join(corpus, "gold", "generated-xingji-2024.gold.json"))
	// Measured: every value of every file. OCR of a rough scan turns on
	// single cells, so the rough ones' floors leave a margin.
	for _, tc := range []struct {
		file  string
		gold  gold
		least int
	}{
		{filepath.Join(scans, "report_serif-scan-clean.pdf"), serif, len(serif.Values)},
		{filepath.Join(scans, "huaian-hongze-district-2024-scan-clean.pdf"), hongze, len(hongze.Values)},
		{filepath.Join(scans, "report_serif-scan-rough.pdf"), serif, 197},
		{filepath.Join(scans, "huaian-hongze-district-2024-scan-rough.pdf"), hongze, 183},
		{filepath.Join(scans, "tables-as-pictures.docx"), serif, 198},
		// A text layer without Unicode mapping is read rendered (pdftoppm).
		{filepath.Join(corpus, "generated", "report_wqy_cairo_noToUnicode.pdf"), wqy, 197},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			t.Parallel()
			if strings.Contains(tc.file, "noToUnicode") {
				if _, err := exec.LookPath("pdftoppm"); err != nil {
					t.Skip("pdftoppm not installed (Debian package poppler-utils)")
				}
			}
			checkOCR(t, tc.file, New().File(context.Background(), tc.file), tc.gold, tc.least)
		})
	}
}

// TestScannedByRecipe scans real reports here, by the corpus manifest's
// recipe (internal/scan), and reads them against the values their own text
// layer gives: reports the OCR work did not look at when it was written.
func TestScannedByRecipe(t *testing.T) {
	if !ocr.Available() {
		t.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (Debian package poppler-utils)")
	}
	// Measured: 淮安市 2024 199 of 200 clean, 184 rough (a lost digit or
	// two in each of a dozen figures, all marked); 洪泽 2023 185 and 186.
	for _, tc := range []struct {
		name         string
		rough        bool
		least, total int
	}{
		{"huaian-city-2024", false, 197, 200},
		{"huaian-city-2024", true, 180, 200},
		{"huaian-hongze-district-2023", false, 184, 186},
		{"huaian-hongze-district-2023", true, 183, 186},
	} {
		src := filepath.Join(corpus, "real", tc.name+".pdf")
		if _, err := os.Stat(src); err != nil {
			t.Skip("no ../shared/corpus beside the repository:", err)
		}
		t.Run(fmt.Sprintf("%s/rough=%v", tc.name, tc.rough), func(t *testing.T) {
			t.Parallel()
			text := New()
			text.OCR = extract.OCROff
			want := text.File(context.Background(), src)
			if len(want.Values) != tc.total {
				t.Fatalf("%s's text layer gives %d values, not %d", src, len(want.Values), tc.total)
			}
			var rng *rand.Rand
			if tc.rough {
				rng = scan.Seed(tc.name, 1)
			}
			b, err := scan.PDF(src, 0, 0, rng)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), tc.name+".pdf")
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			g := gold{Values: map[string]float64(want.Values)}
			g.Report.Agency, g.Report.Year = want.Report.Agency, want.Report.Year
			checkOCR(t, tc.name, New().File(context.Background(), file), g, tc.least)
		})
	}
}

func checkOCR(t *testing.T, file string, rec schema.Record, g gold, least int) {
	right := 0
	for k, want := range g.Values {
		if got, ok := rec.Values[k]; ok && got == want {
			right++
		}
	}
	if right < least || rec.Report.Agency != g.Report.Agency || rec.Report.Year != g.Report.Year {
		t.Errorf("%s: %d of %d values right; agency %q, year %d", file, right, len(g.Values), rec.Report.Agency, rec.Report.Year)
	}
	t.Logf("%s: %d of %d values right (at least %d wanted)", filepath.Base(file), right, len(g.Values), least)
	kinds := map[schema.ProblemKind]bool{}
	uncertain := map[string]bool{}
	for _, p := range rec.Problems {
		kinds[p.Kind] = true
		if p.Kind == schema.ProblemOCRUncertain {
			uncertain[p.Key] = true
		}
	}
	if !kinds[schema.ProblemOCR] {
		t.Errorf("%s: the record does not say its text came from OCR", file)
	}
	for _, c := range rec.Checks {
		for _, k := range c.Fields {
			if _, ok := rec.Values[k]; ok && !c.OK && !uncertain[k] {
				t.Errorf("%s: %s is in the failing %s but not marked ocr_uncertain", file, k, c.Rule)
			}
		}
	}
	// No silent errors: a value read wrong is marked.
	for k, want := range g.Values {
		if got, ok := rec.Values[k]; ok && got != want && !uncertain[k] {
			t.Errorf("%s: %s = %v, not %v, and not marked ocr_uncertain", file, k, got, want)
		}
	}
	// Each value read from a printed figure carries OCR's confidence.
	for k, p := range rec.Provenance {
		if strings.TrimSpace(p.Text) != "" && p.OCRConfidence == nil {
			t.Errorf("%s: %s, read from %q, has no OCR confidence", file, k, p.Text)
		}
	}
}

// TestCorpusBodyIDs converts the corpus's real reports, links them into
// series, and wants one body id throughout each series (平潭 2011–2025
// under two names, 洪泽 2023–2024 under two) and a different one for each.
func TestCorpusBodyIDs(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus, "real", "*"))
	if len(files) == 0 {
		t.Skip("no ../shared/corpus beside the repository (a user's clone has none); corpus tests skipped")
	}
	conv := New()
	var recs []schema.Record
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() {
			recs = append(recs, conv.File(context.Background(), f))
		}
	}
	all, _ := series.Link(recs)
	owner := map[string]string{}
	for _, s := range all {
		id := s.Records[0].Report.Body.ID
		for _, r := range s.Records {
			if r.Report.Body.ID != id {
				t.Errorf("%s: %s (%d) has body id %q, %s has %q", s.Body, r.Report.Agency, r.Report.Year, r.Report.Body.ID, s.Records[0].Report.Agency, id)
			}
		}
		if o, ok := owner[id]; ok {
			t.Errorf("body id %q is both %s's and %s's", id, o, s.Body)
		}
		owner[id] = s.Body
		t.Logf("%s %v: %s", s.Body, s.Years(), id)
	}
	for _, want := range []string{"江苏省淮安市洪泽区", "平潭综合实验区"} {
		if _, ok := owner[want]; !ok {
			t.Errorf("no series with body id %s", want)
		}
	}
}

// BenchmarkOCRPage converts the scans of ../shared/corpus/generated/scans
// and reports the seconds an OCR'd page takes (one worker; Tesseract with
// one thread).
func BenchmarkOCRPage(b *testing.B) {
	if !ocr.Available() {
		b.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "generated", "scans", "*.pdf"))
	if len(files) == 0 {
		b.Skip("no ../shared/corpus beside the repository; benchmark skipped")
	}
	conv := New()
	pages := 0
	for b.Loop() {
		for _, f := range files {
			pages += conv.File(context.Background(), f).Source.OCRPages
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(pages), "s/page")
}

// TestSuggestion: where one value, with a digit read as one OCR confuses
// it with, makes every identity hold, that reading is suggested; where no
// such reading or more than one does, none is.
func TestSuggestion(t *testing.T) {
	g := serifScanGold(t)
	record := func(change map[string]float64) schema.Record {
		v := maps.Clone(schema.Values(g.Values))
		maps.Copy(v, change)
		return schema.Record{Values: v, Checks: schema.Evaluate(v)}
	}
	const k = "applications.new.natural_person" // 58 in the gold
	if key, to, ok := suggestion(record(map[string]float64{k: 68})); !ok || key != k || to != 58 {
		t.Errorf("58 read as 68: suggested %s = %v (%v), want %s = 58", key, to, ok, k)
	}
	if _, _, ok := suggestion(record(map[string]float64{k: 47})); ok {
		t.Error("58 read as 47, which no confusion explains: a suggestion was made")
	}
	if _, _, ok := suggestion(record(nil)); ok {
		t.Error("every identity holds, yet a suggestion was made")
	}
}

// TestOCRDoubtsOneSum: an OCR'd value of table 三 that only its row's sum
// vouches for, its column's sum lacking a value, is marked: a row read
// into the wrong columns adds up across as readily as the right one.
func TestOCRDoubtsOneSum(t *testing.T) {
	g := serifScanGold(t)
	v := maps.Clone(schema.Values(g.Values))
	uncertain := func() map[string]bool {
		rec := schema.Record{Values: v, Checks: schema.Evaluate(v), Provenance: map[string]schema.Provenance{}}
		out := map[string]bool{}
		for _, p := range ocrDoubts(rec) {
			if p.Kind == schema.ProblemOCRUncertain {
				out[p.Key] = true
			}
		}
		return out
	}
	for k := range uncertain() {
		if strings.HasPrefix(k, "applications.") {
			t.Errorf("every sum holds, yet %s is marked", k)
		}
	}
	const k = "applications.not_processed.excessive.natural_person"
	delete(v, "applications.total.natural_person") // the column's sum lacks its total
	if u := uncertain(); !u[k] {
		t.Errorf("%s, vouched for by its row's sum alone, is not marked", k)
	}
}

// A value OCR was unsure of is marked though its sums hold; one it was
// sure of, or one not read by OCR, is not.
func TestOCRDoubtsUnsure(t *testing.T) {
	g := serifScanGold(t)
	v := schema.Values(g.Values)
	conf := func(c float64) *float64 { return &c }
	const unsure, sure, plain = "applications.new.research", "applications.new.enterprise", "applications.new.natural_person"
	rec := schema.Record{Values: v, Checks: schema.Evaluate(v), Provenance: map[string]schema.Provenance{
		unsure: {OCRConfidence: conf(unsureOCR - 1)},
		sure:   {OCRConfidence: conf(unsureOCR)},
		plain:  {},
	}}
	marked := map[string]string{}
	for _, p := range ocrDoubts(rec) {
		if p.Kind == schema.ProblemOCRUncertain {
			marked[p.Key] = p.Message
		}
	}
	if m := marked[unsure]; !strings.Contains(m, "unsure") {
		t.Errorf("%s, read with confidence %d, is not marked unsure: %q", unsure, unsureOCR-1, m)
	}
	for _, k := range []string{sure, plain} {
		if m, ok := marked[k]; ok {
			t.Errorf("%s is marked: %s", k, m)
		}
	}
}

// A file's record does not depend on the files converted before it: the
// buffers files are read into are reused (fileBuffers), and a smaller file
// read into a larger file's buffer must see only its own bytes.
func TestFileBuffersReused(t *testing.T) {
	files, _ := filepath.Glob("samples/reports/*")
	for _, dir := range []string{"real", "generated"} {
		m, _ := filepath.Glob(filepath.Join(corpus, dir, "*.pdf"))
		files = append(files, m...)
	}
	conv := New()
	conv.OCR = extract.OCROff
	records := func(order []string) map[string]string {
		out := map[string]string{}
		for _, f := range order {
			b, err := json.Marshal(conv.File(context.Background(), f))
			if err != nil {
				t.Fatal(err)
			}
			out[f] = string(b)
		}
		return out
	}
	forward := records(files)
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	backward := records(reversed) // files after others of other sizes
	for _, f := range files {
		if forward[f] != backward[f] {
			t.Errorf("%s: its record depends on the files converted before it", f)
		}
	}
}
