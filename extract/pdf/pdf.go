// Package pdf is the PDF reader of the extract stage: it turns a PDF's text
// layer into an extract.Document of paragraphs and table grids, which
// normalize then maps onto the report's fields.
//
// It is three layers. internal/syntax is the lexer of PDF's object syntax,
// for content streams (inline images skipped) and objects. internal/object
// reads the file: cross-reference data checked and rebuilt by scanning
// where it is wrong, object streams, a bounded object cache, stream
// filters with a size bound, and the page tree walked once with loops cut.
// (It replaces github.com/ledongthuc/pdf's object model, which re-decoded
// an object stream at every access, walked the page tree from the root
// for every page — quadratic in the page count — had no loop detection on
// /Prev or the page tree, and panicked on damaged data: on the hostile
// files of ../shared/corpus/foreign it took 80 s and 680 MB, this layer
// 0.08 s and 42 MB.) This package is the third layer: characters are
// placed by a reader of its own (ToUnicode maps
// parsed once per font object, composite fonts with /W widths, simple
// fonts with /Differences, form XObjects, /ActualText spans), which also
// collects the ruling lines that tables are drawn with. Tables come from
// those rulings (lattice), or from text alignment when a table has none,
// and are stitched across page breaks. Paragraphs are rebuilt from the
// layout of the running text over the whole document, without running
// headers, footers and page numbers (paragraph.go, running.go).
package pdf

import (
	"bytes"
	"context"
	"regexp"
	"sync"

	"github.com/gongkai/gongkai/extract"
)

// Extractor is the PDF extractor.
type Extractor struct{}

// New returns the PDF extractor.
func New() *Extractor { return &Extractor{} }

// Format implements extract.Extractor.
func (*Extractor) Format() string { return "pdf" }

// Extensions implements extract.Extractor.
func (*Extractor) Extensions() []string { return []string{".pdf"} }

// Sniff implements extract.Extractor: "%PDF-" at the start, or within the
// first KiB after some junk, as readers tolerate; or, with no header at
// all, PDF objects ("1 0 obj << … >> endobj"), which viewers open too.
func (*Extractor) Sniff(in *extract.Input) extract.Match {
	switch i := bytes.Index(in.Head[:min(len(in.Head), 1024)], []byte("%PDF-")); {
	case i == 0:
		return extract.Certain
	case i > 0:
		return extract.Likely
	case bytes.Contains(in.Head, []byte("endobj")) && headerless().Match(in.Head):
		// endobj first: every other format's file is sniffed here too.
		return extract.Likely
	}
	return extract.NoMatch
}

// headerless matches a PDF object's opening at the start of a line.
// It is compiled at first use, not at start-up.
var headerless = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*\d{1,10}\s+\d{1,5}\s+obj\b`) })

// Extract implements extract.Extractor. A page that cannot be read becomes
// a Problem on the Document; the other pages still count.
func (*Extractor) Extract(ctx context.Context, in *extract.Input) (*extract.Document, error) {
	rd, err := open(ctx, in.R, in.Size)
	if err != nil {
		return nil, err
	}
	return rd.document(ctx, in.OCR)
}
