package docx

import "testing"

// TestFeatures reads each hand-written document body in testdata/*.xml,
// packed into a .docx, and compares the dump with testdata/NAME.golden.
func TestFeatures(t *testing.T) {
	for _, f := range fixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			doc := extractDocx(t, input(t, f.name+".docx", docxOf(t, string(f.body))))
			golden(t, f.name+".golden", dump(doc))
		})
	}
}
