package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/series"
)

// TestAuditCorpus audits the corpus's real reports and wants exactly the
// findings in testdata/audit/corpus.txt: each was looked at (平潭 2012 and
// 2013 share every sentence of 一 and 五; 平潭 2011 and 平潭县 2011 were
// published in April; 上海 2019 leaves 11 totals blank; 洪泽 2024's prose
// says 17 applications where the table says 95). Anything more is a false
// alarm.
func TestAuditCorpus(t *testing.T) {
	records := corpusRecords(t)
	code, out, errs := runCLI(t, "audit", "--json", "-q", records)
	if code != exitOK {
		t.Fatalf("audit: exit %d\n%s", code, errs)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var f series.Finding
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatal(err)
		}
		var srcs []string
		for _, s := range f.Sources {
			srcs = append(srcs, filepath.Base(s))
		}
		lines = append(lines, fmt.Sprintf("%s\t%v\t%s", f.Rule, f.Years, strings.Join(srcs, " ")))
	}
	checkGolden(t, "audit/corpus.txt", []byte(strings.Join(lines, "\n")+"\n"))
	// Without the text, the rules on it are skipped.
	_, out, _ = runCLI(t, "audit", "--json", "-q", "--no-text", records)
	if strings.Contains(out, "audit.copied") || !strings.Contains(out, "audit.late") {
		t.Errorf("--no-text:\n%s", out)
	}
}

// corpusRecords extracts the corpus's real reports into a records file,
// or skips the test where there is no corpus.
func corpusRecords(t *testing.T) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "real", "*"))
	if len(files) == 0 {
		t.Skip("no ../shared/corpus beside the repository (a user's clone has none); corpus tests skipped")
	}
	records := filepath.Join(t.TempDir(), "records.jsonl")
	if code, _, errs := runCLI(t, append([]string{"extract", "-q", "-o", records}, files...)...); code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	return records
}
