package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

func runSchema(stdout, stderr io.Writer) int {
	b, err := schema.JSONSchema()
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return exitOK
}

func runVersion(stdout io.Writer) int {
	fmt.Fprintf(stdout, "gongkai %s\nschema %s\nformats %s\n", gongkai.ToolVersion(), schema.Version, strings.Join(gongkai.DefaultRegistry().Formats(), ", "))
	return exitOK
}

// runDump prints what the extractor reads: paragraphs, and tables as grids
// with each cell's position and span. For bug reports and for people
// writing rules.
func runDump(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: gongkai dump FILE")
		return exitUsage
	}
	f, err := os.Open(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	in, err := extract.NewInput(args[0], f, st.Size())
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		return exitFatal
	}
	doc, format, err := gongkai.DefaultRegistry().Extract(ctx, in)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai: %v\n", err)
		if doc == nil {
			return exitSomeFailed
		}
	}
	fmt.Fprintf(stdout, "format %s, %d pages\n", format, doc.Pages)
	for _, p := range doc.Problems {
		fmt.Fprintf(stdout, "problem: page %d: %s\n", p.Page, p.Message)
	}
	extract.Dump(stdout, doc)
	return exitOK
}
