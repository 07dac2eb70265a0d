package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/batch"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

// defaultMaxSize is --max-size's default, also the bound on what audit and
// serve read again of a source file.
const defaultMaxSize = "512MB"

// layoutUsage is --layout's help, in extract and merge.
const layoutUsage = "wide (a row a report) or long (a row a value: path, key, value, where printed), in every format"

// newConverter makes the converter of a run; tests replace it to add
// extractors that hang or panic.
var newConverter = gongkai.New

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("extract", "usage: gongkai extract [flags] PATH...\n\nConverts each file (folders are walked recursively) into one record.\n\n", stderr)
	fs.StringP("output", "o", "", "write records to `FILE` (format from its extension: .jsonl, .json, .csv, .parquet, .xlsx) instead of stdout; an existing FILE is overwritten unless --resume")
	fs.String("format", "", "output format: "+strings.Join(output.Formats, ", ")+" (default: from -o, else jsonl)")
	fs.String("layout", string(output.Wide), layoutUsage)
	fs.BoolP("quiet", "q", false, "no progress, problems or summary on stderr")
	fs.String("config", "", "read settings from `FILE` (default ./gongkai.yaml or the user config dir's gongkai/config.yaml)")
	fs.IntP("workers", "w", runtime.GOMAXPROCS(0), "convert `N` files at a time (the CPUs available, container limits included)")
	fs.Duration("timeout", 2*time.Minute, "give up on a file after this long (its record says so); 0 for no limit")
	fs.String("max-size", defaultMaxSize, "files larger than this are not read (their record says so); 0 for no limit")
	fs.Duration("progress-interval", 30*time.Second, "when stderr is not a terminal (a log file, a cluster job), print a progress line this often; 0 for none")
	fs.Bool("lean", false, "write lean records: only the failed checks, no provenance (a third of the size; the values, problems and failed checks stay)")
	fs.Bool("resume", false, "finish an interrupted run: keep the records already in the -o FILE (JSON Lines), convert only the inputs not yet in it")
	fs.String("ocr", "auto", "read pictures of text with OCR (Tesseract): auto (pages and Word documents with no usable text otherwise), off, or force (every page that is a picture, its text layer set aside)")
	fs.String("shard", "", "convert only shard `K/N` of the inputs (K from 0 to N-1), chosen by a hash of each path, for cluster job arrays")
	if code, ok := parseFlags(fs, args, 1, stderr); !ok {
		return code
	}
	v, err := config(fs)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	if file := v.GetString("config"); file != "" && !v.GetBool("quiet") {
		fmt.Fprintf(stderr, "gongkai: settings from %s\n", file)
	}
	o := extractRun{
		roots: fs.Args(), output: v.GetString("output"), format: v.GetString("format"), layout: output.Layout(v.GetString("layout")),
		quiet: v.GetBool("quiet"), workers: v.GetInt("workers"), resume: v.GetBool("resume"), lean: v.GetBool("lean"),
		every: v.GetDuration("progress-interval"),
	}
	if o.format == "" {
		o.format = output.FormatFor(o.output)
	}
	size, err := parseByteSize(v.GetString("max-size"))
	if err == nil {
		o.shard, err = batch.ParseShard(v.GetString("shard"))
	}
	ocrMode, oerr := extract.ParseOCRMode(v.GetString("ocr"))
	switch {
	case err != nil:
	case oerr != nil:
		err = fmt.Errorf("--ocr %q: want auto, off or force", v.GetString("ocr"))
	case ocrMode == extract.OCRForce && !ocr.Available():
		err = fmt.Errorf("--ocr force: %v", ocr.ErrNoTesseract)
	}
	if _, ferr := output.New(o.format, o.layout, io.Discard); ferr != nil && err == nil {
		err = ferr // before -o is opened, which would empty it
	}
	switch {
	case err != nil:
	case o.workers < 1:
		err = fmt.Errorf("--workers %d: want 1 or more", o.workers)
	case o.resume && o.output == "":
		err = errors.New("--resume needs -o FILE: the records already written are read from it")
	case o.resume && (o.format != "jsonl" || o.layout == output.Long):
		err = fmt.Errorf("--resume works with JSON Lines output in the wide layout only (written a record at a time); write .jsonl and convert it afterwards with gongkai merge OUT.%s FILE.jsonl", o.format)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitUsage
	}
	conv := newConverter()
	conv.MaxSize, conv.Timeout, conv.OCR = size, v.GetDuration("timeout"), ocrMode
	setMemoryLimit(busy(o.workers, o.roots))
	return o.extract(ctx, conv, stdout, stderr)
}

// setMemoryLimit sets the Go runtime's soft memory limit for a run of n
// busy workers, unless GOMEMLIMIT does. With GOGC=300 (main.go) the heap
// grows to four times what is live: a 1000-page compiled report, 28 MB
// live at its peak, reached 109 MB resident; with the limit, 61 MB, for a
// tenth more CPU on that file and nothing on a report's few pages.
func setMemoryLimit(n int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(memoryBase + memoryPerWorker*n))
	}
}

// memoryBase and memoryPerWorker make the soft memory limit of a run.
const memoryBase, memoryPerWorker = 16 << 20, 32 << 20

// busy is how many of n workers a run can keep busy: no more than the
// files it is given when they are all plain files (a folder or a zip of
// reports may hold any number). A single file gets one worker's memory.
func busy(n int, roots []string) int {
	if len(roots) >= n {
		return n
	}
	for _, r := range roots {
		st, err := os.Stat(r)
		if err != nil || !st.Mode().IsRegular() {
			return n
		}
		if _, ok, _ := gongkai.ArchiveEntries(r); ok {
			return n
		}
	}
	return max(1, len(roots))
}

// extractRun is one extract run's settings.
type extractRun struct {
	roots          []string
	output, format string
	layout         output.Layout
	quiet, resume  bool
	lean           bool          // only failed checks, no provenance
	every          time.Duration // progress lines in a log
	workers        int
	shard          batch.Shard
}

func (o *extractRun) extract(ctx context.Context, conv *gongkai.Converter, stdout, stderr io.Writer) int {
	t := newTally()
	seen := batch.NewDuplicates()
	in := &batch.Inputs{Roots: o.roots, Shard: o.shard}
	var dst io.Writer = stdout
	if o.output != "" {
		f, e, err := o.open(func(s batch.Head) {
			t.earlier++
			t.count(s.Status, s.Source.Format)
			seen.First(s.Source.SHA256, s.Source.Path)
		})
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
		defer f.Close()
		dst = f
		if st, err := f.Stat(); err == nil {
			in.Output = st
		}
		if e != nil {
			in.Done = func(p string) bool { return e.Paths[p] }
			if e.Torn > 0 && !o.quiet {
				fmt.Fprintf(stderr, "gongkai: %s: cut off a torn last line (%d bytes) left by the interrupted run\n", o.output, e.Torn)
			}
		}
	}
	w, err := output.New(o.format, o.layout, dst)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitUsage
	}
	if o.output == "" && isTerminal(stdout) {
		w = &terminalSummary{w: stdout}
	}

	var bar *progress
	problems := stderr
	var counting sync.WaitGroup
	countCtx, stopCounting := context.WithCancel(ctx)
	var done, failed atomic.Int64
	switch {
	case !o.quiet && isTerminal(stderr):
		bar = newProgress(stderr)
		problems = bar
		if ts, ok := w.(*terminalSummary); ok {
			ts.w = bar // the lines a record go above the bar, not into it
		}
		counting.Go(func() { countInputs(countCtx, in, bar) })
	case !o.quiet && o.every > 0:
		// No bar in a log: a line now and then shows the job is alive.
		counting.Go(func() { logProgress(countCtx, stderr, o.every, &done, &failed) })
	}

	runner := &batch.Runner{Converter: conv, Workers: o.workers, Seen: seen}
	lines, _ := w.(output.LineWriter)
	if lines != nil {
		runner.Encode = func(rec schema.Record) ([]byte, error) { // on error, Write below says it
			return output.Line(o.shape(rec))
		}
	}
	walkErr, err := runner.Run(ctx, in.Walk, func(r batch.Result) error {
		var err error
		if r.Line != nil {
			err = lines.WriteLine(r.Line)
		} else {
			err = w.Write(o.shape(r.Record))
		}
		if err != nil {
			return err
		}
		t.add(r)
		done.Add(1)
		if r.Record.Status == schema.StatusError {
			failed.Add(1)
		}
		if bar != nil {
			bar.done(r.Record.Status == schema.StatusError)
		}
		if !o.quiet && r.Record.Status != schema.StatusOK {
			fmt.Fprintf(problems, "%s: %s: %s\n", r.Record.Source.Path, r.Record.Status, r.Record.Error)
		}
		return nil
	})
	stopCounting()
	counting.Wait()
	if bar != nil {
		bar.finish(ctx.Err() == nil && err == nil)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil && walkErr != nil && ctx.Err() == nil {
		err = walkErr
	}
	if !o.quiet {
		t.abandoned = conv.Abandoned()
		t.print(stderr, o.workers, o.shard, o.output)
	}
	return o.exitCode(ctx, err, t, stderr)
}

// exitCode says how the run ended, and why when not well.
func (o *extractRun) exitCode(ctx context.Context, err error, t *tally, stderr io.Writer) int {
	switch {
	case ctx.Err() != nil:
		if !o.quiet && o.output != "" && o.format == "jsonl" {
			fmt.Fprintf(stderr, "gongkai: interrupted; run the same command with --resume to finish\n")
		}
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	case t.status[schema.StatusError] > 0:
		return exitSomeFailed
	case t.total() == 0 && !anyFile(o.roots):
		// A mistyped path or an empty mount must not pass as a run. (A
		// shard that happens to hold no file of a real archive is fine.)
		fmt.Fprintf(stderr, "gongkai: no input files found under %s\n", strings.Join(o.roots, ", "))
		return exitSomeFailed
	}
	return exitOK
}

// open opens the output: afresh, or with --resume after the records an
// earlier run wrote, which are passed to seen.
func (o *extractRun) open(seen func(batch.Head)) (*os.File, *batch.Earlier, error) {
	if !o.resume {
		f, err := os.Create(o.output)
		return f, nil, err
	}
	f, err := os.OpenFile(o.output, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	e, err := batch.Resume(f, seen)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, e, nil
}

// countInputs walks the inputs a second time, only counting, so that the
// progress bar knows the total while the conversion is under way.
func countInputs(ctx context.Context, in *batch.Inputs, bar *progress) {
	var n int64
	err := in.Walk(ctx, func(batch.Input) error {
		if n++; n%500 == 0 {
			bar.foundMore(500, false)
			n = 0
		}
		return nil
	})
	bar.foundMore(n, err == nil)
}

// anyFile reports whether any of the roots is, or holds, a file.
func anyFile(roots []string) bool {
	found := errors.New("found")
	for _, root := range roots {
		err := filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				return found
			}
			return nil
		})
		if errors.Is(err, found) {
			return true
		}
	}
	return false
}

// shape makes a record lean when --lean asks: passed checks and
// provenance are most of a record's bytes (about 47% and 41%) and what a
// dataset of a million reports can do without.
func (o *extractRun) shape(rec schema.Record) schema.Record {
	if !o.lean {
		return rec
	}
	failed := func(cs []schema.Check) []schema.Check {
		out := []schema.Check{}
		for _, c := range cs {
			if !c.OK {
				out = append(out, c)
			}
		}
		return out
	}
	rec.Checks, rec.NarrativeChecks, rec.Provenance = failed(rec.Checks), failed(rec.NarrativeChecks), nil
	return rec
}

// logProgress writes a progress line every interval until ctx ends.
func logProgress(ctx context.Context, w io.Writer, every time.Duration, done, failed *atomic.Int64) {
	start := time.Now()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			n := done.Load()
			fmt.Fprintf(w, "gongkai: %d files done in %s (%.1f files/s), %d failed\n", n,
				time.Since(start).Round(time.Second), float64(n)/time.Since(start).Seconds(), failed.Load())
		}
	}
}
