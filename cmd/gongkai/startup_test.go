package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The binary links x/net/html for its node type only: its parser, its
// unescaping and x/net/html/charset reference the maps that package and
// x/text's language and htmlindex build at start-up (0.4–0.7 ms of every
// run's package init), which the linker leaves out only while nothing
// references them. extract/html reads pages, references and encodings
// with its own code and tables.
func TestStartupTablesLeftOut(t *testing.T) {
	out, err := exec.Command("go", "tool", "nm", binary(t)).Output()
	if err != nil {
		t.Skip("go tool nm:", err)
	}
	syms := string(out)
	if !strings.Contains(syms, " golang.org/x/net/html.(*Node).AppendChild") {
		t.Fatal("no x/net/html symbols in the binary: the test reads the symbol table wrong")
	}
	for _, sym := range []string{
		" golang.org/x/net/html.map.init", // the entity maps
		" golang.org/x/net/html.Parse\n",
		" golang.org/x/net/html.UnescapeString\n",
		" golang.org/x/net/html/charset.",
		" golang.org/x/text/encoding/htmlindex.",
		" golang.org/x/text/language.",
	} {
		if strings.Contains(syms, sym) {
			t.Errorf("the binary links %s: its tables are built at every start-up", strings.TrimSpace(sym))
		}
	}
}
