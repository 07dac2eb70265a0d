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

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// runCheck reads records written by extract, links each body's reports
// across years and prints what a reader should know: failed checks,
// broken carry-overs, missing years, duplicates, jumps. Findings are data,
// not failures of the tool: the exit code says whether the records could
// be read, not whether the reports are right.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check", "usage: gongkai check [flags] RECORDS...\n\nReads records (JSON Lines or a JSON array, as extract writes them; folders are walked\nfor *.jsonl and *.json), links each body's reports across years and prints the findings.\n\n", stderr)
	outPath := fl.StringP("output", "o", "", "also write the findings as JSON Lines to `FILE`")
	asJSON := fl.Bool("json", false, "write the findings as JSON Lines on stdout instead of the table")
	quiet := fl.BoolP("quiet", "q", false, "no summary on stderr")
	if code, ok := parseFlags(fl, args, 1, stderr); !ok {
		return code
	}
	recs, unreadable, err := readRecords(ctx, fl.Args(), stderr, slim)
	if err != nil {
		return recordsErr(err, stderr)
	}
	bodies, unlinked := series.Link(recs)
	findings := series.CheckLinked(bodies, unlinked)
	if code := emitFindings(stdout, stderr, bodies, findings, *outPath, *asJSON); code != exitOK {
		return code
	}
	if !*quiet {
		fmt.Fprintln(stderr, summary(recs, bodies, unlinked, findings, unreadable))
	}
	if unreadable > 0 {
		return exitSomeFailed
	}
	return exitOK
}

// emitFindings writes the findings of check or audit: to outPath as JSON
// Lines when given, and on stdout as JSON Lines or as the table for
// people.
func emitFindings(stdout, stderr io.Writer, bodies []series.Series, findings []series.Finding, outPath string, asJSON bool) int {
	if outPath != "" {
		if err := writeFindingsFile(outPath, findings); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
	}
	var err error
	if asJSON {
		err = writeFindings(stdout, findings)
	} else {
		err = writeTable(stdout, bodies, findings)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	return exitOK
}

// readRecords reads every record in the given files and folders. A file or
// line that cannot be read is reported on stderr and counted; the rest is
// still read. keep trims each record to what the command needs (a year's
// reports make gigabytes of records). The error is the context's, or
// notRecords.
func readRecords(ctx context.Context, paths []string, stderr io.Writer, keep func(schema.Record) schema.Record) (recs []schema.Record, unreadable int, err error) {
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
		got, bad, err := readFile(f, stderr, keep)
		if err != nil {
			return nil, 0, err
		}
		recs = append(recs, got...)
		unreadable += bad
	}
	return recs, unreadable, nil
}

// notRecords says an input given to check, audit or serve is not records
// at all (a CSV, a Parquet file): bad usage, said once, not once per line.
type notRecords string

func (p notRecords) Error() string {
	return string(p) + " is not JSON Lines or JSON records (these commands read what extract writes as .jsonl or .json)"
}

// recordsErr is the exit code for readRecords' error, said on stderr.
func recordsErr(err error, stderr io.Writer) int {
	var nr notRecords
	if errors.As(err, &nr) {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitUsage
	}
	return exitInterrupted
}

// readFile reads JSON Lines, or one JSON array (extract -o x.json), one
// record at a time, and keeps of each what keep returns.
func readFile(path string, stderr io.Writer, keep func(schema.Record) schema.Record) (recs []schema.Record, bad int, err error) {
	f, oerr := os.Open(path)
	if oerr != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", oerr)
		return nil, 1, nil
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		br.Discard(3) // written by an editor, not by extract
	}
	add := func(where string, raw []byte) {
		r, err := decodeRecord(raw)
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: %s: %v\n", where, err)
			bad++
			return
		}
		if r.Report.Body == nil { // written before schema 1.3
			r.Report.Body = series.Identify(r.Report.Agency)
		}
		recs = append(recs, keep(r))
	}
	first, ferr := firstByte(br)
	if ferr == nil && first != '[' && first != '{' {
		// A CSV, a Parquet file, anything but records: one line says so,
		// not one per line of it.
		return nil, 0, notRecords(path)
	}
	if ferr == nil && first == '[' {
		dec := json.NewDecoder(br)
		if _, err := dec.Token(); err != nil {
			fmt.Fprintf(stderr, "gongkai: %s: %v\n", path, err)
			return nil, 1, nil
		}
		for n := 1; dec.More(); n++ {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				fmt.Fprintf(stderr, "gongkai: %s: record %d: %v\n", path, n, err)
				return recs, bad + 1, nil // the rest of a broken array cannot be found
			}
			add(fmt.Sprintf("%s: record %d", path, n), raw)
		}
		return recs, bad, nil
	}
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if t := bytes.TrimSpace(line); len(t) > 0 {
			add(fmt.Sprintf("%s:%d", path, n), t)
		}
		if err == io.EOF {
			return recs, bad, nil
		}
		if err != nil {
			fmt.Fprintf(stderr, "gongkai: %s: %v\n", path, err)
			return recs, bad + 1, nil
		}
	}
}

// firstByte peeks at the first byte that is not white space, without
// reading past it.
func firstByte(br *bufio.Reader) (byte, error) {
	head, err := br.Peek(4096)
	if len(head) == 0 {
		return 0, err
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 {
		return 0, io.EOF
	}
	return t[0], nil
}

// slim keeps what check reads — not the provenance, problems or passed
// checks — and shares the value keys among records (each decoded record
// would hold its own copies).
func slim(r schema.Record) schema.Record {
	r = shareKeys(r)
	r.Provenance, r.Problems, r.Narrative = nil, nil, nil
	r.Checks, r.NarrativeChecks = failedOnly(r.Checks), failedOnly(r.NarrativeChecks)
	return r
}

// shareKeys makes the record's value keys the schema's strings, so that
// records share them (each decoded record would hold its own copies).
func shareKeys(r schema.Record) schema.Record {
	vals := make(schema.Values, len(r.Values))
	for k, v := range r.Values {
		if f, ok := schema.LookupField(k); ok {
			k = f.Key
		}
		vals[k] = v
	}
	r.Values = vals
	return r
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

func summary(recs []schema.Record, bodies []series.Series, unlinked []schema.Record, findings []series.Finding, unreadable int) string {
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

func failedOnly(checks []schema.Check) []schema.Check {
	var failed []schema.Check
	for _, c := range checks {
		if !c.OK {
			failed = append(failed, c)
		}
	}
	return failed
}
