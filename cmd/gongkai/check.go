package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// runCheck reads records written by extract, links each body's reports
// across years and prints what a reader should know: failed checks,
// broken carry-overs, missing years, duplicates, jumps. Findings are data,
// not failures of the tool: the exit code says whether the records could
// be read, not whether the reports are right.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := pflag.NewFlagSet("check", pflag.ContinueOnError)
	fl.SetOutput(stderr)
	outPath := fl.StringP("output", "o", "", "also write the findings as JSON Lines to `FILE`")
	asJSON := fl.Bool("json", false, "write the findings as JSON Lines on stdout instead of the table")
	quiet := fl.BoolP("quiet", "q", false, "no summary on stderr")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: gongkai check [flags] RECORDS...\n\nReads records (JSON Lines or a JSON array, as extract writes them; folders are walked\nfor *.jsonl and *.json), links each body's reports across years and prints the findings.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "gongkai check: %v (gongkai check -h lists the flags)\n", err)
		return exitUsage
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return exitUsage
	}
	recs, unreadable, err := readRecords(ctx, fl.Args(), stderr)
	if err != nil {
		return exitInterrupted
	}
	findings := series.Check(recs)
	if *outPath != "" {
		if err := writeFindingsFile(*outPath, findings); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
	}
	if *asJSON {
		err = writeFindings(stdout, findings)
	} else {
		bodies, _ := series.Link(recs)
		err = writeTable(stdout, bodies, findings)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	if !*quiet {
		fmt.Fprintln(stderr, summary(recs, findings, unreadable))
	}
	if unreadable > 0 {
		return exitSomeFailed
	}
	return exitOK
}

// readRecords reads every record in the given files and folders. A file or
// line that cannot be read is reported on stderr and counted; the rest is
// still read. The error is only the context's.
func readRecords(ctx context.Context, paths []string, stderr io.Writer) (recs []schema.Record, unreadable int, err error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			files = append(files, p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".jsonl") || strings.HasSuffix(path, ".json")) {
				files = append(files, path)
			}
			return nil
		})
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, unreadable, err
		}
		got, bad := readFile(f, stderr)
		recs = append(recs, got...)
		unreadable += bad
	}
	return recs, unreadable, nil
}

// readFile reads JSON Lines, or one JSON array (extract -o x.json).
func readFile(path string, stderr io.Writer) (recs []schema.Record, bad int) {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return nil, 1
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		var arr []json.RawMessage
		if err := json.Unmarshal(t, &arr); err != nil {
			fmt.Fprintf(stderr, "gongkai: %s: %v\n", path, err)
			return nil, 1
		}
		for i, raw := range arr {
			r, err := decodeRecord(raw)
			if err != nil {
				fmt.Fprintf(stderr, "gongkai: %s: record %d: %v\n", path, i+1, err)
				bad++
				continue
			}
			recs = append(recs, r)
		}
		return recs, bad
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1) // a record with its provenance is one long line
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		r, err := decodeRecord(line)
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: %s:%d: %v\n", path, n, err)
			bad++
			continue
		}
		recs = append(recs, r)
	}
	return recs, bad
}

func decodeRecord(b []byte) (schema.Record, error) {
	var r schema.Record
	if err := json.Unmarshal(b, &r); err != nil {
		return r, err
	}
	if major, _, _ := strings.Cut(r.SchemaVersion, "."); major != strings.Split(schema.Version, ".")[0] {
		return r, fmt.Errorf("not a gongkai record of schema %s.x (schema_version %q)", strings.Split(schema.Version, ".")[0], r.SchemaVersion)
	}
	return r, nil
}

func writeFindingsFile(path string, findings []series.Finding) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := writeFindings(f, findings); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeFindings writes one JSON object per finding.
func writeFindings(w io.Writer, findings []series.Finding) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, f := range findings {
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func summary(recs []schema.Record, findings []series.Finding, unreadable int) string {
	bodies, unlinked := series.Link(recs)
	fails, warnings := 0, 0
	for _, f := range findings {
		if f.Severity == series.Fail {
			fails++
		} else {
			warnings++
		}
	}
	s := fmt.Sprintf("gongkai check: %d records of %d bodies", len(recs), len(bodies))
	if len(unlinked) > 0 {
		s += fmt.Sprintf(" (%d not linked)", len(unlinked))
	}
	s += fmt.Sprintf(": %d failed, %d warnings", fails, warnings)
	if unreadable > 0 {
		s += fmt.Sprintf("; %d inputs could not be read", unreadable)
	}
	return s
}
