package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/gongkai/gongkai/batch"
	"github.com/gongkai/gongkai/schema"
)

// isTerminal says whether w is a terminal, where a progress bar belongs.
// A variable so that tests can pretend.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// tally counts what a run wrote, for the summary and the exit code.
type tally struct {
	start     time.Time
	status    map[schema.Status]int
	format    map[string]int
	earlier   int // records already in the output (--resume)
	fresh     int
	dups      int
	timeouts  int
	abandoned int // conversions still running after their timeout, at the end
	ocrFiles  int // files with pages read by OCR
	ocrPages  int
	ocrTook   time.Duration // what those files took, OCR and the rest
	slowest   []batch.Result
}

func newTally() *tally {
	return &tally{start: time.Now(), status: map[schema.Status]int{}, format: map[string]int{}}
}

func (t *tally) count(status schema.Status, format string) {
	t.status[status]++
	if format == "" {
		format = "unknown"
	}
	t.format[format]++
}

// add counts a record written by this run.
func (t *tally) add(r batch.Result) {
	t.fresh++
	t.count(r.Record.Status, r.Record.Source.Format)
	if r.Duplicate {
		t.dups++
	}
	if r.Record.ErrorKind == schema.KindTimeout {
		t.timeouts++
	}
	if n := r.Record.Source.OCRPages; n > 0 {
		t.ocrFiles++
		t.ocrPages += n
		t.ocrTook += r.Took
	}
	const keep = 5
	r.Record, r.Line = schema.Record{Source: schema.Source{Path: r.Record.Source.Path}}, nil
	i, _ := slices.BinarySearchFunc(t.slowest, r, func(a, b batch.Result) int { return cmp.Compare(b.Took, a.Took) })
	if i < keep {
		t.slowest = slices.Insert(t.slowest, i, r)
		t.slowest = t.slowest[:min(len(t.slowest), keep)]
	}
}

func (t *tally) total() int { return t.earlier + t.fresh }

// print writes the summary: counts by status and format, the slowest
// files, the time.
func (t *tally) print(w io.Writer, workers int, sh batch.Shard, output string) {
	took := time.Since(t.start)
	rate := float64(t.fresh) / max(took.Seconds(), 1e-9)
	counts := fmt.Sprintf("%d ok, %d partial, %d error", t.status[schema.StatusOK], t.status[schema.StatusPartial], t.status[schema.StatusError])
	fmt.Fprintf(w, "gongkai: %d files in %s (%.1f files/s, %d workers)", t.fresh, took.Round(time.Millisecond), rate, workers)
	if t.earlier > 0 {
		fmt.Fprintf(w, ", after the %d records already in %s; all %d: %s\n", t.earlier, output, t.total(), counts)
	} else {
		fmt.Fprintf(w, ": %s\n", counts)
	}
	if sh.N > 1 {
		fmt.Fprintf(w, "  shard %s of the inputs\n", sh)
	}
	var formats []string
	for f, n := range t.format {
		formats = append(formats, fmt.Sprintf("%s %d", f, n))
	}
	slices.Sort(formats)
	if len(formats) > 0 {
		fmt.Fprintf(w, "  by format: %s\n", strings.Join(formats, ", "))
	}
	if t.dups > 0 {
		fmt.Fprintf(w, "  duplicates: %d files have the same content as an earlier one (their records say which)\n", t.dups)
	}
	if t.timeouts > 0 {
		fmt.Fprintf(w, "  timeouts: %d files were given up on (--timeout)", t.timeouts)
		if t.abandoned > 0 {
			fmt.Fprintf(w, "; %d of their conversions ignored the request to stop and were still running at the end", t.abandoned)
		}
		fmt.Fprintln(w)
	}
	if t.ocrPages > 0 {
		fmt.Fprintf(w, "  OCR: %d pages of %d files read from pictures (those files took %s, %.1f s a page)\n",
			t.ocrPages, t.ocrFiles, t.ocrTook.Round(time.Millisecond), t.ocrTook.Seconds()/float64(t.ocrPages))
	}
	if len(t.slowest) > 0 && t.fresh > len(t.slowest) {
		fmt.Fprintf(w, "  slowest:\n")
		for _, r := range t.slowest {
			fmt.Fprintf(w, "    %8s  %s\n", r.Took.Round(time.Millisecond), r.Record.Source.Path)
		}
	}
}

// progress is a bar on a terminal: files done of those found so far, the
// rate, the time left, the failures.
type progress struct {
	p             *mpb.Progress
	bar           *mpb.Bar
	start         time.Time
	found, failed atomic.Int64
	counted       atomic.Bool
}

func newProgress(w io.Writer) *progress {
	pr := &progress{start: time.Now()}
	pr.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(100), mpb.WithRefreshRate(200*time.Millisecond), mpb.WithAutoRefresh())
	pr.bar = pr.p.AddBar(0,
		mpb.PrependDecorators(decor.Any(pr.counts, decor.WCSyncSpaceR)),
		mpb.AppendDecorators(decor.Any(pr.rate, decor.WCSyncSpace)),
	)
	return pr
}

func (pr *progress) counts(s decor.Statistics) string {
	total := fmt.Sprint(s.Total)
	if !pr.counted.Load() {
		total += "+"
	}
	return fmt.Sprintf("%d/%s files", s.Current, total)
}

func (pr *progress) rate(s decor.Statistics) string {
	el := time.Since(pr.start).Seconds()
	r := float64(s.Current) / max(el, 1e-9)
	eta := "counting files"
	if pr.counted.Load() && r > 0 {
		eta = "ETA " + time.Duration(float64(s.Total-s.Current)/r*float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("%.1f files/s  %s  %d failed", r, eta, pr.failed.Load())
}

// foundMore raises the total as the counting walk finds files.
func (pr *progress) foundMore(n int64, done bool) {
	pr.bar.SetTotal(pr.found.Add(n), false)
	if done {
		pr.counted.Store(true)
	}
}

func (pr *progress) done(failed bool) {
	if failed {
		pr.failed.Add(1)
	}
	pr.bar.Increment()
}

// finish completes the bar (or leaves it where it stopped) and waits for
// its last drawing, so that what follows on the terminal comes after it.
func (pr *progress) finish(complete bool) {
	if complete {
		pr.bar.SetTotal(-1, true)
	} else {
		pr.bar.Abort(false)
	}
	pr.p.Wait()
}
