package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/output"
)

// runFields prints the data dictionary.
func runFields(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fields", "usage: gongkai fields [--format tsv|csv|json]\n\nPrints the data dictionary: every key of the record's values and narrative, with its\ntable, templates, Chinese row and column labels, an English label, its unit and, for a\nderived sum, how it is computed.\n\n", stderr)
	format := fs.String("format", "tsv", "tsv, csv or json")
	if code, ok := parseFlags(fs, args, 0, stderr); !ok {
		return code
	}
	d := output.Dictionary()
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
	case "tsv", "csv":
		w := csv.NewWriter(stdout)
		if *format == "tsv" {
			w.Comma = '\t'
		}
		w.Write(output.DictionaryHeader)
		for _, e := range d {
			w.Write(e.Strings())
		}
		w.Flush()
		if err := w.Error(); err != nil {
			fmt.Fprintf(stderr, "gongkai: %v\n", err)
			return exitFatal
		}
	default:
		fmt.Fprintf(stderr, "gongkai: fields: --format %q: want tsv, csv or json\n", *format)
		return exitUsage
	}
	return exitOK
}
