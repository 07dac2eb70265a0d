package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"
)

// Benchmarks on the corpus PDFs: one page (read and laid out), and whole
// documents. They skip when the corpus is absent.

// corpusPDFs lists the corpus PDFs (real and generated).
func corpusPDFs(tb testing.TB) []string {
	var files []string
	for _, sub := range []string{"real", "generated"} {
		m, _ := filepath.Glob(filepath.Join(corpusDir(tb, sub), "*.pdf"))
		files = append(files, m...)
	}
	return files
}

func BenchmarkPage(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(corpusDir(b, "real"), "huaian-city-2024.pdf"))
	if err != nil {
		b.Skip(err)
	}
	rd, err := open(context.Background(), bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		analysePage(4, content.Read(context.Background(), rd.pages[3], &rd.fonts)) // the page with table 三
	}
}

func BenchmarkDocument(b *testing.B) {
	for _, name := range corpusPDFs(b) {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				// From memory, as Converter.File reads a report; the text
				// layer's speed (OCR has BenchmarkOCRPage).
				in, _ := extract.NewInput(name, extract.Memory(data), int64(len(data)))
				in.OCR = extract.OCROff
				New().Extract(context.Background(), in)
			}
		})
	}
}
