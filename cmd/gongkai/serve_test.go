package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chromium runs Debian's Chromium headless on a page and returns the DOM
// after its scripts ran; it also writes a screenshot.
func chromium(t *testing.T, url, shot string) string {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found: apt-get install chromium (listed in .ci/apt-packages)")
	}
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--window-size=1300,2000"}
	if err := exec.Command(bin, append(args, "--screenshot="+shot, url)...).Run(); err != nil {
		t.Fatalf("chromium --screenshot %s: %v", url, err)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Errorf("screenshot %s: %v", shot, err)
	}
	out, err := exec.Command(bin, append(args, "--dump-dom", url)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", url, err)
	}
	return string(out)
}

// TestReviewInBrowser exports the review site over the corpus's real
// reports and opens its pages from the file system in Chromium: the body
// list, 洪泽 2023 with its failed review.total on the cells, 洪泽 2024's
// prose contradiction with its sentence, 平潭's history chart with its
// findings, and the findings list.
func TestReviewInBrowser(t *testing.T) {
	records := corpusRecords(t)
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if code, _, errs := runCLI(t, "serve", "--export", site, records); code != exitOK {
		t.Fatalf("serve --export: exit %d\n%s", code, errs)
	}
	index := chromium(t, "file://"+filepath.Join(site, "index.html"), filepath.Join(dir, "index.png"))
	if !strings.Contains(index, "淮安市洪泽区人民政府") || !strings.Contains(index, "of 9 shown") {
		t.Errorf("body list:\n%.2000s", index)
	}
	link := func(page, text string) string {
		b, _ := os.ReadFile(filepath.Join(site, page))
		m := regexp.MustCompile(`href="([^"]+)">` + regexp.QuoteMeta(text) + `<`).FindStringSubmatch(string(b))
		if m == nil {
			t.Fatalf("%s: no link %q", page, text)
		}
		return filepath.Join(filepath.Dir(filepath.Join(site, page)), m[1])
	}
	hongze := link("index.html", "淮安市洪泽区人民政府")
	hb, _ := os.ReadFile(hongze)
	reports := regexp.MustCompile(`<td>(\d{4})</td><td><a href="([^"]+)"`).FindAllStringSubmatch(string(hb), -1)
	byYear := map[string]string{}
	for _, m := range reports {
		byYear[m[1]] = filepath.Join(filepath.Dir(hongze), m[2])
	}
	r23 := chromium(t, "file://"+byYear["2023"], filepath.Join(dir, "hongze-2023.png"))
	if !regexp.MustCompile(`<td class="fail[^"]*" data-key="review.total"`).MatchString(r23) || !strings.Contains(r23, "check-review.total") {
		t.Errorf("洪泽 2023: review.total not marked failed")
	}
	r24 := chromium(t, "file://"+byYear["2024"], filepath.Join(dir, "hongze-2024.png"))
	if !strings.Contains(r24, "受理政府信息公开申请17件") || !regexp.MustCompile(`class="[^"]*contra[^"]*" data-key="applications.new.total"`).MatchString(r24) {
		t.Errorf("洪泽 2024: the contradiction and its sentence are not shown")
	}
	pingtan := chromium(t, "file://"+link("index.html", "平潭综合实验区管委会"), filepath.Join(dir, "pingtan.png"))
	if !strings.Contains(pingtan, `id="chart-applications"`) || !strings.Contains(pingtan, "<polyline") || !strings.Contains(pingtan, "audit.copied") {
		t.Errorf("平潭: no chart or findings")
	}
	findings := chromium(t, "file://"+filepath.Join(site, "findings.html"), filepath.Join(dir, "findings.png"))
	if !strings.Contains(findings, `<option value="audit.copied">`) || !strings.Contains(findings, "shown") {
		t.Errorf("findings: filter options not built")
	}
	t.Logf("screenshots in %s", dir)
}
