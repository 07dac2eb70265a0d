package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/batch"
	"github.com/gongkai/gongkai/schema"
)

// archive makes a folder of copies of the sample reports under new names,
// in nested folders, plus a few broken files; it returns the folder and the
// number of files in it.
func archive(t testing.TB, copies int) (string, int) {
	t.Helper()
	dir := t.TempDir()
	samples, _ := filepath.Glob(filepath.Join(samples, "*"))
	n := 0
	for i := range copies {
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i/10), fmt.Sprintf("batch-%d", i%3))
		os.MkdirAll(sub, 0o755)
		for _, s := range samples {
			b, _ := os.ReadFile(s)
			os.WriteFile(filepath.Join(sub, fmt.Sprintf("%03d-%s", i, filepath.Base(s))), b, 0o644)
			n++
		}
		if i%5 == 0 {
			os.WriteFile(filepath.Join(sub, fmt.Sprintf("%03d-empty.pdf", i)), nil, 0o644)
			os.WriteFile(filepath.Join(sub, fmt.Sprintf("%03d-noise.bin", i)), []byte(fmt.Sprintf("\x00\x01noise %d\xff", i)), 0o644)
			n += 2
		}
	}
	return dir, n
}

// parse reads JSON Lines records.
func parse(t testing.TB, jsonl string) []schema.Record {
	t.Helper()
	var recs []schema.Record
	for i, line := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
		if line == "" {
			continue
		}
		var r schema.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d: %v: %.80q", i+1, err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

func paths(recs []schema.Record) []string {
	var ps []string
	for _, r := range recs {
		ps = append(ps, r.Source.Path)
	}
	return ps
}

// The output is in input order, whatever the number of workers.
func TestWorkersKeepInputOrder(t *testing.T) {
	dir, n := archive(t, 12)
	_, want, _ := runCLI(t, "extract", "-q", "--workers", "1", dir)
	if got := len(parse(t, want)); got != n {
		t.Fatalf("%d records for %d files", got, n)
	}
	ps := paths(parse(t, want))
	if !slices.IsSorted(ps) {
		t.Errorf("one worker: records not in walk order")
	}
	for _, w := range []string{"2", "7"} {
		if _, got, _ := runCLI(t, "extract", "-q", "--workers", w, dir); got != want {
			t.Errorf("--workers %s: output differs from --workers 1", w)
		}
	}
}

// Shards split the inputs: every file in exactly one shard, and the shards
// together give what one run gives.
func TestShards(t *testing.T) {
	dir, n := archive(t, 10)
	_, all, _ := runCLI(t, "extract", "-q", dir)
	var union []string
	for k := range 3 {
		code, out, errs := runCLI(t, "extract", "--shard", fmt.Sprintf("%d/3", k), dir)
		if code != exitSomeFailed || !strings.Contains(errs, fmt.Sprintf("shard %d/3", k)) {
			t.Errorf("shard %d/3: exit %d, stderr %q", k, code, errs)
		}
		recs := parse(t, out)
		if len(recs) == 0 || len(recs) == n {
			t.Errorf("shard %d/3 holds %d of %d files", k, len(recs), n)
		}
		union = append(union, strings.SplitAfter(out, "\n")...)
	}
	want := strings.SplitAfter(all, "\n")
	slices.Sort(union)
	slices.Sort(want)
	// Duplicate warnings name the first copy within the run, so compare
	// records without them (merge puts them back across shards).
	if !slices.Equal(stripDup(t, union), stripDup(t, want)) {
		t.Errorf("the shards together differ from one run")
	}
}

func stripDup(t *testing.T, lines []string) []string {
	var out []string
	for _, r := range parse(t, strings.Join(lines, "")) {
		batch.Unmark(&r)
		b, _ := json.Marshal(r)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// --resume finishes a run whose output was cut anywhere, even mid-line.
func TestResume(t *testing.T) {
	dir, _ := archive(t, 6)
	out := filepath.Join(t.TempDir(), "reports.jsonl")
	runCLI(t, "extract", "-q", "-o", out, dir)
	full, _ := os.ReadFile(out)
	for _, cut := range []int{0, 1, len(full) / 3, bytes.IndexByte(full, '\n') + 1, len(full) - 2, len(full)} {
		os.WriteFile(out, full[:cut], 0o644)
		code, _, errs := runCLI(t, "extract", "-o", out, "--resume", dir)
		got, _ := os.ReadFile(out)
		if code != exitSomeFailed || !bytes.Equal(got, full) {
			t.Errorf("cut at %d of %d: exit %d, output %d bytes, want the uninterrupted %d; stderr:\n%s", cut, len(full), code, len(got), len(full), errs)
		}
		torn := cut > 0 && full[cut-1] != '\n'
		if strings.Contains(errs, "torn last line") != torn {
			t.Errorf("cut at %d: torn line reported %v, want %v", cut, !torn, torn)
		}
	}
	// Without --resume the file is overwritten.
	os.WriteFile(out, []byte("old\n"), 0o644)
	runCLI(t, "extract", "-q", "-o", out, dir)
	if got, _ := os.ReadFile(out); !bytes.Equal(got, full) {
		t.Error("without --resume the output was not overwritten")
	}
}

func TestResumeRefuses(t *testing.T) {
	dir := t.TempDir()
	notRecords := filepath.Join(dir, "notes.jsonl")
	os.WriteFile(notRecords, []byte("{\"a\":1}\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"stdout", []string{"--resume", samples}, exitUsage, "needs -o FILE"},
		{"csv", []string{"--resume", "-o", filepath.Join(dir, "x.csv"), samples}, exitUsage, "JSON Lines output in the wide layout only"},
		{"parquet", []string{"--resume", "--format", "parquet", "-o", filepath.Join(dir, "x"), samples}, exitUsage, "gongkai merge"},
		{"not our file", []string{"--resume", "-o", notRecords, samples}, exitFatal, "line 1 is not a gongkai record"},
		{"a directory", []string{"--resume", "-o", dir, samples}, exitFatal, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append([]string{"extract"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tt.code, tt.msg)
			}
		})
	}
	if b, _ := os.ReadFile(notRecords); string(b) != "{\"a\":1}\n" {
		t.Errorf("a file that is not ours was changed: %q", b)
	}
}

// An output file inside the folder being converted is not an input.
func TestOutputInsideInputs(t *testing.T) {
	dir, n := archive(t, 2)
	out := filepath.Join(dir, "reports.jsonl")
	for range 2 {
		runCLI(t, "extract", "-q", "-o", out, dir)
		b, _ := os.ReadFile(out)
		if recs := parse(t, string(b)); len(recs) != n || slices.Contains(paths(recs), out) {
			t.Errorf("%d records for %d files; the output is among them: %v", len(recs), n, slices.Contains(paths(recs), out))
		}
	}
}

// Identical files are one record each, and the later ones say so.
func TestDuplicates(t *testing.T) {
	dir := t.TempDir()
	b, _ := os.ReadFile(filepath.Join(samples, "sample-town-2024.txt"))
	for _, name := range []string{"a.txt", "b.txt", "c/d.txt"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	_, out, _ := runCLI(t, "extract", "-q", dir)
	recs := parse(t, out)
	want := filepath.Join(dir, "a.txt")
	if len(recs) != 3 || recs[0].Source.DuplicateOf != "" || recs[1].Source.DuplicateOf != want || recs[2].Source.DuplicateOf != want {
		t.Errorf("records %d; duplicate of: %q / %q / %q", len(recs), recs[0].Source.DuplicateOf, recs[1].Source.DuplicateOf, recs[2].Source.DuplicateOf)
	}
	for _, r := range recs {
		if r.Status != schema.StatusOK {
			t.Errorf("%s: a duplicate is still converted, status %s", r.Source.Path, r.Status)
		}
	}
}

// On a terminal stderr shows a progress bar; the summary comes at the end.
func TestProgressAndSummary(t *testing.T) {
	dir, n := archive(t, 6)
	defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
	isTerminal = func(io.Writer) bool { return true }
	code, _, errs := runCLI(t, "extract", "--workers", "2", dir)
	if code != exitSomeFailed {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{fmt.Sprintf("%d/%d files", n, n), "files/s", "failed", "ETA",
		fmt.Sprintf("gongkai: %d files in", n), "by format: html", "slowest:", "duplicates:", "empty.pdf: error: extract: empty file"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, _, errs := runCLI(t, "extract", "-q", dir); errs != "" {
		t.Errorf("-q, yet stderr: %q", errs)
	}
}

// A run interrupted (Ctrl-C, SIGTERM) writes no record for the files it was
// converting: their records would say "interrupted", and --resume would
// then skip them.
func TestInterrupted(t *testing.T) {
	dir, n := archive(t, 20)
	out := filepath.Join(t.TempDir(), "reports.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	if code := run(ctx, []string{"extract", "-o", out, dir}, io.Discard, &stderr); code != exitInterrupted {
		t.Errorf("exit %d, want %d", code, exitInterrupted)
	}
	if !strings.Contains(stderr.String(), "--resume") {
		t.Errorf("stderr does not say how to finish: %q", stderr.String())
	}
	b, _ := os.ReadFile(out)
	if recs := parse(t, string(b)); len(recs) >= n {
		t.Errorf("%d records after an interrupt", len(recs))
	}
	if bytes.Contains(b, []byte("context canceled")) {
		t.Error("a record of an interrupted conversion was written")
	}
}

// A folder given as a symbolic link is walked; links inside it are not.
func TestSymlinkedRoot(t *testing.T) {
	dir, n := archive(t, 2)
	root := filepath.Join(t.TempDir(), "archive")
	if err := os.Symlink(dir, root); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
	_, out, _ := runCLI(t, "extract", "-q", root)
	recs := parse(t, out)
	if len(recs) != n || !strings.HasPrefix(recs[0].Source.Path, root+string(filepath.Separator)) || strings.Contains(recs[0].Source.Path, "//") {
		t.Errorf("%d records for %d files, first %q", len(recs), n, recs[0].Source.Path)
	}
}

// A usage error leaves an existing output file alone.
func TestUsageErrorKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reports.jsonl")
	os.WriteFile(out, []byte("precious\n"), 0o644)
	for _, args := range [][]string{{"--format", "xml"}, {"--shard", "9/4"}, {"--workers", "0"}, {"--max-size", "lots"}, {"--ocr", "sometimes"}} {
		code, _, _ := runCLI(t, append(append([]string{"extract", "-o", out}, args...), samples)...)
		if b, _ := os.ReadFile(out); code != exitUsage || string(b) != "precious\n" {
			t.Errorf("%v: exit %d, output now %q", args, code, b)
		}
	}
}

// On a terminal, with no -o, stdout gets a line a record and a word on
// how to get the records, not a screen of JSON; a pipe gets the records.
func TestTerminalSummary(t *testing.T) {
	defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
	isTerminal = func(io.Writer) bool { return true }
	code, out, _ := runCLI(t, "extract", "-q", samples)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || strings.Contains(out, "{") || !strings.Contains(out, "-o FILE") {
		t.Fatalf("exit %d: %s", code, out)
	}
	if ok := strings.Count(out, "\nok "); !strings.HasPrefix(lines[0], "ok ") || ok+1 != len(lines)-2 {
		t.Errorf("want a line a record:\n%s", out)
	}
	isTerminal = func(io.Writer) bool { return false }
	if _, out, _ := runCLI(t, "extract", "-q", samples); !strings.HasPrefix(out, `{"schema_version"`) {
		t.Errorf("to a pipe: %.80s", out)
	}
}

// A zip of reports converts entry by entry, and audit and serve --export
// take its records (audit reading the entries' text; the site serving no
// source file for them).
func TestArchiveRun(t *testing.T) {
	dir := t.TempDir()
	zipFile := filepath.Join(dir, "bulk.zip")
	f, _ := os.Create(zipFile)
	zw := zip.NewWriter(f)
	files, _ := filepath.Glob(filepath.Join(samples, "*"))
	for _, s := range files {
		b, _ := os.ReadFile(s)
		w, _ := zw.Create("reports/" + filepath.Base(s))
		w.Write(b)
	}
	zw.Close()
	f.Close()
	records := filepath.Join(dir, "r.jsonl")
	if code, _, errs := runCLI(t, "extract", "-q", "-o", records, zipFile); code != exitOK {
		t.Fatalf("extract: exit %d %s", code, errs)
	}
	b, _ := os.ReadFile(records)
	if n := strings.Count(string(b), `"path":"`+zipFile+`!/reports/`); n != len(files) {
		t.Errorf("%d records of entries, want %d", n, len(files))
	}
	if code, _, errs := runCLI(t, "audit", "-q", records); code != exitOK {
		t.Errorf("audit: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "serve", "--export", filepath.Join(dir, "site"), records); code != exitOK {
		t.Errorf("serve --export: exit %d %s", code, errs)
	}
}

// The summary says how many pages OCR read, and what their files took.
func TestSummaryOCR(t *testing.T) {
	tl := newTally()
	tl.add(batch.Result{Record: schema.Record{Source: schema.Source{Path: "scan.pdf", OCRPages: 3}}, Took: 9 * time.Second})
	tl.add(batch.Result{Record: schema.Record{Source: schema.Source{Path: "text.pdf"}}, Took: time.Second})
	var b strings.Builder
	tl.print(&b, 1, batch.Shard{}, "")
	if want := "OCR: 3 pages of 1 files read from pictures (those files took 9s, 3.0 s a page)"; !strings.Contains(b.String(), want) {
		t.Errorf("summary:\n%s\nwant %q", b.String(), want)
	}
}

// The soft memory limit follows the workers, and GOMEMLIMIT overrides it.
// TestBusyWorkers: a run of a few plain files needs no more workers'
// memory than it has files; a folder, a zip of reports or stdin may hold
// any number.
func TestBusyWorkers(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	zipped := filepath.Join(dir, "reports.zip")
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("r.txt")
	w.Write([]byte("x"))
	zw.Close()
	if err := os.WriteFile(zipped, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		workers int
		roots   []string
		want    int
	}{
		{4, []string{a}, 1},
		{4, []string{a, b}, 2},
		{2, []string{a, b}, 2},
		{1, []string{a, b}, 1},
		{4, []string{dir}, 4},
		{4, []string{a, zipped}, 4},
		{4, []string{"-"}, 4},
		{4, []string{filepath.Join(dir, "missing")}, 4},
	} {
		if got := busy(tc.workers, tc.roots); got != tc.want {
			t.Errorf("busy(%d, %v) = %d, want %d", tc.workers, tc.roots, got, tc.want)
		}
	}
}

func TestMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "")
	setMemoryLimit(2)
	if got := debug.SetMemoryLimit(-1); got != 80<<20 {
		t.Errorf("limit with 2 workers = %d MiB, want 80", got>>20)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(old)
	setMemoryLimit(2)
	if got := debug.SetMemoryLimit(-1); got != old {
		t.Errorf("GOMEMLIMIT set, yet the limit became %d", got)
	}
}

// On a terminal the lines a record and the summary never run into the
// progress bar's line: a record's line is written above the bar (the bar's
// line cleared first), the summary after the bar's last drawing.
func TestProgressLines(t *testing.T) {
	defer func(f func(io.Writer) bool) { isTerminal = f }(isTerminal)
	isTerminal = func(io.Writer) bool { return true }
	_, _, errs := runCLI(t, "extract", "--workers", "1", samples)
	for _, mark := range []string{"ok      ", "gongkai: ", "That is a summary"} {
		for rest := errs; ; {
			i := strings.Index(rest, mark)
			if i < 0 {
				break
			}
			if before := rest[:i]; before != "" && !strings.HasSuffix(before, "\n") && !strings.HasSuffix(before, "\033[K") {
				t.Errorf("%q follows %q on its line", mark, before[max(0, len(before)-40):])
			}
			rest = rest[i+len(mark):]
		}
	}
	if !strings.Contains(errs, "ok      ") || !strings.Contains(errs, "files [") {
		t.Errorf("no record lines or no bar on stderr:\n%s", errs)
	}
}
