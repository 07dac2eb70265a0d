// Command textcover measures how much of the text pdftotext reads from
// each PDF gongkai dump reads too: of pdftotext's letters and digits (its
// control characters and U+FFFD, which it prints for codes it cannot map,
// are not text), the share found in gongkai's dump, character by
// character. It is issue 14's yardstick: every file ≥ 95%.
//
//	go run ./scripts/textcover [-gongkai BIN] FILE.pdf…
//
// Needs pdftotext (poppler-utils) on PATH.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
)

func main() {
	bin := flag.String("gongkai", "gongkai", "the gongkai binary")
	flag.Parse()
	fmt.Printf("%-40s %9s %9s %7s\n", "file", "pdftotext", "gongkai", "share")
	low := 0
	for _, f := range flag.Args() {
		want := count(run("pdftotext", f, "-"))
		got := count(dumpText(run(*bin, "dump", f)))
		total, found := 0, 0
		for r, n := range want {
			total += n
			found += min(n, got[r])
		}
		share := 1.0
		if total > 0 {
			share = float64(found) / float64(total)
		}
		mark := ""
		if share < 0.95 {
			mark, low = " <", low+1
		}
		fmt.Printf("%-40s %9d %9d %6.1f%%%s\n", filepath.Base(f), total, found, 100*share, mark)
	}
	fmt.Printf("%d of %d files below 95%%\n", low, flag.NArg())
}

// run returns a command's stdout; a failing command gives what it printed.
func run(name string, args ...string) []byte {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, name, args...).Output()
	return out
}

var (
	paraTag = regexp.MustCompile(`^P(@p\d+)? `)
	rowTag  = regexp.MustCompile(`^\s+r\d+ `)
	cellTag = regexp.MustCompile(`(^| \| )c\d+(\+\d+x\d+)?(@p\d+)?:`)
)

// dumpText drops gongkai dump's own marks, keeping the document's text.
func dumpText(b []byte) []byte {
	var out bytes.Buffer
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "format ") || strings.HasPrefix(line, "problem: ") || strings.HasPrefix(line, "T"):
			continue
		case strings.HasPrefix(line, "title: "):
			line = strings.TrimPrefix(line, "title: ")
		case paraTag.MatchString(line):
			line = paraTag.ReplaceAllString(line, "")
		case rowTag.MatchString(line):
			line = cellTag.ReplaceAllString(rowTag.ReplaceAllString(line, ""), " ")
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

func count(b []byte) map[rune]int {
	m := map[rune]int{}
	for _, r := range string(b) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			m[r]++
		}
	}
	return m
}
