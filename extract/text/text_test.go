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
