package docx

import (
	"path/filepath"
	"testing"
)

// TestCorpusGolden dumps the corpus's .docx reports; the golden files are
// this package's output, reviewed, not copies of the corpus.
func TestCorpusGolden(t *testing.T) {
	for _, path := range corpusFiles(t, "*.docx") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := extractDocx(t, openInput(t, path))
			checkGolden(t, filepath.Base(path)+".golden", dump(doc))
		})
	}
}
