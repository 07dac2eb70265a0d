// Command gongkai converts government information-disclosure annual reports
// (政府信息公开工作年度报告) into canonical records. See README.md.
//
// Exit codes: 0 every input was converted (check: every record was read,
// whatever the findings); 1 a fatal error (output not writable, bad
// configuration); 2 bad usage; 3 some inputs could not be converted (their
// records say why) or read; 130 interrupted.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"syscall"
)

// Exit codes, documented in the README; scripts rely on them.
const (
	exitOK          = 0
	exitFatal       = 1
	exitUsage       = 2
	exitSomeFailed  = 3
	exitInterrupted = 130
)

// gcPercent is the garbage collector's setting unless GOGC says otherwise:
// a conversion allocates much and keeps little, and at Go's default of 100
// a run over the corpus spent a third more CPU than at 300, which costs
// about 15 MB more memory a worker (scripts/bench-archive).
const gcPercent = 300

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := context.Background(), func() {}
	if len(os.Args) < 2 || !quick[os.Args[1]] {
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// quick commands print and exit: an interrupt may end them at once, as it
// does any program, with no need to catch it (watching signals costs a
// thread at start, a twentieth of 'gongkai version').
var quick = map[string]bool{"version": true, "schema": true, "fields": true, "completion": true}

const usage = `usage: gongkai <command> [flags] [args]

commands:
  extract PATH...   convert report files (or folders, recursively) into records
  merge OUT IN...   merge JSON Lines files of records (e.g. shards) into OUT
  check RECORDS...  link each body's records across years and list what disagrees
  audit RECORDS...  the report-quality audit: sections, era, blanks, fees, copied text, deadline
  serve RECORDS...  the review page: tables, findings and history, in the browser
  schema            print the JSON Schema of a record
  fields            print the data dictionary (every key, its labels and unit) as TSV, CSV or JSON
  version           print the tool and schema versions
  dump FILE         show what the extractor reads from a file (paragraphs, table grids)
  completion SHELL  print the completion script for bash, zsh or fish

Run 'gongkai <command> -h' for a command's flags.
`

// run is the whole program with its I/O injected, so tests drive it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if args[0] == "help" && len(args) > 1 { // gongkai help extract = gongkai extract -h
		args = []string{args[1], "-h"}
	}
	if slices.Contains(args[1:], "-h") || slices.Contains(args[1:], "--help") {
		stderr = stdout // asked for, help is the output: stdout, exit 0
	}
	switch args[0] {
	case "extract":
		return runExtract(ctx, args[1:], stdout, stderr)
	case "merge":
		return runMerge(args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "audit":
		return runAudit(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "schema":
		return runSchema(stdout, stderr)
	case "fields":
		return runFields(args[1:], stdout, stderr)
	case "version", "--version", "-v":
		return runVersion(stdout)
	case "dump":
		return runDump(ctx, args[1:], stdout, stderr)
	case "completion":
		return runCompletion(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "gongkai: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
