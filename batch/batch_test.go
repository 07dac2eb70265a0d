package batch

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/output"
)

const samples = "../samples/reports"

// sampleLines are the JSON Lines records of the bundled samples.
func sampleLines(t testing.TB) string {
	var b strings.Builder
	r := &Runner{Converter: gongkai.New(), Workers: 2, Encode: output.Line}
	in := &Inputs{Roots: []string{samples}}
	_, err := r.Run(context.Background(), in.Walk, func(res Result) error {
		_, err := b.Write(res.Line)
		return err
	})
	if err != nil || b.Len() == 0 {
		t.Fatalf("no records of the samples: %v", err)
	}
	return b.String()
}

// Records come in input order whatever the number of workers, and a file
// with the content of an earlier one says which.
func TestRunOrderAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	names, _ := filepath.Glob(filepath.Join(samples, "*"))
	var want []string
	for i, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, copy := range []string{"a", "b"} {
			p := filepath.Join(dir, fmt.Sprintf("%02d-%s%s", i, copy, filepath.Ext(name)))
			os.WriteFile(p, b, 0o644)
			want = append(want, filepath.ToSlash(p))
		}
	}
	for _, workers := range []int{1, 4} {
		var got []string
		r := &Runner{Converter: gongkai.New(), Workers: workers}
		in := &Inputs{Roots: []string{dir}}
		_, err := r.Run(context.Background(), in.Walk, func(res Result) error {
			got = append(got, res.Record.Source.Path)
			first := strings.Contains(res.Record.Source.Path, "-a.")
			if res.Duplicate == first || (res.Record.Source.DuplicateOf != "") == first {
				t.Errorf("%d workers: %s: duplicate %v, of %q", workers, res.Record.Source.Path, res.Duplicate, res.Record.Source.DuplicateOf)
			}
			return nil
		})
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%d workers: %v; order %q, want %q", workers, err, got, want)
		}
	}
}

func TestUnmarkRemovesOnlyTheMark(t *testing.T) {
	var rec = gongkai.ErrorRecord("b.pdf", os.ErrNotExist)
	n := len(rec.Problems)
	MarkDuplicate(&rec, "a.pdf")
	if rec.Source.DuplicateOf != "a.pdf" || len(rec.Problems) != n+1 {
		t.Fatalf("marked: %+v", rec)
	}
	Unmark(&rec)
	if rec.Source.DuplicateOf != "" || len(rec.Problems) != n {
		t.Errorf("unmarked: %+v", rec)
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		err  string
	}{
		{"", Shard{}, ""},
		{"0/1", Shard{0, 1}, ""},
		{"3/8", Shard{3, 8}, ""},
		{"8/8", Shard{}, "SLURM_ARRAY_TASK_ID-1"},
		{"1/0", Shard{}, "want K/N"},
		{"-1/4", Shard{}, "want K/N"},
		{"3", Shard{}, "want K/N"},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error with %q", tt.in, got, err, tt.want, tt.err)
		}
	}
	// The hash spreads paths evenly: no shard of 8 is off by more than 10%.
	counts := make([]int, 8)
	for i := range 16000 {
		for k := range 8 {
			if (Shard{uint64(k), 8}).Has(fmt.Sprintf("%d/report-%05d.pdf", i%37, i)) {
				counts[k]++
			}
		}
	}
	for k, c := range counts {
		if c < 1800 || c > 2200 {
			t.Errorf("shard %d/8 holds %d of 16000", k, c)
		}
	}
}

// FuzzResume: whatever an output file holds, resume either refuses it,
// leaving it as it was, or leaves only whole lines, every one a record it
// reported, with the file positioned at its end.
func FuzzResume(f *testing.F) {
	out := sampleLines(f)
	f.Add([]byte(out))
	f.Add([]byte(out[:len(out)/2]))
	f.Add([]byte("{\"source\":{\"path\":\"a\"},\"status\":\"ok\"}\n{\"sou"))
	f.Add([]byte("\n\n"))
	f.Add([]byte("not json\n"))
	f.Fuzz(checkResume)
}

// TestResumeAnyContent runs FuzzResume's check on pseudo-random cuts and
// splices of real output, in every test run: fuzzing this package's large
// binary is slow (every exec maps the coverage of all its dependencies).
func TestResumeAnyContent(t *testing.T) {
	out := sampleLines(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		a, b := rng.IntN(len(out)), rng.IntN(len(out))
		data := []byte(out[:a] + out[min(a, b):max(a, b)])
		if len(data) > 0 && rng.IntN(4) == 0 {
			data[rng.IntN(len(data))] = byte(rng.IntN(256))
		}
		checkResume(t, data)
	}
}

func checkResume(t *testing.T, data []byte) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	os.WriteFile(path, data, 0o644)
	fh, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	n := 0
	e, err := Resume(fh, func(Head) { n++ })
	got, _ := os.ReadFile(path)
	if err != nil {
		if !bytes.Equal(got, data) {
			t.Errorf("refused (%v) yet changed the file", err)
		}
		return
	}
	if !bytes.HasPrefix(data, got) || (len(got) > 0 && got[len(got)-1] != '\n') || len(data)-len(got) != e.Torn {
		t.Errorf("kept %q of %q (torn %d)", got, data, e.Torn)
	}
	if pos, _ := fh.Seek(0, 1); pos != int64(len(got)) {
		t.Errorf("positioned at %d of %d", pos, len(got))
	}
	if n < len(e.Paths) {
		t.Errorf("%d records reported, %d paths", n, len(e.Paths))
	}
}

// The shard key is the path inside the folder given, so that nodes that
// mount the archive in different places agree.
func TestShardKeyIgnoresMountPoint(t *testing.T) {
	if shardKey("/mnt/a/archive", "/mnt/a/archive/2020/x.pdf") != shardKey("data/archive", "data/archive/2020/x.pdf") {
		t.Error("shard keys differ between mount points")
	}
}
