package main

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var built struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// binary builds the command once for the tests that run it as a process.
func binary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "gongkai-test-bin")
		if built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "gongkai")
		out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput()
		if err != nil {
			built.err = errors.New(string(out))
		}
	})
	if built.err != nil {
		t.Fatalf("go build: %v", built.err)
	}
	return built.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// A run killed at random moments (SIGKILL, and now and then SIGINT) and
// resumed each time ends with exactly the file an uninterrupted run writes:
// no record missing, none twice, no torn line.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the kill-and-resume test runs the command many times")
	}
	bin := binary(t)
	dir, n := archive(t, 70)
	tmp := t.TempDir()
	full := filepath.Join(tmp, "full.jsonl")
	if err := exec.Command(bin, "extract", "-q", "-w", "2", "-o", full, dir).Run(); exitCode(err) != exitSomeFailed {
		t.Fatalf("uninterrupted run: %v", err)
	}
	want, _ := os.ReadFile(full)
	if c := bytes.Count(want, []byte("\n")); c != n {
		t.Fatalf("uninterrupted run: %d records for %d files", c, n)
	}

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	out := filepath.Join(tmp, "killed.jsonl")
	var kills, partial int
	for i := 0; i < 8; i++ {
		cmd := exec.Command(bin, "extract", "-q", "-w", "2", "--resume", "-o", out, dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		interrupt := i%3 == 2
		select {
		case err := <-done:
			if exitCode(err) != exitSomeFailed {
				t.Fatalf("run %d ended by itself with %v", i, err)
			}
		case <-time.After(time.Duration(5+rng.IntN(250)) * time.Millisecond):
			if interrupt {
				cmd.Process.Signal(os.Interrupt)
			} else {
				cmd.Process.Kill()
			}
			err := <-done
			kills++
			// -1: the signal came before the handler was set up, and its
			// default action ended the process, which resume survives too.
			if code := exitCode(err); interrupt && code != exitInterrupted && code != exitSomeFailed && code != -1 {
				t.Errorf("run %d: exit %d after SIGINT, want %d", i, code, exitInterrupted)
			}
		}
		if st, err := os.Stat(out); err == nil && st.Size() > 0 && st.Size() < int64(len(want)) {
			partial++
		}
	}
	if err := exec.Command(bin, "extract", "-q", "-w", "2", "--resume", "-o", out, dir).Run(); exitCode(err) != exitSomeFailed {
		t.Fatalf("last resume: %v", err)
	}
	got, _ := os.ReadFile(out)
	t.Logf("%d files, %d runs stopped, %d left a partial output", n, kills, partial)
	if !bytes.Equal(got, want) {
		g, w := parse(t, string(got)), parse(t, string(want))
		t.Errorf("resumed output (%d records, %d bytes) differs from the uninterrupted one (%d records, %d bytes)", len(g), len(got), len(w), len(want))
	}
	if partial == 0 {
		t.Log("no stop left a partial output this time (the machine was fast or slow); TestResume covers cut outputs")
	}
}

func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}
