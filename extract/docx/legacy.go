package docx

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/extract"
)

// Legacy reads Word 97-2003 .doc and Kingsoft WPS .wps documents, both OLE2
// compound files with a WordDocument stream, by having LibreOffice convert
// them to .docx and reading that. One Legacy serves one format name, so that
// records say "doc" or "wps"; register both (NewDoc, NewWPS) and the file
// extension decides between them, the content being the same.
type Legacy struct {
	format string
	// Soffice is the LibreOffice program; "" looks for soffice, then
	// libreoffice, on PATH.
	Soffice string
	// Timeout bounds one conversion; past it LibreOffice and everything it
	// started are killed.
	Timeout time.Duration
	// Docx reads the converted file.
	Docx *Extractor
}

// DefaultTimeout is generous: a conversion takes 5-10 s, most of it
// LibreOffice starting with a new profile.
const DefaultTimeout = 2 * time.Minute

// NewDoc returns the reader of Word 97-2003 .doc files.
func NewDoc() *Legacy { return &Legacy{format: "doc", Timeout: DefaultTimeout, Docx: New()} }

// NewWPS returns the reader of Kingsoft WPS .wps files.
func NewWPS() *Legacy { return &Legacy{format: "wps", Timeout: DefaultTimeout, Docx: New()} }

// Format is "doc" or "wps".
func (l *Legacy) Format() string { return l.format }

// Extensions is ".doc" or ".wps".
func (l *Legacy) Extensions() []string { return []string{"." + l.format} }

// Sniff reads the OLE2 directory: a WordDocument stream is Certain. An
// encrypted Office Open XML package is left to Extractor, which reports it;
// workbooks and presentations are not ours. For .wps, another OLE2 file is
// Likely (Microsoft Works also wrote .wps, and LibreOffice reads it); a
// directory that cannot be read is Maybe, so that Extract can say so.
func (l *Legacy) Sniff(in *extract.Input) extract.Match {
	if !bytes.HasPrefix(in.Head, ole2Magic) {
		return extract.NoMatch
	}
	f, err := readOLE2(in.R, in.Size)
	switch {
	case err != nil:
		return extract.Maybe
	case f.encryptedOOXML():
		return extract.NoMatch
	case f.has("WordDocument"):
		return extract.Certain
	case f.has("Workbook"), f.has("Book"), f.has("PowerPoint Document"):
		return extract.NoMatch
	case l.format == "wps":
		return extract.Likely
	}
	return extract.NoMatch
}

// Extract converts the file with LibreOffice and reads the result.
func (l *Legacy) Extract(ctx context.Context, in *extract.Input) (doc *extract.Document, err error) {
	f, err := readOLE2(in.R, in.Size)
	switch {
	case err != nil:
		return nil, fmt.Errorf("docx: .%s file: %v: %w", l.format, err, extract.ErrCorrupt)
	case f.encryptedOOXML(), f.encryptedDoc():
		return nil, fmt.Errorf("docx: the .%s document is password-protected; open it in Word or WPS, remove the password, save it and read it again: %w", l.format, extract.ErrEncrypted)
	}
	data, err := l.convert(ctx, in)
	if err != nil {
		return nil, err
	}
	conv, err := extract.NewInput(in.Name+".docx", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	conv.OCR = in.OCR
	doc, err = l.Docx.Extract(ctx, conv)
	if doc != nil {
		doc.Format = l.format
	}
	if err != nil {
		err = fmt.Errorf("docx: reading the .docx LibreOffice made of this .%s file: %w", l.format, err)
	}
	return doc, err
}
