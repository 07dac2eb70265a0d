package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/browsertest"
)

// TestReviewInBrowser drives the review site over the corpus's records in
// headless Chromium through chromedp, as a journalist would, twice: served
// by gongkai serve, and exported by serve --export and opened from the
// file system. Each time: the body list, 洪泽 2023's failed review.total
// on its cells, 洪泽 2024's prose contradiction with its sentence, 平潭's
// history chart with its findings, and the findings filter; each page's
// screenshot is written under the test's temp dir.
func TestReviewInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 120*time.Second)
	records := corpusRecords(t)
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if code, _, errs := runCLI(t, "serve", "--export", site, records); code != exitOK {
		t.Fatalf("serve --export: exit %d\n%s", code, errs)
	}
	t.Run("served", func(t *testing.T) { tour(t, ctx, serve(t, records), filepath.Join(dir, "served")) })
	t.Run("exported", func(t *testing.T) { tour(t, ctx, "file://"+site, filepath.Join(dir, "exported")) })
	t.Logf("screenshots in %s", dir)
}

// serve runs gongkai serve on a free port until the test ends and returns
// its address.
func serve(t *testing.T, records string) string {
	sctx, stop := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	served := make(chan int, 1)
	go func() {
		served <- run(sctx, []string{"serve", "--addr", "127.0.0.1:0", records}, io.Discard, pw)
		pw.Close()
	}()
	t.Cleanup(func() { stop(); <-served })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := regexp.MustCompile(`at (http://[^/]+)/`).FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		close(addr)
	}()
	select {
	case base, ok := <-addr:
		if !ok {
			t.Fatal("serve ended without serving")
		}
		return base
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

// tour visits the site at base (its index.html and findings.html beside
// it) by its links, writing screenshots into shots.
func tour(t *testing.T, ctx context.Context, base, shots string) {
	os.MkdirAll(shots, 0o755)
	// open navigates, screenshots the page and returns its DOM.
	open := func(url, shot string) string {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
		if err != nil || len(png) < 10000 {
			t.Errorf("%s: screenshot of %d bytes: %v", url, len(png), err)
		}
		os.WriteFile(filepath.Join(shots, shot), png, 0o644)
		html, err := chromedp.Run(ctx, chromedp.OuterHTML("html"))
		if err != nil {
			t.Fatal(err)
		}
		return html
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	href := func(text string) string {
		return eval(`(Array.from(document.querySelectorAll("a")).find(a => a.textContent.trim() === ` + "`" + text + "`" + `) || {href: ""}).href`)
	}

	index := open(base+"/index.html", "index.png")
	if !strings.Contains(index, "淮安市洪泽区人民政府") || !strings.Contains(eval(`document.getElementById("shown").textContent`), "of 9 shown") {
		t.Errorf("body list:\n%.1500s", index)
	}
	hongze, pingtan := href("淮安市洪泽区人民政府"), href("平潭综合实验区管委会")
	open(hongze, "hongze.png")
	years := map[string]string{}
	for _, y := range []string{"2023", "2024"} {
		years[y] = eval(`(Array.from(document.querySelectorAll("tr")).find(r => r.cells.length > 1 && r.cells[0].textContent === "` + y + `") || {querySelector: () => ({href: ""})}).querySelector("a").href`)
	}
	r23 := open(years["2023"], "hongze-2023.png")
	if !regexp.MustCompile(`<td class="fail[^"]*" data-key="review.total"`).MatchString(r23) || !strings.Contains(r23, "check-review.total") {
		t.Errorf("洪泽 2023: review.total not marked failed")
	}
	r24 := open(years["2024"], "hongze-2024.png")
	if !strings.Contains(r24, "受理政府信息公开申请17件") || !regexp.MustCompile(`class="[^"]*contra[^"]*" data-key="applications.new.total"`).MatchString(r24) {
		t.Errorf("洪泽 2024: the contradiction and its sentence are not shown")
	}
	pt := open(pingtan, "pingtan.png")
	if !strings.Contains(pt, `id="chart-applications"`) || !strings.Contains(pt, "<polyline") || !strings.Contains(pt, "audit.copied") {
		t.Errorf("平潭: no chart or findings")
	}
	open(base+"/findings.html", "findings.png")
	all := eval(`document.getElementById("shown").textContent`)
	if _, err := chromedp.Run(ctx, chromedp.SetValue("#rule", "audit.copied")); err != nil {
		t.Fatal(err)
	}
	eval(`document.getElementById("rule").dispatchEvent(new Event("change")), ""`)
	copied := eval(`document.getElementById("shown").textContent`)
	if all == copied || !strings.HasSuffix(copied, "shown") || strings.HasPrefix(copied, "0 of") {
		t.Errorf("findings filter: %q, then %q for audit.copied", all, copied)
	}
}
