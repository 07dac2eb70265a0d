package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Sentinel errors name the classes of failure a user can act on. Extractors
// wrap them so that callers can test with errors.Is.
var (
	ErrUnknownFormat = errors.New("unsupported file format")
	ErrEmpty         = errors.New("empty file")
	ErrEncrypted     = errors.New("encrypted document")
	ErrNoTextLayer   = errors.New("the text layer is unreadable")
	ErrTooLarge      = errors.New("file or part too large")
	ErrCorrupt       = errors.New("damaged or truncated file")
	ErrConverter     = errors.New("converter unavailable or failed")
)

// HeadSize is how many leading bytes Input.Head holds for sniffing.
const HeadSize = 4096

// Input is one file handed to the extractors.
type Input struct {
	Name string      // path as given; its extension only breaks ties
	R    io.ReaderAt // the whole file
	Size int64
	Head []byte // the first HeadSize bytes (fewer for small files)
	OCR  OCRMode
}

// OCRMode says when readers send pictures of text to OCR (Tesseract,
// when it is installed). OCR is slow — seconds a page — and unsure, so by
// default it reads only what has no usable text otherwise.
type OCRMode int

const (
	// OCRAuto reads a page's picture where the page has no text layer, or
	// one without Unicode mapping, and a Word document's pictures where
	// it has no table of its own. A PDF page whose picture is in a form
	// not decoded here (JPEG 2000, JBIG2), or whose text has no Unicode
	// mapping or is drawn as outlines, is read rendered (by pdftoppm).
	OCRAuto OCRMode = iota
	// OCROff never runs OCR: such documents are refused, as without a
	// text layer.
	OCROff
	// OCRForce reads every page that is a picture by OCR, setting its
	// text layer aside (a scan's hidden text layer can be another
	// program's misreading), and a Word document's pictures beside its
	// tables.
	OCRForce
)

var ocrModes = [...]string{OCRAuto: "auto", OCROff: "off", OCRForce: "force"}

func (m OCRMode) String() string {
	if m >= 0 && int(m) < len(ocrModes) {
		return ocrModes[m]
	}
	return fmt.Sprintf("OCRMode(%d)", int(m))
}

// Reads says whether a picture is read by OCR under m, given whether its
// page (or Word document) has usable text without it. Whether Tesseract
// is installed is the caller's question.
func (m OCRMode) Reads(hasText bool) bool {
	return m == OCRForce || m == OCRAuto && !hasText
}

// ParseOCRMode reads "auto", "off" or "force".
func ParseOCRMode(s string) (OCRMode, error) {
	for m, name := range ocrModes {
		if s == name {
			return OCRMode(m), nil
		}
	}
	return 0, fmt.Errorf("extract: OCR mode %q: want auto, off or force", s)
}

// NewInput prepares an Input, reading the head for sniffing.
func NewInput(name string, r io.ReaderAt, size int64) (*Input, error) {
	head := make([]byte, min(size, HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("extract: reading %s: %w", name, err)
	}
	return &Input{Name: name, R: r, Size: size, Head: head}, nil
}

// Memory is a file held in memory, as an io.ReaderAt. A reader that can
// take its bytes in place (the PDF reader's object layer, through Bytes)
// does so instead of copying them out block by block; none changes them.
type Memory []byte

// ReadAt implements io.ReaderAt.
func (m Memory) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("extract: negative offset")
	}
	if off >= int64(len(m)) {
		return 0, io.EOF
	}
	n := copy(p, m[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Bytes returns the file's bytes, not a copy: they are not to be changed.
func (m Memory) Bytes() []byte { return m }

// Bytes reads the whole file in one allocation (io.ReadAll would grow its
// buffer step by step, doubling the garbage for every file of an archive).
// A file held in memory (Memory) is returned as it is, not copied: the
// bytes are the caller's to read, not to change.
func (in *Input) Bytes() ([]byte, error) {
	if m, ok := in.R.(Memory); ok && int64(len(m)) == in.Size {
		return m, nil
	}
	b := make([]byte, in.Size)
	n, err := in.R.ReadAt(b, 0)
	if n == len(b) {
		return b, nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return nil, fmt.Errorf("extract: reading %s: %w", in.Name, err)
}

// Match says how sure an extractor is that it reads an input.
type Match int

const (
	NoMatch Match = iota
	Maybe         // plausible, e.g. any text for the text reader
	Likely        // the content looks like this format, without a signature
	Certain       // a signature: magic bytes, zip entries
)

// Extractor reads one file format.
type Extractor interface {
	// Format is the short name written in records: "pdf", "docx", "html", "txt".
	Format() string
	// Extensions are the file name extensions (with dot) usually given to
	// the format; used only to break ties between equal matches.
	Extensions() []string
	// Sniff looks at the content and says whether this extractor reads it.
	// It must be cheap: the head, or a directory of a container.
	Sniff(in *Input) Match
	// Extract reads the document. It may return a Document together with
	// an error when part of the file was read.
	Extract(ctx context.Context, in *Input) (*Document, error)
}

// Registry is an explicit, ordered list of extractors.
type Registry struct {
	list []Extractor
}

// NewRegistry returns a registry holding the given extractors, in order of
// preference when two match equally well.
func NewRegistry(es ...Extractor) *Registry {
	return &Registry{list: es}
}

// Formats lists the registered format names.
func (r *Registry) Formats() []string {
	var names []string
	for _, e := range r.list {
		names = append(names, e.Format())
	}
	return names
}

// Detect picks the extractor for an input: the best content match, with the
// file extension breaking ties.
func (r *Registry) Detect(in *Input) (Extractor, error) {
	if in.Size == 0 {
		return nil, fmt.Errorf("extract: %w", ErrEmpty)
	}
	if kind := picture(in.Head); kind != "" {
		// Its bytes may hold anything (a PNG chunk "<html"): no reader of
		// text may take it.
		return nil, fmt.Errorf("extract: %w (%s: a picture, not a document; OCR reads scans inside PDFs)", ErrUnknownFormat, kind)
	}
	ext := strings.ToLower(filepath.Ext(in.Name))
	var best Extractor
	bestScore := 0
	for _, e := range r.list {
		m := e.Sniff(in)
		if m == NoMatch {
			continue
		}
		score := int(m) * 2
		for _, x := range e.Extensions() {
			if x == ext {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	if best == nil {
		return nil, fmt.Errorf("extract: %w (%s)", ErrUnknownFormat, describe(in.Head))
	}
	return best, nil
}

// Extract detects the format and reads the document. A panic inside an
// extractor (or a library it uses) is recovered here and becomes an error,
// so one bad file never stops a run.
func (r *Registry) Extract(ctx context.Context, in *Input) (doc *Document, format string, err error) {
	e, err := r.Detect(in)
	if err != nil {
		return nil, "", err
	}
	defer func() {
		if p := recover(); p != nil {
			doc, format = nil, e.Format()
			err = &PanicError{Format: e.Format(), Value: p, Stack: debug.Stack()}
		}
	}()
	doc, err = e.Extract(ctx, in)
	if doc != nil && doc.Format == "" {
		doc.Format = e.Format()
	}
	return doc, e.Format(), err
}

// picture names an image format by its magic bytes, "" for none.
func picture(head []byte) string {
	for _, p := range []struct{ magic, name string }{
		{"\x89PNG\r\n\x1a\n", "PNG"}, {"\xFF\xD8\xFF", "JPEG"}, {"GIF87a", "GIF"}, {"GIF89a", "GIF"},
		{"II*\x00", "TIFF"}, {"MM\x00*", "TIFF"},
	} {
		if bytes.HasPrefix(head, []byte(p.magic)) {
			return p.name
		}
	}
	if len(head) >= 12 && bytes.HasPrefix(head, []byte("RIFF")) && string(head[8:12]) == "WEBP" {
		return "WebP"
	}
	return ""
}

// describe names what a file that nobody reads looks like, for the error.
func describe(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "a zip archive that is not a Word document"
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "an OLE2 compound file (.doc/.wps/.xls)"
	case bytes.HasPrefix(head, []byte("\x1F\x8B")):
		return "a gzip-compressed file: decompress it first (gunzip); zip archives are read entry by entry"
	case bytes.HasPrefix(head, []byte("7z\xBC\xAF\x27\x1C")):
		return "a 7-Zip archive: unpack it first; zip archives are read entry by entry"
	case bytes.HasPrefix(head, []byte("Rar!\x1A\x07")):
		return "a RAR archive: unpack it first; zip archives are read entry by entry"
	}
	return "content not recognised"
}

// PanicError is a panic recovered from an extractor. It counts as a damaged
// file; the stack is kept for bug reports, not shown in records.
type PanicError struct {
	Format string
	Value  any
	Stack  []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("extract: %s: internal failure reading this file (%v); please report it", e.Format, e.Value)
}

func (e *PanicError) Unwrap() error { return ErrCorrupt }
