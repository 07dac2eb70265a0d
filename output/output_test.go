package output

import (
	"io"
	"strings"
	"testing"
)

func TestFormatFor(t *testing.T) {
	for path, want := range map[string]string{"": "jsonl", "-": "jsonl", "out": "jsonl", "a.JSONL": "jsonl", "a.ndjson": "jsonl",
		"a.json": "json", "a.csv": "csv", "a.parquet": "parquet", "a.txt": "", "a.xlsx": "xlsx", "a.xls": ""} {
		if got := FormatFor(path); got != want {
			t.Errorf("FormatFor(%q) = %q, want %q", path, got, want)
		}
	}
	if _, err := New(FormatFor("out.txt"), Wide, io.Discard); err == nil || !strings.Contains(err.Error(), ".parquet") {
		t.Errorf("an unknown extension: %v", err)
	}
}
