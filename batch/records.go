package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// Head is the part of a record that resume and merge look at; most records
// need no more, which keeps reading a million of them to minutes.
type Head struct {
	Source struct {
		Path        string `json:"path"`
		SHA256      string `json:"sha256"`
		Format      string `json:"format"`
		DuplicateOf string `json:"duplicate_of"`
	} `json:"source"`
	Status   schema.Status `json:"status"`
	Warnings []string      `json:"warnings"` // records before 1.2.0
}

// Duplicate is the path the record says has its content, "" for none; it
// reads the marks of every record version.
func (h Head) Duplicate() string {
	if h.Source.DuplicateOf != "" {
		return h.Source.DuplicateOf
	}
	for _, w := range h.Warnings {
		if p, ok := strings.CutPrefix(w, legacyDuplicate); ok {
			return p
		}
	}
	return ""
}

// Where is a record's line: input file, line number, byte offset, length.
type Where struct {
	File, Line int
	Off        int64
	N          int
}

// Scan calls fn with each line of a JSON Lines file of records (newline
// included), where it is (file is passed through as Where.File), and its
// head. It returns the length of a torn last line: one without its
// newline, cut by a killed run.
func Scan(f *os.File, file int, fn func(at Where, line []byte, h Head) error) (torn int, err error) {
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
		at := Where{file, n, off, len(b)}
		off += int64(len(b))
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var h Head
		if err := json.Unmarshal(b, &h); err != nil || h.Source.Path == "" || h.Status == "" {
			return 0, fmt.Errorf("%s line %d is not a gongkai record", f.Name(), n)
		}
		if err := fn(at, b, h); err != nil {
			return 0, err
		}
	}
}

// Earlier is what an earlier, interrupted run wrote to a JSON Lines output.
type Earlier struct {
	Paths map[string]bool // the record paths written
	Torn  int             // bytes of a torn last line that were cut off
}

// Resume reads the records already in f, cuts a torn last line off (a run
// killed while writing it), and leaves f positioned at its end for the
// records still to come. Each record's head is passed to seen.
func Resume(f *os.File, seen func(Head)) (*Earlier, error) {
	e := &Earlier{Paths: map[string]bool{}}
	var end int64 // just past the last whole line
	torn, err := Scan(f, 0, func(at Where, _ []byte, h Head) error {
		e.Paths[h.Source.Path] = true
		end = at.Off + int64(at.N)
		seen(h)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w; --resume appends only to a file gongkai wrote (remove the line, or start afresh without --resume)", err)
	}
	if e.Torn = torn; torn > 0 {
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
