package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// FuzzResume: whatever an output file holds, resume either refuses it,
// leaving it as it was, or leaves only whole lines, every one a record it
// reported, with the file positioned at its end.
func FuzzResume(f *testing.F) {
	_, out, _ := runCLI(f, "extract", "-q", samples)
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
	_, out, _ := runCLI(t, "extract", "-q", samples)
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
	e, err := resume(fh, func(head) { n++ })
	got, _ := os.ReadFile(path)
	if err != nil {
		if !bytes.Equal(got, data) {
			t.Errorf("refused (%v) yet changed the file", err)
		}
		return
	}
	if !bytes.HasPrefix(data, got) || (len(got) > 0 && got[len(got)-1] != '\n') || len(data)-len(got) != e.torn {
		t.Errorf("kept %q of %q (torn %d)", got, data, e.torn)
	}
	if pos, _ := fh.Seek(0, 1); pos != int64(len(got)) {
		t.Errorf("positioned at %d of %d", pos, len(got))
	}
	if n < len(e.paths) {
		t.Errorf("%d records reported, %d paths", n, len(e.paths))
	}
}
