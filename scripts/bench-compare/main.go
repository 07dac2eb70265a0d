// Command bench-compare times gongkai's whole-document conversion (parse,
// tables, normalize, checks) of every PDF under the given folders against
// `pdftotext -layout` on the same files, in the same run, and prints the
// times per file, the totals and their ratio, and gongkai's peak resident
// memory. Each figure is the fastest of -n runs, so that other work on the
// machine disturbs it least. gongkai runs in this process, one file at a
// time (one worker); pdftotext runs as the command a user would run.
//
//	go run ./scripts/bench-compare [-n 5] ../shared/corpus
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/pdf"
)

func main() {
	n := flag.Int("n", 5, "runs per file; the fastest counts")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"../shared/corpus"}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		fmt.Fprintln(os.Stderr, "bench-compare: pdftotext not found (Debian package poppler-utils)")
		os.Exit(1)
	}
	var files []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		fmt.Fprintln(os.Stderr, "bench-compare: no PDF files found")
		os.Exit(1)
	}
	// Only PDFs are timed; the registry need not hold the other formats.
	conv := &gongkai.Converter{Registry: extract.NewRegistry(pdf.New())}
	ctx := context.Background()
	conv.File(ctx, files[0]) // warm up: dictionaries, first allocations
	var totG, totP time.Duration
	fmt.Printf("%-40s %10s %10s %7s  %s\n", "file", "gongkai", "pdftotext", "ratio", "status")
	for _, f := range files {
		var status string
		g := fastest(*n, func() { status = string(conv.File(ctx, f).Status) })
		p := fastest(*n, func() { exec.Command("pdftotext", "-layout", f, os.DevNull).Run() })
		totG += g
		totP += p
		fmt.Printf("%-40s %10s %10s %7.2f  %s\n", filepath.Base(f), round(g), round(p), g.Seconds()/p.Seconds(), status)
	}
	fmt.Printf("%-40s %10s %10s %7.2f\n", fmt.Sprintf("TOTAL (%d files)", len(files)), round(totG), round(totP), totG.Seconds()/totP.Seconds())
	fmt.Printf("gongkai peak resident memory (one worker, whole run): %s\n", peakRSS())
}

func fastest(n int, f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range max(n, 1) {
		t := time.Now()
		f()
		best = min(best, time.Since(t))
	}
	return best
}

func round(d time.Duration) string { return d.Round(10 * time.Microsecond).String() }

// peakRSS reads VmHWM from /proc (Linux); elsewhere it says so.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown (no /proc)"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
