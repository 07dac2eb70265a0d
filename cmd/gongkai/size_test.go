package main

import "testing"

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"512MB", 512 << 20},
		{"1.5g", 3 << 29},
		{"64KiB", 64 << 10},
		{"1000", 1000},
		{"0", 0},
	}
	for _, tt := range tests {
		if got, err := parseByteSize(tt.in); err != nil || got != tt.want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "MB", "-1", "lots"} {
		if _, err := parseByteSize(bad); err == nil {
			t.Errorf("parseByteSize(%q): no error", bad)
		}
	}
}
