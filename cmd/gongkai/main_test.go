package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/gongkai/gongkai/internal/golden"
	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

const samples = "../../samples/reports"

func runCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// checkGolden compares got with testdata/name (go test -update rewrites it).
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// TestExtractSamples is the README's first command: one record per sample,
// in input order, and a summary on stderr.
func TestExtractSamples(t *testing.T) {
	for _, format := range []string{"jsonl", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			code, out, errs := runCLI(t, "extract", "--format", format, samples)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, errs)
			}
			if !strings.Contains(errs, "4 files") {
				t.Errorf("summary missing from stderr: %q", errs)
			}
			checkGolden(t, "samples."+format, []byte(out))
		})
	}
}

// Every golden record validates against the committed JSON Schema.
func TestGoldenRecordsMatchSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../schema/record-" + schema.Version + ".json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no golden records")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s line %d: %v", f, i+1, err)
			}
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.bin")
	os.WriteFile(bad, []byte{0, 1, 2, 3}, 0o644)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"no paths", []string{"extract"}, exitUsage},
		{"bad flag", []string{"extract", "--no-such-flag", samples}, exitUsage},
		{"some inputs fail", []string{"extract", samples, bad}, exitSomeFailed},
		{"output not writable", []string{"extract", "-o", filepath.Join(dir, "no", "such", "dir.jsonl"), samples}, exitFatal},
		{"output is a directory", []string{"extract", "-o", dir, samples}, exitFatal},
		{"unknown format", []string{"extract", "--format", "xml", samples}, exitUsage},
		{"version", []string{"version"}, exitOK},
		{"help", []string{"extract", "-h"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, errs := runCLI(t, tt.args...); code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errs)
			}
		})
	}
}

// A failing input still gets its record, and the run goes on.
func TestBadInputGetsRecord(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a-empty.html"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "b-noise.bin"), []byte{0, 1, 2, 3, 0xff}, 0o644)
	data, _ := os.ReadFile(filepath.Join(samples, "sample-town-2024.txt"))
	os.WriteFile(filepath.Join(dir, "c-good.txt"), data, 0o644)
	code, out, _ := runCLI(t, "extract", "-q", dir)
	if code != exitSomeFailed {
		t.Errorf("exit %d, want %d", code, exitSomeFailed)
	}
	var statuses []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var rec schema.Record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, filepath.Base(rec.Source.Path)+":"+string(rec.Status))
	}
	if got := strings.Join(statuses, " "); got != "a-empty.html:error b-noise.bin:error c-good.txt:ok" {
		t.Errorf("records: %s", got)
	}
}

// Settings come from flags, then GONGKAI_* variables, then the config file.
func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "gongkai.yaml")
	os.WriteFile(cfg, []byte("format: csv\nquiet: true\n"), 0o644)
	one := filepath.Join(samples, "sample-town-2024.txt")
	tests := []struct {
		name   string
		env    string
		args   []string
		prefix string
	}{
		{"config file", "", []string{"--config", cfg}, "\uFEFFpath,"},
		{"env beats config", "json", []string{"--config", cfg}, "[\n{"},
		{"flag beats env", "json", []string{"--config", cfg, "--format", "jsonl"}, "{\"schema_version\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GONGKAI_FORMAT", tt.env)
			if tt.env == "" {
				os.Unsetenv("GONGKAI_FORMAT")
			}
			code, out, errs := runCLI(t, append(append([]string{"extract"}, tt.args...), one)...)
			if code != exitOK || !strings.HasPrefix(out, tt.prefix) {
				t.Errorf("exit %d, output starts %q, want %q", code, out[:min(len(out), 20)], tt.prefix)
			}
			if errs != "" {
				t.Errorf("quiet from the config file, yet stderr: %q", errs)
			}
		})
	}
}

func TestSchemaCommand(t *testing.T) {
	code, out, _ := runCLI(t, "schema")
	want, _ := os.ReadFile("../../schema/record-" + schema.Version + ".json")
	if code != exitOK || out != string(want) {
		t.Errorf("gongkai schema does not print the published schema (exit %d)", code)
	}
}

// No silent surprises: an output name no format has is refused (exit 2),
// and a path with no file under it is not a successful run (exit 3).
func TestNoSilentSurprises(t *testing.T) {
	if code, _, errs := runCLI(t, "extract", "-q", "-o", filepath.Join(t.TempDir(), "out.txt"), samples); code != exitUsage || !strings.Contains(errs, "names no format") {
		t.Errorf("-o out.txt: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "extract", t.TempDir()); code != exitSomeFailed || !strings.Contains(errs, "no input files found") {
		t.Errorf("an empty folder: exit %d: %s", code, errs)
	}
}

// --lean keeps the values, problems and failed checks, and drops the
// passed checks and the provenance.
func TestLean(t *testing.T) {
	_, full, _ := runCLI(t, "extract", "-q", samples)
	_, lean, _ := runCLI(t, "extract", "-q", "--lean", samples)
	a, b := parse(t, full), parse(t, lean)
	if len(a) != len(b) || len(lean) >= len(full)/2 {
		t.Fatalf("%d and %d records, %d and %d bytes", len(a), len(b), len(full), len(lean))
	}
	for i := range a {
		if !reflect.DeepEqual(a[i].Values, b[i].Values) || b[i].Provenance != nil {
			t.Errorf("%s: values differ, or provenance kept", a[i].Source.Path)
		}
		for _, c := range b[i].Checks {
			if c.OK {
				t.Errorf("%s: a passed check kept", a[i].Source.Path)
			}
		}
	}
}

// In a log (stderr no terminal) a progress line comes now and then.
func TestLogProgress(t *testing.T) {
	var done, failed atomic.Int64
	done.Store(12)
	r, w := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { logProgress(ctx, w, time.Millisecond, &done, &failed); w.Close() }()
	line, err := bufio.NewReader(r).ReadString('\n')
	cancel()
	go io.Copy(io.Discard, r)
	if err != nil || !strings.HasPrefix(line, "gongkai: 12 files done in ") {
		t.Errorf("progress line %q, %v", line, err)
	}
}

// gongkai fields prints every key of fields.tsv, of 2008–2018 and of the
// narrative, each once, with its labels.
func TestFieldsCommand(t *testing.T) {
	code, out, _ := runCLI(t, "fields", "--format", "json")
	var d []output.Entry
	if code != exitOK || json.Unmarshal([]byte(out), &d) != nil {
		t.Fatalf("exit %d: %.200s", code, out)
	}
	if want := len(schema.Fields()) + len(schema.DerivedFields) + len(schema.NarrativeKeys); len(d) != want {
		t.Errorf("%d entries, want %d", len(d), want)
	}
	seen := map[string]bool{}
	for _, e := range d {
		if seen[e.Key] || e.Label == "" || e.Unit == "" || e.Table != "narrative" && e.RowLabel == "" {
			t.Errorf("entry %+v", e)
		}
		seen[e.Key] = true
	}
	if code, out, _ := runCLI(t, "fields"); code != exitOK || !strings.HasPrefix(out, "key\ttable\t") {
		t.Errorf("tsv: exit %d: %.80s", code, out)
	}
}

// A misspelt setting in the config file is refused, naming it; a file read
// is named on stderr.
func TestConfigUnknownSetting(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("fromat: csv\n"), 0o644)
	if code, _, errs := runCLI(t, "extract", "--config", bad, samples); code != exitFatal || !strings.Contains(errs, "unknown setting fromat") {
		t.Errorf("exit %d: %s", code, errs)
	}
	// A bad value is quoted, with where it came from.
	value := filepath.Join(dir, "value.yaml")
	os.WriteFile(value, []byte("workers: abc\n"), 0o644)
	if code, _, errs := runCLI(t, "extract", "--config", value, samples); code != exitFatal || !strings.Contains(errs, `--workers "abc" (from config `+value+`): want a whole number`) {
		t.Errorf("exit %d: %s", code, errs)
	}
	t.Setenv("GONGKAI_TIMEOUT", "soon")
	if code, _, errs := runCLI(t, "extract", samples); code != exitFatal || !strings.Contains(errs, `--timeout "soon" (from GONGKAI_TIMEOUT)`) {
		t.Errorf("exit %d: %s", code, errs)
	}
	os.Unsetenv("GONGKAI_TIMEOUT")
	good := filepath.Join(dir, "good.yaml")
	os.WriteFile(good, []byte("format: csv\n"), 0o644)
	if code, out, errs := runCLI(t, "extract", "--config", good, samples); code != exitOK || !strings.Contains(errs, "settings from "+good) || !strings.HasPrefix(out, "\ufeffpath,") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// Help asked for goes to stdout with exit 0, in every form.
func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"help", "extract"}, {"extract", "--help"}, {"merge", "-h"}, {"fields", "-h"}, {"check", "-h"}} {
		code, out, errs := runCLI(t, args...)
		if code != exitOK || !strings.Contains(out, "usage: gongkai") || errs != "" {
			t.Errorf("%v: exit %d, stdout %.40q, stderr %.40q", args, code, out, errs)
		}
	}
}
