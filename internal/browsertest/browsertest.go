// Package browsertest starts headless Chromium (Debian's chromium, listed
// in .ci/apt-packages) for the tests that drive the review site through
// chromedp, as users see it; a test skips where Chromium is not installed.
package browsertest

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// New returns a browser tab's context, closed when the test ends, or skips
// the test when there is no chromium on PATH.
func New(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not found: apt-get install chromium (listed in .ci/apt-packages)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1300, 2000), chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-quic", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancel(); cancelTab(); cancelAlloc() })
	return ctx
}
