package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The bash script completes commands and each command's flags, as bash
// itself runs it; zsh's and fish's name the same flags.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"zsh", "fish"} {
		code, out, _ := runCLI(t, "completion", shell)
		if code != exitOK || !strings.Contains(out, "layout") || !strings.Contains(out, "allow-remote") {
			t.Errorf("%s: exit %d: %.200s", shell, code, out)
		}
	}
	if code, _, _ := runCLI(t, "completion", "tcsh"); code != exitUsage {
		t.Errorf("tcsh: exit %d", code)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash: running the bash completion skipped")
	}
	_, script, _ := runCLI(t, "completion", "bash")
	file := filepath.Join(t.TempDir(), "gongkai.bash")
	os.WriteFile(file, []byte(script), 0o644)
	for words, want := range map[string]string{
		"gongkai ex":             "extract",
		"gongkai extract --la":   "--layout",
		"gongkai serve --allow-": "--allow-remote",
		"gongkai help au":        "audit",
		"gongkai completion fi":  "fish",
	} {
		cmd := exec.Command(bash, "-c", `source "$1"; read -ra COMP_WORDS <<< "$2"; COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _gongkai; echo "${COMPREPLY[*]}"`, "x", file, words)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != want {
			t.Errorf("%q completes to %q (%v), want %q", words, out, err, want)
		}
	}
}
