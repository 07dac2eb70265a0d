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

// earlier is what an earlier, interrupted run wrote to a JSON Lines output.
type earlier struct {
	paths map[string]bool
	torn  int64 // bytes of a torn last line that were cut off
}

// summary is the part of a record a resumed run needs.
type summary struct {
	Source struct {
		Path   string `json:"path"`
		SHA256 string `json:"sha256"`
		Format string `json:"format"`
	} `json:"source"`
	Status schema.Status `json:"status"`
}

// resume reads the records already in f, cuts a torn last line off (a run
// killed while writing it), and leaves f positioned at its end for the
// records still to come. Each whole record is passed to seen.
func resume(f *os.File, seen func(summary)) (*earlier, error) {
	e := &earlier{paths: map[string]bool{}}
	r := bufio.NewReaderSize(f, 1<<16)
	var end int64 // just past the last whole line
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			e.torn = int64(len(line))
			break
		}
		if err != nil {
			return nil, err
		}
		end += int64(len(line))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var s summary
		if err := json.Unmarshal(line, &s); err != nil || s.Source.Path == "" || s.Status == "" {
			return nil, fmt.Errorf("%s line %d is not a gongkai record; --resume appends only to a file gongkai wrote (remove the line, or start afresh without --resume)", f.Name(), n)
		}
		e.paths[s.Source.Path] = true
		seen(s)
	}
	if e.torn > 0 {
		if err := f.Truncate(end); err != nil {
			return nil, fmt.Errorf("cutting the torn last line of %s: %w", f.Name(), err)
		}
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		return nil, err
	}
	return e, nil
}
