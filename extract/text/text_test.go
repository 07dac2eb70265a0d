package text

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

func extractBytes(raw []byte) (*extract.Document, error) {
	in, err := extract.NewInput("t.txt", bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	return New().Extract(context.Background(), in)
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, _ := os.ReadFile(f)
			doc, err := extractBytes(raw)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			extract.Dump(&b, doc)
			golden.Check(t, strings.TrimSuffix(f, ".txt")+".golden", b.Bytes())
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want extract.Match
	}{
		{"一、总体情况\n", extract.Maybe},
		{"plain ascii", extract.Maybe},
		{"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", extract.NoMatch},
		{"PK\x03\x04\x14\x00", extract.NoMatch},
		{"\xff\xfe" + "a\x00", extract.Maybe},
		// A head cut inside a UTF-8 character is still text.
		{"报告"[:5], extract.Maybe},
	}
	for _, tt := range tests {
		in, _ := extract.NewInput("x", strings.NewReader(tt.head), int64(len(tt.head)))
		if got := New().Sniff(in); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := extractBytes(raw)
		if err != nil {
			return
		}
		for _, tab := range doc.Tables() {
			if len(tab.Rows) == 0 {
				t.Fatal("empty table")
			}
		}
	})
}

// Encodings beside UTF-8 and GB18030: Big5 (繁體 portals) and UTF-16
// without its byte-order mark.
func TestMoreEncodings(t *testing.T) {
	big5 := []byte{0xA6, 0xE6, 0xAC, 0x46, 0xB3, 0x57, 0xBD, 0x64, 0xA9, 0xCA, 0xA4, 0xE5, 0xA5, 0xF3} // 行政規範性文件
	utf16le := []byte{}
	for _, r := range "一、总体情况\nline" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	for name, tc := range map[string]struct {
		raw  []byte
		want string
	}{
		"big5":          {big5, "行政規範性文件"},
		"utf-16le bare": {utf16le, "一、总体情况\nline"},
	} {
		got, err := Decode(tc.raw)
		if err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, tc.want)
		}
		if m := New().Sniff(&extract.Input{Head: tc.raw}); m == extract.NoMatch {
			t.Errorf("%s: not sniffed as text", name)
		}
	}
}
