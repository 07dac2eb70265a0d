package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/series"
)

const checkInput = "testdata/check/records.jsonl"

// TestCheckTable is the journalist's view of a made-up collection: one
// body under two names over three years with a broken carry-over, a jump
// and prose that disagrees with its table; its district's education bureau
// (kept apart); a county with a missing year and a report given twice; an
// unreadable file.
func TestCheckTable(t *testing.T) {
	code, out, errs := runCLI(t, "check", checkInput)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	checkGolden(t, "check/table.txt", []byte(out))
	if want := "gongkai check: 8 records of 3 bodies (1 not linked): 3 failed, 4 warnings\n"; errs != want {
		t.Errorf("summary %q, want %q", errs, want)
	}
}

func TestCheckJSON(t *testing.T) {
	code, out, _ := runCLI(t, "check", "--json", "-q", checkInput)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	checkGolden(t, "check/findings.jsonl", []byte(out))
	var rules []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f series.Finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		rules = append(rules, string(f.Severity)+" "+f.Rule)
	}
	want := "warning unreadable|fail carryover:natural_person|fail carryover:total|warning jump:active.punishment.decisions|fail narrative.applications.new|warning missing_year|warning duplicate"
	if got := strings.Join(rules, "|"); got != want {
		t.Errorf("findings\n got %s\nwant %s", got, want)
	}
}

// -o writes the JSON Lines to a file and the table still to stdout; a JSON
// array (extract -o x.json) reads like JSON Lines.
func TestCheckOutputAndArray(t *testing.T) {
	dir := t.TempDir()
	lines, err := os.ReadFile(checkInput)
	if err != nil {
		t.Fatal(err)
	}
	array := "[\n" + strings.ReplaceAll(strings.TrimSpace(string(lines)), "\n", ",\n") + "\n]\n"
	arrayPath := filepath.Join(dir, "records.json")
	os.WriteFile(arrayPath, []byte(array), 0o644)
	outPath := filepath.Join(dir, "findings.jsonl")
	code, out, _ := runCLI(t, "check", "-q", "-o", outPath, arrayPath)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	want, _ := os.ReadFile("testdata/check/table.txt")
	if out != string(want) {
		t.Errorf("table from a JSON array differs from testdata/check/table.txt:\n%s", out)
	}
	got, _ := os.ReadFile(outPath)
	wantJSON, _ := os.ReadFile("testdata/check/findings.jsonl")
	if string(got) != string(wantJSON) {
		t.Errorf("-o wrote:\n%s", got)
	}
	// A byte-order mark and blank lines, as an editor may leave them.
	edited := filepath.Join(dir, "edited.jsonl")
	os.WriteFile(edited, []byte("\ufeff\n"+strings.ReplaceAll(string(lines), "\n", "\r\n\n")), 0o644)
	if code, out, errs := runCLI(t, "check", "-q", edited); code != exitOK || out != string(want) {
		t.Errorf("exit %d, stderr %s, table:\n%s", code, errs, out)
	}
}

// The records extract writes are what check reads.
func TestCheckAfterExtract(t *testing.T) {
	records := filepath.Join(t.TempDir(), "records.jsonl")
	if code, _, errs := runCLI(t, "extract", "-q", "-o", records, samples); code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	code, out, errs := runCLI(t, "check", filepath.Dir(records))
	if code != exitOK {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "4 records of 4 bodies") || !strings.Contains(out, "示例县人民政府  2023") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errs)
	}
}

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	good, _ := os.ReadFile(checkInput)
	os.WriteFile(bad, append([]byte("{not json\n{\"schema_version\":\"9.0.0\"}\n"), good...), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no records given", []string{"check"}, exitUsage, "usage: gongkai check"},
		{"bad flag", []string{"check", "--frobnicate", checkInput}, exitUsage, "unknown flag"},
		{"a missing file", []string{"check", filepath.Join(dir, "nope.jsonl"), checkInput}, exitSomeFailed, "no such file"},
		{"bad lines are skipped and counted", []string{"check", bad}, exitSomeFailed, "bad.jsonl:2: not a gongkai record of schema 1.x"},
		{"output not writable", []string{"check", "-o", filepath.Join(dir, "no", "such", "f.jsonl"), checkInput}, exitFatal, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.says) {
				t.Errorf("exit %d, stderr %q; want %d saying %q", code, errs, tt.code, tt.says)
			}
		})
	}
}

func TestYearRanges(t *testing.T) {
	tests := map[string][]int{
		"2024": {2024}, "2011–2025": {2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025},
		"2020, 2022–2023": {2020, 2022, 2023}, "": nil,
	}
	for want, ys := range tests {
		if got := yearRanges(ys); got != want {
			t.Errorf("yearRanges(%v) = %q, want %q", ys, got, want)
		}
	}
}

// check (and audit) on a CSV say once what they read, not once per
// line, and exit 2: bad usage.
func TestCheckRefusesCSV(t *testing.T) {
	dir := t.TempDir()
	csvFile := filepath.Join(dir, "reports.csv")
	if code, _, errs := runCLI(t, "extract", "-q", "-o", csvFile, samples); code != exitOK {
		t.Fatalf("extract: %d %s", code, errs)
	}
	for _, cmd := range []string{"check", "audit"} {
		code, _, errs := runCLI(t, cmd, csvFile)
		if n := strings.Count(errs, "not JSON Lines or JSON records"); n != 1 || code != exitUsage {
			t.Errorf("%s: exit %d, %d messages: %s", cmd, code, n, errs)
		}
	}
}
