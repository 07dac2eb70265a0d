package docx

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"os"
	"testing"
)

// TestFeatures reads each hand-written document body in testdata/*.xml,
// packed into a .docx, and compares the dump with testdata/NAME.golden.
func TestFeatures(t *testing.T) {
	for _, f := range fixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			doc := extractDocx(t, input(t, f.name+".docx", docxOf(t, string(f.body))))
			checkGolden(t, f.name+".golden", dump(doc))
		})
	}
}

// TestExampleFile keeps testdata/example.docx, which Example reads, the
// packed gridspan.xml fixture; go test -update writes it.
func TestExampleFile(t *testing.T) {
	body, err := os.ReadFile("testdata/gridspan.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := docxOf(t, string(body))
	if *golden.Update {
		if err := os.WriteFile("testdata/example.docx", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("testdata/example.docx")
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("testdata/example.docx is not the packed gridspan.xml (go test -update rewrites it): %v", err)
	}
}
