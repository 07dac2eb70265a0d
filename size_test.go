package gongkai

import "testing"

func TestByteSizeString(t *testing.T) {
	for n, want := range map[byteSize]string{512 << 20: "512 MB", 3 << 29: "1.5 GB", 64 << 10: "64 KB", 1000: "1000 B", 0: "0 B"} {
		if got := n.String(); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", int64(n), got, want)
		}
	}
}
