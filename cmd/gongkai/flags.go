package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"
)

// newFlags returns a command's flag set: errors and help go to stderr,
// with the command's usage line and description above the flags.
func newFlags(name, usage string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and wants at least minArgs arguments after the
// flags. When the command should stop, it returns false and the exit code:
// 0 for -h, exitUsage for bad flags (said on stderr) or too few arguments
// (the usage is shown).
func parseFlags(fs *pflag.FlagSet, args []string, minArgs int, stderr io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK, false
		}
		fmt.Fprintf(stderr, "gongkai %s: %v (gongkai %s -h lists the flags)\n", fs.Name(), err, fs.Name())
		return exitUsage, false
	}
	if fs.NArg() < minArgs {
		fs.Usage()
		return exitUsage, false
	}
	return exitOK, true
}
