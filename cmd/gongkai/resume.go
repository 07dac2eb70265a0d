package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gongkai/gongkai/schema"
)

// head is the part of a record that resume and merge look at; most records
// need no more, which keeps reading a million of them to minutes.
type head struct {
	Source struct {
		Path   string `json:"path"`
		SHA256 string `json:"sha256"`
		Format string `json:"format"`
	} `json:"source"`
	Status   schema.Status `json:"status"`
	Warnings []string      `json:"warnings"`
}

// where is a record's line: input file, line number, byte offset, length.
type where struct {
	file, line int
	off        int64
	n          int
}

// scan calls fn with each line of a JSON Lines file of records (newline
// included), where it is, and its head. It returns the length of a torn
// last line: one without its newline, cut by a killed run.
func scan(f *os.File, file int, fn func(at where, line []byte, h head) error) (torn int, err error) {
	r := bufio.NewReaderSize(f, 1<<16)
	var off int64
	for n := 1; ; n++ {
		b, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return len(b), nil
		}
		if err != nil {
			return 0, err
		}
		at := where{file, n, off, len(b)}
		off += int64(len(b))
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var h head
		if err := json.Unmarshal(b, &h); err != nil || h.Source.Path == "" || h.Status == "" {
			return 0, fmt.Errorf("%s line %d is not a gongkai record", f.Name(), n)
		}
		if err := fn(at, b, h); err != nil {
			return 0, err
		}
	}
}

// earlier is what an earlier, interrupted run wrote to a JSON Lines output.
type earlier struct {
	paths map[string]bool
	torn  int // bytes of a torn last line that were cut off
}

// resume reads the records already in f, cuts a torn last line off (a run
// killed while writing it), and leaves f positioned at its end for the
// records still to come. Each record's head is passed to seen.
func resume(f *os.File, seen func(head)) (*earlier, error) {
	e := &earlier{paths: map[string]bool{}}
	var end int64 // just past the last whole line
	torn, err := scan(f, 0, func(at where, _ []byte, h head) error {
		e.paths[h.Source.Path] = true
		end = at.off + int64(at.n)
		seen(h)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w; --resume appends only to a file gongkai wrote (remove the line, or start afresh without --resume)", err)
	}
	if e.torn = torn; torn > 0 {
		st, err := f.Stat()
		if err != nil {
			return nil, err
		}
		end = st.Size() - int64(torn)
		if err := f.Truncate(end); err != nil {
			return nil, fmt.Errorf("cutting the torn last line of %s: %w", f.Name(), err)
		}
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return nil, err
	}
	return e, nil
}
