package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Shards merged give the records one run over the whole archive gives,
// duplicate warnings included.
func TestMergeShards(t *testing.T) {
	dir, n := archive(t, 10)
	tmp := t.TempDir()
	_, single, _ := runCLI(t, "extract", "-q", dir)
	var shards []string
	for k := range 3 {
		s := filepath.Join(tmp, fmt.Sprintf("shard-%d.jsonl", k))
		runCLI(t, "extract", "-q", "--shard", fmt.Sprintf("%d/3", k), "-o", s, dir)
		shards = append(shards, s)
	}
	out := filepath.Join(tmp, "all.jsonl")
	code, _, errs := runCLI(t, append([]string{"merge", out}, shards...)...)
	if code != exitOK || !strings.Contains(errs, fmt.Sprintf("merged %d records from 3 files", n)) {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	got, _ := os.ReadFile(out)
	if !slices.Equal(sortedLines(string(got)), sortedLines(single)) {
		t.Error("the merged shards differ from one run over the archive")
	}

	// A shard given twice, or the merged file with its shards: each path once.
	code, _, errs = runCLI(t, "merge", out, out, shards[0], shards[0])
	again, _ := os.ReadFile(out)
	if code != exitOK || !slices.Equal(sortedLines(string(again)), sortedLines(single)) || !strings.Contains(errs, "found twice were kept once") {
		t.Errorf("merging overlapping inputs: exit %d, %s", code, errs)
	}

	// Into Parquet, and to stdout.
	if code, _, errs := runCLI(t, append([]string{"merge", filepath.Join(tmp, "all.parquet")}, shards...)...); code != exitOK {
		t.Errorf("merge into Parquet: exit %d, %s", code, errs)
	}
	if code, stdout, _ := runCLI(t, append([]string{"merge", "-q", "-"}, shards...)...); code != exitOK || len(sortedLines(stdout)) != n {
		t.Errorf("merge to stdout: exit %d, %d lines", code, len(sortedLines(stdout)))
	}
}

func TestMergeRefuses(t *testing.T) {
	tmp := t.TempDir()
	_, good, _ := runCLI(t, "extract", "-q", samples)
	lines := strings.SplitAfter(good, "\n")
	var changed map[string]any
	json.Unmarshal([]byte(lines[0]), &changed)
	changed["status"] = "partial"
	b, _ := json.Marshal(changed)
	files := map[string]string{
		"good.jsonl":     good,
		"conflict.jsonl": string(b) + "\n",
		"torn.jsonl":     good + lines[0][:40],
		"notes.jsonl":    "{\"hello\": 1}\n",
	}
	for name, text := range files {
		os.WriteFile(filepath.Join(tmp, name), []byte(text), 0o644)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"good.jsonl", "conflict.jsonl"}, exitFatal, "has two different records, in " + filepath.Join(tmp, "good.jsonl") + " line 1 and"},
		{[]string{"torn.jsonl"}, exitFatal, "the last line is cut short"},
		{[]string{"notes.jsonl"}, exitFatal, "line 1 is not a gongkai record"},
		{[]string{"missing.jsonl"}, exitFatal, "no such file"},
	}
	for _, tt := range tests {
		out := filepath.Join(tmp, "out.jsonl")
		var args []string
		for _, a := range tt.args {
			args = append(args, filepath.Join(tmp, a))
		}
		code, _, errs := runCLI(t, append([]string{"merge", out}, args...)...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("merge %v: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.msg)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("merge %v failed yet left %s", tt.args, out)
		}
		if left, _ := filepath.Glob(filepath.Join(tmp, ".out.jsonl.*")); len(left) > 0 {
			t.Errorf("merge %v left a temporary file %v", tt.args, left)
		}
	}
	if code, _, _ := runCLI(t, "merge", filepath.Join(tmp, "x.jsonl")); code != exitUsage {
		t.Errorf("merge without inputs: exit %d", code)
	}
}

// The README's DuckDB one-liner over JSON Lines shards counts what gongkai
// merge counts.
func TestDuckDBReadsShards(t *testing.T) {
	script, _ := filepath.Abs("../../scripts/duckdb-query")
	dir := os.Getenv("GONGKAI_DUCKDB")
	if dir == "" {
		dir, _ = filepath.Abs("../../.duckdb")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		msg := "DuckDB is not installed (scripts/duckdb-install): the README's DuckDB one-liner is not tried"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	src, n := archive(t, 4)
	tmp := t.TempDir()
	for k := range 2 {
		runCLI(t, "extract", "-q", "--shard", fmt.Sprintf("%d/2", k), "-o", filepath.Join(tmp, fmt.Sprintf("shard-%d.jsonl", k)), src)
	}
	sql := fmt.Sprintf("SELECT count(*) AS n, count(DISTINCT source.path) AS paths FROM read_ndjson('%s/shard-*.jsonl')", tmp)
	cmd := exec.Command("node", script, sql)
	cmd.Env = append(os.Environ(), "GONGKAI_DUCKDB="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("duckdb: %v", err)
	}
	want := fmt.Sprintf(`[{"n":"%d","paths":"%d"}]`, n, n)
	if strings.TrimSpace(string(out)) != want {
		t.Errorf("duckdb: %s, want %s", out, want)
	}
}

func sortedLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}
