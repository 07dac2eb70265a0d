package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("extract", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringP("output", "o", "", "write records to `FILE` (format from its extension: .jsonl, .json, .csv) instead of stdout")
	fs.String("format", "", "output format: jsonl, json or csv (default: from -o, else jsonl)")
	fs.BoolP("quiet", "q", false, "no progress or summary on stderr")
	fs.String("config", "", "read settings from `FILE` (default ./gongkai.yaml or the user config dir's gongkai/config.yaml)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: gongkai extract [flags] PATH...\n\nConverts each file (folders are walked recursively) into one JSON record.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	v, err := config(fs)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	outPath, format, quiet := v.GetString("output"), v.GetString("format"), v.GetBool("quiet")
	if format == "" {
		format = output.FormatFor(outPath)
	}
	var dst io.Writer = stdout
	if outPath != "" {
		f, err := os.Create(outPath)
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
		defer f.Close()
		dst = f
	}
	w, err := output.New(format, dst)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitUsage
	}

	conv := gongkai.New()
	start := time.Now()
	counts := map[schema.Status]int{}
	interrupted := false
	err = walk(fs.Args(), func(path string, walkErr error) error {
		if ctx.Err() != nil {
			interrupted = true
			return ctx.Err()
		}
		var rec schema.Record
		if walkErr != nil {
			rec = gongkai.ErrorRecord(path, walkErr)
		} else {
			rec = conv.File(ctx, path)
		}
		counts[rec.Status]++
		if !quiet && rec.Status != schema.StatusOK {
			fmt.Fprintf(stderr, "%s: %s: %s\n", path, rec.Status, rec.Error)
		}
		return w.Write(rec)
	})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if !quiet {
		n := counts[schema.StatusOK] + counts[schema.StatusPartial] + counts[schema.StatusError]
		fmt.Fprintf(stderr, "gongkai: %d files in %s: %d ok, %d partial, %d error\n",
			n, time.Since(start).Round(time.Millisecond), counts[schema.StatusOK], counts[schema.StatusPartial], counts[schema.StatusError])
	}
	switch {
	case interrupted:
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	case counts[schema.StatusError] > 0:
		return exitSomeFailed
	}
	return exitOK
}

// walk calls fn for every file under the given paths, in lexical order
// within each folder. A path that cannot be read is passed with its error,
// so that it still gets its record.
func walk(paths []string, fn func(path string, err error) error) error {
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil || !st.IsDir() {
			if err := fn(root, err); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root {
					return fn(path, err)
				}
				if ferr := fn(path, err); ferr != nil {
					return ferr
				}
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			return fn(path, nil)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
