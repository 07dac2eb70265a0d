package gongkai

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// stuck is an extractor for files starting "STUCK" that never returns on
// its own: it ignores everything but its context, or even that.
type stuck struct{ ignoreContext bool }

func (stuck) Format() string       { return "stuck" }
func (stuck) Extensions() []string { return nil }
func (stuck) Sniff(in *extract.Input) extract.Match {
	if bytes.HasPrefix(in.Head, []byte("STUCK")) {
		return extract.Certain
	}
	return extract.NoMatch
}
func (s stuck) Extract(ctx context.Context, in *extract.Input) (*extract.Document, error) {
	if s.ignoreContext {
		time.Sleep(time.Hour)
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "stuck.bin")
	os.WriteFile(path, []byte("STUCK forever"), 0o644)
	for _, ignore := range []bool{false, true} {
		c := &Converter{Registry: extract.NewRegistry(stuck{ignore}), Timeout: 50 * time.Millisecond}
		start := time.Now()
		rec := c.File(context.Background(), path)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("ignoreContext=%v: returned after %s", ignore, took)
		}
		if rec.Status != schema.StatusError || !strings.Contains(rec.Error, "gave up after 50ms") || rec.Source.Size != 13 {
			t.Errorf("ignoreContext=%v: record %+v", ignore, rec)
		}
		// One that watches its context ends; one that does not keeps running.
		want := 0
		if ignore {
			want = 1
		}
		for deadline := time.Now().Add(5 * time.Second); c.Abandoned() != want && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		if c.Abandoned() != want {
			t.Errorf("ignoreContext=%v: %d abandoned conversions still running, want %d", ignore, c.Abandoned(), want)
		}
	}
}

func TestMaxSize(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.html")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Truncate(path, 3<<20) // sparse: fast, and nothing to read would mean nothing is read
	c := New()
	c.MaxSize = 1 << 20
	rec := c.File(context.Background(), path)
	if rec.Status != schema.StatusError || rec.Source.SHA256 != "" || rec.Source.Size != 3<<20 ||
		!strings.Contains(rec.Error, "3 MB, over the limit of 1 MB") {
		t.Errorf("record %+v", rec)
	}
}

func TestRecordPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"reports/报告.pdf", "reports/报告.pdf"},
		{"归档/\xb1\xa8\xb8\xe6.pdf", "归档/报告.pdf"}, // GBK 报告 in a UTF-8 folder
		{"x/\xff\xfe.pdf", `x/\xff\xfe.pdf`},     // neither UTF-8 nor GB18030
	}
	for _, tt := range tests {
		if got := RecordPath(tt.in); got != tt.want {
			t.Errorf("RecordPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkParallel converts every corpus file the registry reads, from as
// many goroutines as -cpu says: ns/op at -cpu 1 against -cpu 2 is the
// speed-up a second worker gives, free of the command's I/O.
func BenchmarkParallel(b *testing.B) {
	var files []string
	for _, dir := range []string{"real", "generated"} {
		fs, _ := filepath.Glob(filepath.Join(corpus, dir, "*"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		b.Skip("no ../shared/corpus beside the repository; benchmark skipped")
	}
	conv := New()
	conv.OCR = extract.OCROff // the text layer's speed-up; a file with no Unicode mapping would be OCR'd
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			conv.File(context.Background(), files[int(next.Add(1))%len(files)])
		}
	})
}

func ExampleRecordPath() {
	// A file name in GBK bytes, as archives unpacked on Windows keep them.
	fmt.Println(RecordPath("archive/\xb1\xa8\xb8\xe6.pdf"))
	// Output: archive/报告.pdf
}
