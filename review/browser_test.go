package review

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/browsertest"
)

// TestFiltersInBrowser drives the findings and bodies filters in headless
// Chromium through chromedp, against the site served over HTTP: choosing
// a severity hides the other rows; a search hides the other bodies.
func TestFiltersInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 60*time.Second)
	s, _ := testSite(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	step := func(a chromedp.Action[chromedp.Void]) {
		if _, err := chromedp.Run(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	step(chromedp.Navigate(srv.URL + "/findings.html"))
	step(chromedp.WaitVisible("#shown"))
	before := text("#shown")
	step(chromedp.SetValue("#severity", "warning"))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("severity").dispatchEvent(new Event("change"))`)); err != nil {
		t.Fatal(err)
	}
	after := text("#shown")
	step(chromedp.Navigate(srv.URL + "/index.html"))
	step(chromedp.WaitVisible("#q"))
	step(chromedp.SendKeys("#q", "盱眙"))
	bodies := text("#shown")
	if !strings.HasPrefix(before, "1 of 1") || !strings.HasPrefix(after, "0 of 1") || !strings.HasPrefix(bodies, "0 of 1") {
		t.Errorf("findings %q then %q after choosing warnings; bodies %q after a search", before, after, bodies)
	}
}
