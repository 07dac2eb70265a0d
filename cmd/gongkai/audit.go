package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// runAudit reads records and prints the report-quality audit: what an
// evaluator checks beyond the arithmetic. The rules that need a report's
// text read its source file again where it still exists.
func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("audit", "usage: gongkai audit [flags] RECORDS...\n\nReads records (as check does) and prints the report-quality audit: sections, tables,\nthe era's format, blank cells, fee statements, text copied from the year before, prose\nagainst the table, publication date. Rules and thresholds are in the README.\n\n", stderr)
	outPath := fl.StringP("output", "o", "", "also write the findings as JSON Lines to `FILE`")
	asJSON := fl.Bool("json", false, "write the findings as JSON Lines on stdout instead of the table")
	noText := fl.Bool("no-text", false, "do not read the source files: skip the rules on the report's text")
	quiet := fl.BoolP("quiet", "q", false, "no summary on stderr")
	if code, ok := parseFlags(fl, args, 1, stderr); !ok {
		return code
	}
	recs, unreadable, err := readRecords(ctx, fl.Args(), stderr, forAudit)
	if err != nil {
		return recordsErr(err, stderr)
	}
	var text audit.Text
	if !*noText {
		text = sourceText(ctx, fl.Args())
	}
	bodies, _ := series.Link(recs)
	findings := audit.Run(bodies, text)
	if code := emitFindings(stdout, stderr, bodies, findings, *outPath, *asJSON); code != exitOK {
		return code
	}
	if !*quiet {
		fmt.Fprintf(stderr, "gongkai audit: %d records, %d findings\n", len(recs), len(findings))
	}
	if unreadable > 0 {
		return exitSomeFailed
	}
	return exitOK
}

// forAudit keeps what the audit reads: not the provenance.
func forAudit(r schema.Record) schema.Record {
	r = shareKeys(r)
	r.Provenance, r.Pre2019Rows = nil, nil
	r.Checks = failedOnly(r.Checks)
	return r
}

// sourceText reads a record's source file again for its paragraphs. A
// relative source path is tried as written (extract ran here) and then
// beside each records file given.
func sourceText(ctx context.Context, recordPaths []string) audit.Text {
	conv := gongkai.New()
	conv.MaxSize, _ = parseByteSize(defaultMaxSize)
	return func(rec schema.Record) ([]string, bool) {
		p := locate(rec.Source.Path, recordPaths)
		if p == "" {
			return nil, false
		}
		ps, err := conv.Paragraphs(ctx, p)
		return ps, err == nil && len(ps) > 0
	}
}

// locate finds a record's source file: as written, or relative to the
// folder of one of the records files.
func locate(path string, recordPaths []string) string {
	if path == "" {
		return ""
	}
	if file, entry, ok := strings.Cut(path, gongkai.ArchiveSep); ok && entry != "" {
		// An archive's entry: find the archive.
		if file = locate(file, recordPaths); file != "" {
			return file + gongkai.ArchiveSep + entry
		}
		return ""
	}
	if fileExists(path) {
		return path
	}
	if filepath.IsAbs(path) {
		return ""
	}
	for _, rp := range recordPaths {
		dir := rp
		if st, err := os.Stat(rp); err == nil && !st.IsDir() {
			dir = filepath.Dir(rp)
		}
		if p := filepath.Join(dir, path); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
