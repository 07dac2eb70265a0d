//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe, in a folder or given by name, gets a record without being
// opened: opening one blocks until someone writes to it.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	type res struct {
		code int
		out  string
	}
	done := make(chan res, 1)
	go func() {
		code, out, _ := runCLI(t, "extract", "-q", dir, filepath.Join(dir, "pipe"))
		done <- res{code, out}
	}()
	select {
	case r := <-done:
		recs := parse(t, r.out)
		if r.code != exitSomeFailed || len(recs) != 2 || !strings.Contains(recs[0].Error, "a named pipe, not a regular file") || recs[1].Error != recs[0].Error {
			t.Errorf("exit %d, records %+v", r.code, recs)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the run blocked on a named pipe")
	}
}
