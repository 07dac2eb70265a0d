// Command scanbench measures OCR on reports nobody has tuned it on: it
// scans documents the way generated/scans/MANIFEST.md says the corpus's
// scans were made, reads the scans, and scores each against the same
// document read from its text (which the gold tests hold at 100%).
//
// Each source (a PDF, or an HTML page printed to PDF by Chromium) is
// scanned by internal/scan: clean (200 dpi, JPEG 85) and rough (150–165
// dpi, tilted up to 1.5°, blurred, noisy, lit unevenly from a corner, JPEG
// 60), with -seeds rough copies of different seeds. A value is right, wrong and marked
// ocr_uncertain, wrong and silent, absent, or invented (a key the text
// does not hold); silent and invented values are what must never happen.
//
//	go run ./scripts/scanbench [-seeds 1] [-keep DIR] [-only rough] [-match TEXT] [FILE | SCAN=FILE ...]
//
// SCAN=FILE reads a scan made elsewhere (the corpus's) against FILE.
//
// The default files are the corpus's real reports of the 2019 and 2021
// templates, the generated report's PDFs and the bundled samples.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/internal/scan"
	"github.com/gongkai/gongkai/schema"
)

func main() {
	seeds := flag.Int("seeds", 1, "rough scans of each source, each with its own seed")
	keep := flag.String("keep", "", "write the scans into `DIR` and keep them")
	only := flag.String("only", "", "clean or rough: make only that kind")
	workers := flag.Int("w", 2, "scans read at a time")
	verbose := flag.Bool("v", false, "list every value not right")
	match := flag.String("match", "", "only the scans whose names hold `TEXT`")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		files = defaults()
	}
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "scanbench")
		if err != nil {
			fail("%v", err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("%v", err)
	}

	type job struct {
		src, scan, kind string
		ref             schema.Record
	}
	var jobs []job
	textConv := gongkai.New()
	textConv.OCR = extract.OCROff
	for _, f := range files {
		// SCAN=SOURCE reads a scan made elsewhere against its source.
		given, f, isGiven := strings.Cut(f, "=")
		if !isGiven {
			f = given
		}
		ref := textConv.File(context.Background(), f)
		if ref.Status == "error" || len(ref.Values) == 0 {
			fmt.Fprintf(os.Stderr, "scanbench: %s: skipped, its text gives no values (%s)\n", f, ref.Error)
			continue
		}
		if isGiven {
			kind := "clean"
			if strings.Contains(given, "rough") {
				kind = "rough"
			}
			jobs = append(jobs, job{f, given, kind, ref})
			continue
		}
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		// Scans already in a kept folder are read again as they are.
		produce := func(out string, rng *rand.Rand) {
			if _, err := os.Stat(out); err == nil && *keep != "" {
				return
			}
			pdf, err := asPDF(f, dir)
			var b []byte
			if err == nil {
				b, err = scan.PDF(pdf, 0, 0, rng)
			}
			if err == nil {
				err = os.WriteFile(out, b, 0o644)
			}
			if err != nil {
				fail("%s: %v", f, err)
			}
		}
		var outs []string
		if *only != "rough" {
			outs = append(outs, filepath.Join(dir, base+"-clean.pdf"))
		}
		if *only != "clean" {
			for s := 1; s <= *seeds; s++ {
				outs = append(outs, filepath.Join(dir, fmt.Sprintf("%s-rough%d.pdf", base, s)))
			}
		}
		for _, out := range outs {
			if !strings.Contains(filepath.Base(out), *match) {
				continue
			}
			var rng *rand.Rand
			kind := "clean"
			if strings.Contains(out, "-rough") {
				var s int
				fmt.Sscanf(out[strings.LastIndex(out, "-rough")+6:], "%d", &s)
				rng, kind = scan.Seed(base, s), "rough"
			}
			produce(out, rng)
			jobs = append(jobs, job{f, out, kind, ref})
		}
	}

	results := make([]string, len(jobs))
	type tally struct{ values, right, marked, silent, absent, invented, meta, docs int }
	totals := map[string]*tally{"clean": {}, "rough": {}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, *workers)
	conv := gongkai.New()
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			rec := conv.File(context.Background(), j.scan)
			took := time.Since(start)
			uncertain := map[string]bool{}
			for _, p := range rec.Problems {
				if p.Kind == schema.ProblemOCRUncertain {
					uncertain[p.Key] = true
				}
			}
			var t tally
			var notes []string
			for k, want := range j.ref.Values {
				t.values++
				got, ok := rec.Values[k]
				switch {
				case !ok:
					t.absent++
					notes = append(notes, fmt.Sprintf("  absent   %s = %v", k, want))
				case got == want:
					t.right++
				case uncertain[k]:
					t.marked++
					notes = append(notes, fmt.Sprintf("  marked   %s = %v, not %v", k, got, want))
				default:
					t.silent++
					notes = append(notes, fmt.Sprintf("  SILENT   %s = %v, not %v", k, got, want))
				}
			}
			for k, got := range rec.Values {
				if _, ok := j.ref.Values[k]; !ok {
					t.invented++
					notes = append(notes, fmt.Sprintf("  INVENTED %s = %v", k, got))
				}
			}
			meta := rec.Report.Agency == j.ref.Report.Agency && rec.Report.Year == j.ref.Report.Year
			if meta {
				t.meta++
			} else {
				notes = append(notes, fmt.Sprintf("  metadata %q %d, not %q %d", rec.Report.Agency, rec.Report.Year, j.ref.Report.Agency, j.ref.Report.Year))
			}
			t.docs++
			sort.Strings(notes)
			line := fmt.Sprintf("%-5s %-40s %3d/%3d right, %d marked, %d silent, %d absent, %d invented, %d pages in %.0fs",
				j.kind, filepath.Base(j.scan), t.right, t.values, t.marked, t.silent, t.absent, t.invented, rec.Source.OCRPages, took.Seconds())
			if rec.Status == "error" {
				line += "; error: " + rec.Error
			}
			if *verbose || t.silent > 0 || t.invented > 0 || !meta {
				line += "\n" + strings.Join(notes, "\n")
			}
			results[i] = line
			fmt.Fprintln(os.Stderr, line)
			mu.Lock()
			s := totals[j.kind]
			s.values += t.values
			s.right += t.right
			s.marked += t.marked
			s.silent += t.silent
			s.absent += t.absent
			s.invented += t.invented
			s.meta += t.meta
			s.docs += t.docs
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(strings.Join(results, "\n"))
	for _, k := range []string{"clean", "rough"} {
		s := totals[k]
		if s.docs == 0 {
			continue
		}
		fmt.Printf("%s: %d/%d right (%.2f%%), %d marked, %d silent, %d absent, %d invented; metadata %d/%d\n",
			k, s.right, s.values, 100*float64(s.right)/float64(s.values), s.marked, s.silent, s.absent, s.invented, s.meta, s.docs)
	}
}

// defaults are the corpus's reports of the current templates whose text
// reads, and the bundled samples.
func defaults() []string {
	var fs []string
	for _, g := range []string{
		"../shared/corpus/real/*.pdf",
		"../shared/corpus/real/pingtan-20[12]?.html",
		"../shared/corpus/real/shanghai-*.html",
		"../shared/corpus/real/suqian-*.html",
		"../shared/corpus/generated/report_serif.pdf",
		"../shared/corpus/generated/report_wqy.pdf",
		"samples/reports/*.html",
	} {
		m, _ := filepath.Glob(g)
		fs = append(fs, m...)
	}
	return fs
}

// asPDF returns f as a PDF: itself, or an HTML page printed by Chromium.
func asPDF(f, dir string) (string, error) {
	if strings.EqualFold(filepath.Ext(f), ".pdf") {
		return f, nil
	}
	abs, err := filepath.Abs(f)
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".printed.pdf")
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "chromium-profile"), "--no-pdf-header-footer",
		"--print-to-pdf="+out, "file://"+abs)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("chromium (Debian package chromium): %v\n%s", err, b)
	}
	return out, nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "scanbench: "+format+"\n", args...)
	os.Exit(1)
}
