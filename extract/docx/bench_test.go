package docx

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkDocument reads each corpus .docx (a whole report: package,
// body, grids).
func BenchmarkDocument(b *testing.B) {
	for _, path := range corpusFiles(b, "*.docx") {
		in := openInput(b, path)
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.SetBytes(in.Size)
			for b.Loop() {
				if _, err := New().Extract(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLegacy converts and reads a .doc made from the corpus: nearly
// all of it is LibreOffice starting with a new profile.
func BenchmarkLegacy(b *testing.B) {
	in := openInput(b, docFixture(b))
	for b.Loop() {
		if _, err := NewDoc().Extract(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
