package docx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFeatures reads each hand-written document body in testdata/*.xml,
// packed into a .docx, and compares the dump with testdata/NAME.golden.
func TestFeatures(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.xml")
	if len(files) == 0 {
		t.Fatal("no testdata/*.xml")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".xml")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := extractDocx(t, input(t, name+".docx", docxOf(t, string(body))))
			golden(t, name+".golden", dump(doc))
		})
	}
}
