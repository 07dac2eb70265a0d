package review

import (
	"context"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestFiltersInBrowser drives the findings and bodies filters in headless
// Chromium through chromedp, against the site served over HTTP: choosing
// a severity hides the other rows; a search hides the other bodies.
func TestFiltersInBrowser(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found: apt-get install chromium (listed in .ci/apt-packages)")
	}
	s, _ := testSite(t)
	srv := httptest.NewServer(s)
	defer srv.Close()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-quic", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
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
