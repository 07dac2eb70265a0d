package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai/batch"
	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

// runMerge merges JSON Lines files of records — the shards of a cluster
// run, or runs over parts of an archive — into one output of any format.
// A path found in several inputs is kept once when its records agree and
// is an error when they do not. Duplicate-content warnings are worked out
// again over all inputs: each names the first path in walk order.
func runMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", "usage: gongkai merge [flags] OUT IN.jsonl...\n\nMerges JSON Lines files of records (e.g. the shards of a --shard run) into OUT\n(- for stdout), whose format follows its extension.\n\n", stderr)
	format := fs.String("format", "", "output format: "+strings.Join(output.Formats, ", ")+" (default: from OUT's extension)")
	layout := fs.String("layout", string(output.Wide), layoutUsage)
	quiet := fs.BoolP("quiet", "q", false, "no summary on stderr")
	if code, ok := parseFlags(fs, args, 2, stderr); !ok {
		return code
	}
	out, ins := fs.Arg(0), fs.Args()[1:]
	if *format == "" {
		*format = output.FormatFor(out)
	}
	if f, _ := output.Lookup(*format); out == "-" && f.Seekable {
		fmt.Fprintf(stderr, "gongkai: merge: %s needs a file, not stdout\n", f.Name)
		return exitUsage
	}
	if _, err := output.New(*format, output.Layout(*layout), io.Discard); err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitUsage
	}
	plan, err := planMerge(ins)
	if err == nil {
		err = writeMerge(plan, ins, out, *format, output.Layout(*layout), stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: merge: %v\n", err)
		return exitFatal
	}
	if !*quiet {
		fmt.Fprintf(stderr, "gongkai: merged %d records from %d files into %s", len(plan.first), len(ins), out)
		if plan.repeated > 0 {
			fmt.Fprintf(stderr, "; %d records found twice were kept once", plan.repeated)
		}
		fmt.Fprintln(stderr)
	}
	return exitOK
}

// mergePlan is what the first pass learns: batch.Where each path's record is
// first found, and the first path in walk order of each content.
type mergePlan struct {
	first    map[string]batch.Where
	digest   map[string][32]byte // of the first record's line, by path
	original map[string]string   // sha256 → first path in walk order
	repeated int
}

func planMerge(ins []string) (*mergePlan, error) {
	p := &mergePlan{first: map[string]batch.Where{}, digest: map[string][32]byte{}, original: map[string]string{}}
	for i, name := range ins {
		err := eachLine(name, i, func(at batch.Where, b []byte, h batch.Head) error {
			path := h.Source.Path
			d := sha256.Sum256(b)
			if w, ok := p.first[path]; ok {
				if d != p.digest[path] {
					same, err := sameRecord(ins, w, b)
					if err != nil {
						return err
					}
					if !same {
						return fmt.Errorf("%s has two different records, in %s line %d and %s line %d: the inputs come from different runs or versions; merge only the shards of one run", path, ins[w.File], w.Line, name, at.Line)
					}
				}
				p.repeated++
				return nil
			}
			p.first[path], p.digest[path] = at, d
			if sha := h.Source.SHA256; sha != "" {
				if o, ok := p.original[sha]; !ok || walkOrder(path, o) < 0 {
					p.original[sha] = path
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

// sameRecord says whether the record at w and the line b are the same but
// for duplicate warnings, which depend on the run that wrote them.
func sameRecord(ins []string, w batch.Where, b []byte) (bool, error) {
	f, err := os.Open(ins[w.File])
	if err != nil {
		return false, err
	}
	defer f.Close()
	a := make([]byte, w.N)
	if _, err := f.ReadAt(a, w.Off); err != nil {
		return false, err
	}
	ca, err := canonical(a)
	if err != nil {
		return false, err
	}
	cb, err := canonical(b)
	return err == nil && ca == cb, err
}

func canonical(line []byte) (string, error) {
	var rec schema.Record
	if err := json.Unmarshal(line, &rec); err != nil {
		return "", err
	}
	batch.Unmark(&rec)
	b, err := json.Marshal(rec)
	return string(b), err
}

func writeMerge(p *mergePlan, ins []string, out, format string, layout output.Layout, stdout io.Writer) (err error) {
	dst := stdout
	var tmp *os.File
	if out != "-" {
		// Into a temporary file renamed at the end: a failed merge leaves
		// no half output, and OUT may be one of the inputs.
		if tmp, err = os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*"); err != nil {
			return err
		}
		defer func() {
			if err != nil {
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}()
		mode := os.FileMode(0o644)
		if st, err := os.Stat(out); err == nil {
			mode = st.Mode().Perm()
		}
		if err := tmp.Chmod(mode); err != nil {
			return err
		}
		dst = tmp
	}
	bw := bufio.NewWriterSize(dst, 1<<16)
	w, err := output.New(format, layout, bw)
	if err != nil {
		return err
	}
	for i, name := range ins {
		err := eachLine(name, i, func(at batch.Where, b []byte, h batch.Head) error {
			if p.first[h.Source.Path] != at {
				return nil
			}
			var want string
			if o := p.original[h.Source.SHA256]; h.Source.SHA256 != "" && o != h.Source.Path {
				want = o
			}
			if format == "jsonl" && layout != output.Long && h.Duplicate() == want && h.Source.DuplicateOf == want {
				_, err := bw.Write(b) // the line as written: nothing to change
				return err
			}
			var rec schema.Record
			if err := json.Unmarshal(b, &rec); err != nil {
				return fmt.Errorf("%s line %d: %w", name, at.Line, err)
			}
			batch.Unmark(&rec)
			if want != "" {
				batch.MarkDuplicate(&rec, want)
			}
			return w.Write(rec)
		})
		if err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if tmp == nil {
		return nil
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), out)
}

// eachLine calls fn with each record line of a JSON Lines file. A torn
// last line is an error: the run that wrote it was killed and should be
// finished with --resume first.
func eachLine(name string, file int, fn func(at batch.Where, line []byte, h batch.Head) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	torn, err := batch.Scan(f, file, fn)
	if err == nil && torn > 0 {
		err = fmt.Errorf("%s: the last line is cut short: the run writing it was interrupted; finish it with the same gongkai extract command and --resume, then merge", name)
	}
	return err
}

// walkOrder compares two paths as a folder walk meets them: component by
// component, each in byte order.
func walkOrder(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := range min(len(as), len(bs)) {
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return len(as) - len(bs)
}
