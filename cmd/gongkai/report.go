package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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

// progress is a bar on a terminal, drawn again five times a second:
// files done of those found so far, the rate, the time left, the failures.
// Lines written through it (problems) go above the bar.
type progress struct {
	mu        sync.Mutex
	w         io.Writer
	width     int
	start     time.Time
	found     int64
	converted int64
	failed    int64
	counted   bool // every input found
	over      bool // drawn for the last time
	stop      chan struct{}
	drawing   sync.WaitGroup
}

func newProgress(w io.Writer) *progress {
	pr := &progress{w: w, width: 100, start: time.Now(), stop: make(chan struct{})}
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 {
			pr.width = min(cols-1, 100)
		}
	}
	pr.drawing.Go(func() {
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-pr.stop:
				return
			case <-tick.C:
				pr.mu.Lock()
				pr.draw()
				pr.mu.Unlock()
			}
		}
	})
	return pr
}

// draw writes the bar over the line it is on. The caller holds mu.
func (pr *progress) draw() {
	el := time.Since(pr.start).Seconds()
	rate := float64(pr.converted) / max(el, 1e-9)
	total, eta := fmt.Sprint(pr.found), "counting files"
	if !pr.counted {
		total += "+"
	} else if rate > 0 {
		eta = "ETA " + time.Duration(float64(pr.found-pr.converted)/rate*float64(time.Second)).Round(time.Second).String()
	}
	head := fmt.Sprintf("%d/%s files ", pr.converted, total)
	tail := fmt.Sprintf(" %.1f files/s  %s  %d failed", rate, eta, pr.failed)
	bar := ""
	if n := pr.width - utf8.RuneCountInString(head+tail) - 2; n >= 10 {
		full := 0 // nothing found yet: an empty bar, not a full one
		switch {
		case pr.found > 0:
			full = int(int64(n) * min(pr.converted, pr.found) / pr.found)
		case pr.counted:
			full = n // all of nothing is done
		}
		bar = "[" + strings.Repeat("=", full) + strings.Repeat("-", n-full) + "]"
	}
	fmt.Fprintf(pr.w, "\r\033[K%s%s%s", head, bar, tail)
}

// Write writes p above the bar; once the bar is finished, after it.
func (pr *progress) Write(p []byte) (int, error) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.over {
		return pr.w.Write(p)
	}
	fmt.Fprint(pr.w, "\r\033[K")
	n, err := pr.w.Write(p)
	pr.draw()
	return n, err
}

// foundMore raises the total as the counting walk finds files.
func (pr *progress) foundMore(n int64, done bool) {
	pr.mu.Lock()
	pr.found += n
	pr.counted = pr.counted || done
	pr.mu.Unlock()
}

func (pr *progress) done(failed bool) {
	pr.mu.Lock()
	pr.converted++
	if failed {
		pr.failed++
	}
	pr.mu.Unlock()
}

// finish draws the bar a last time, complete or where it stopped, and
// ends its line, so that what follows on the terminal comes after it.
func (pr *progress) finish(complete bool) {
	close(pr.stop)
	pr.drawing.Wait()
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if complete {
		pr.found, pr.counted = pr.converted, true
	}
	pr.draw()
	fmt.Fprintln(pr.w)
	pr.over = true
}
