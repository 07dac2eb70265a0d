package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// terminalSummary stands in for the records when stdout is a terminal and
// no -o was given: a run of the quick start would otherwise fill the
// screen with JSON. It writes a line a record — status, year, agency,
// failed checks, path — and at the end how to get the records.
type terminalSummary struct {
	w io.Writer
	n int
}

func (s *terminalSummary) Write(rec schema.Record) error {
	s.n++
	year := "    "
	if rec.Report.Year != 0 {
		year = fmt.Sprint(rec.Report.Year)
	}
	what := rec.Report.Agency
	failed := 0
	for _, c := range append(rec.Checks[:len(rec.Checks):len(rec.Checks)], rec.NarrativeChecks...) {
		if !c.OK {
			failed++
		}
	}
	switch {
	case rec.Status == schema.StatusError:
		what = rec.Error
	case failed > 0:
		what += fmt.Sprintf(" (%d values, %d failed checks)", len(rec.Values), failed)
	default:
		what += fmt.Sprintf(" (%d values)", len(rec.Values))
	}
	_, err := fmt.Fprintf(s.w, "%-7s %s  %s  %s\n", rec.Status, year, strings.TrimSpace(what), rec.Source.Path)
	return err
}

func (s *terminalSummary) Close() error {
	if s.n == 0 {
		return nil
	}
	_, err := fmt.Fprintf(s.w, "\nThat is a summary for the terminal: the records are written with -o FILE (.jsonl, .csv, .parquet, .xlsx) or when stdout is a pipe or a file.\n")
	return err
}
