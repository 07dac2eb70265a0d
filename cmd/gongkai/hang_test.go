package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/text"
)

// trap is an extractor for files starting "HANG" (never returns, ignoring
// its context) or "PANIC" (panics): the worst an extractor can do.
type trap struct{}

func (trap) Format() string       { return "trap" }
func (trap) Extensions() []string { return nil }
func (trap) Sniff(in *extract.Input) extract.Match {
	if bytes.HasPrefix(in.Head, []byte("HANG")) || bytes.HasPrefix(in.Head, []byte("PANIC")) {
		return extract.Certain
	}
	return extract.NoMatch
}
func (trap) Extract(ctx context.Context, in *extract.Input) (*extract.Document, error) {
	if bytes.HasPrefix(in.Head, []byte("PANIC")) {
		panic("boom")
	}
	time.Sleep(time.Hour)
	return nil, nil
}

// A file that hangs or panics still gets its record, and the run goes on
// past it, in order.
func TestHangAndPanic(t *testing.T) {
	defer func(f func() *gongkai.Converter) { newConverter = f }(newConverter)
	newConverter = func() *gongkai.Converter {
		c := gongkai.New()
		c.Registry = extract.NewRegistry(trap{}, text.New())
		return c
	}
	dir := t.TempDir()
	good, _ := os.ReadFile(filepath.Join(samples, "sample-town-2024.txt"))
	for name, data := range map[string][]byte{"a-hang.bin": []byte("HANG"), "b-panic.bin": []byte("PANIC"), "c-good.txt": good, "d-hang.bin": []byte("HANG 2")} {
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	start := time.Now()
	code, out, errs := runCLI(t, "extract", "--timeout", "200ms", "--workers", "2", dir)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the run took %s", took)
	}
	if code != exitSomeFailed {
		t.Errorf("exit %d", code)
	}
	recs := parse(t, out)
	want := []struct{ name, status, msg string }{
		{"a-hang.bin", "error", "gave up after 200ms"},
		{"b-panic.bin", "error", "internal failure"},
		{"c-good.txt", "ok", ""},
		{"d-hang.bin", "error", "gave up after 200ms"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records: %v", len(recs), paths(recs))
	}
	for i, w := range want {
		r := recs[i]
		if filepath.Base(r.Source.Path) != w.name || string(r.Status) != w.status || !strings.Contains(r.Error, w.msg) {
			t.Errorf("record %d: %s %s %q; want %s %s %q", i, r.Source.Path, r.Status, r.Error, w.name, w.status, w.msg)
		}
	}
	if !strings.Contains(errs, "timeouts: 2 files were given up on (--timeout); 2 of their conversions ignored the request to stop") {
		t.Errorf("summary does not count the timeouts:\n%s", errs)
	}
}
