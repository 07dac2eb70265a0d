package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// commands are the commands, as completion offers them.
var commands = []string{"extract", "merge", "check", "audit", "serve", "schema", "fields", "version", "dump", "completion", "help"}

// flagged are the commands that take flags.
var flagged = []string{"extract", "merge", "check", "audit", "serve", "fields", "dump"}

var flagName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s+(?:(-[a-zA-Z]), )?(--[a-z0-9-]+)`) })

// flagsOf lists a command's flags as its -h prints them, so that
// completion cannot drift from the flags.
func flagsOf(cmd string) []string {
	var b bytes.Buffer
	run(context.Background(), []string{cmd, "-h"}, &b, &b)
	var out []string
	for _, m := range flagName().FindAllStringSubmatch(b.String(), -1) {
		if m[1] != "" {
			out = append(out, m[1])
		}
		out = append(out, m[2])
	}
	return append(out, "--help")
}

// caseShells are bash's and zsh's scripts, alike but for syntax: the
// command word offers the commands; after it, a case on the command sets
// its flags, which a word starting with - completes, and files the rest.
var caseShells = map[string]struct{ head, first, flags, offer, tail string }{
	"bash": {
		head:  "# bash completion for gongkai\n_gongkai() {\n  local cur=${COMP_WORDS[COMP_CWORD]} flags=\n",
		first: "  if [ \"$COMP_CWORD\" -eq 1 ]; then %s; fi\n  case ${COMP_WORDS[1]} in\n",
		flags: "    %s) flags=\"%s\" ;;\n",
		offer: `COMPREPLY=($(compgen -W "%s" -- "$cur")); return`,
		tail: "  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n}\n" +
			"complete -o filenames -o bashdefault -F _gongkai gongkai\n",
	},
	"zsh": {
		head:  "#compdef gongkai\n# zsh completion for gongkai\n_gongkai() {\n  local -a flags\n",
		first: "  if (( CURRENT == 2 )); then %s; fi\n  case $words[2] in\n",
		flags: "    %s) flags=(%s) ;;\n",
		offer: "compadd -- %s; return",
		tail: "  if [[ $words[CURRENT] == -* ]]; then compadd -- $flags; else _files; fi\n}\n" +
			"if (( $+functions[compdef] )); then compdef _gongkai gongkai; fi\n",
	},
}

// runCompletion prints a shell's completion script.
func runCompletion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("completion", "usage: gongkai completion bash|zsh|fish\n\nPrints the shell's completion script, e.g.\n  source <(gongkai completion bash)     # in ~/.bashrc\n  gongkai completion fish > ~/.config/fish/completions/gongkai.fish\n\n", stderr)
	if code, ok := parseFlags(fs, args, 1, stderr); !ok {
		return code
	}
	var b strings.Builder
	switch fs.Arg(0) {
	case "bash", "zsh":
		sh := caseShells[fs.Arg(0)]
		offer := func(words ...string) string { return fmt.Sprintf(sh.offer, strings.Join(words, " ")) }
		b.WriteString(sh.head)
		fmt.Fprintf(&b, sh.first, offer(commands...))
		for _, c := range flagged {
			fmt.Fprintf(&b, sh.flags, c, strings.Join(flagsOf(c), " "))
		}
		fmt.Fprintf(&b, "    help) %s ;;\n    completion) %s ;;\n  esac\n", offer(commands...), offer("bash", "zsh", "fish"))
		b.WriteString(sh.tail)
	case "fish":
		b.WriteString("# fish completion for gongkai\ncomplete -c gongkai -f\n")
		fmt.Fprintf(&b, "complete -c gongkai -n __fish_use_subcommand -a %q\n", strings.Join(commands, " "))
		for _, c := range flagged {
			for _, f := range flagsOf(c) {
				opt := "-l " + strings.TrimPrefix(f, "--")
				if !strings.HasPrefix(f, "--") {
					opt = "-s " + strings.TrimPrefix(f, "-")
				}
				fmt.Fprintf(&b, "complete -c gongkai -n '__fish_seen_subcommand_from %s' %s\n", c, opt)
			}
			fmt.Fprintf(&b, "complete -c gongkai -n '__fish_seen_subcommand_from %s' -F\n", c)
		}
		fmt.Fprintf(&b, "complete -c gongkai -n '__fish_seen_subcommand_from help' -a %q\n", strings.Join(commands, " "))
		b.WriteString("complete -c gongkai -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	default:
		fmt.Fprintf(stderr, "gongkai: completion: %q: want bash, zsh or fish\n", fs.Arg(0))
		return exitUsage
	}
	io.WriteString(stdout, b.String())
	return exitOK
}
