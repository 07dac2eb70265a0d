// Package docx reads Word documents for the first stage of the gongkai
// pipeline (extract): .docx directly and exactly, and Word 97-2003 .doc and
// Kingsoft .wps by having LibreOffice convert them to .docx first. It turns
// the main document part into paragraphs and table grids (merged cells
// included) in body order; normalize, later, finds the report's tables and
// values in them.
package docx

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
)

// Extractor reads .docx files (Office Open XML word-processing packages).
type Extractor struct {
	Limits extract.Limits
}

// New returns a .docx extractor with the default limits.
func New() *Extractor { return &Extractor{Limits: DefaultLimits()} }

// Format is "docx".
func (*Extractor) Format() string { return "docx" }

// Extensions lists ".docx"; it only breaks ties.
func (*Extractor) Extensions() []string { return []string{".docx"} }

// Sniff recognises a zip whose content types declare a Word main document
// (Certain) or that holds word/document.xml (Likely); a zip cut short,
// whose first entries are those of a Word package (Likely, so that reading
// it reports the damage); and a password-protected Office package, which is
// an OLE2 file holding an EncryptedPackage (Certain, to report it).
func (e *Extractor) Sniff(in *extract.Input) extract.Match {
	switch {
	case bytes.HasPrefix(in.Head, ole2Magic):
		if f, err := readOLE2(in.R, in.Size); err == nil && f.encryptedOOXML() {
			return extract.Certain
		}
	case bytes.HasPrefix(in.Head, []byte("PK\x03\x04")):
		p, err := openPackage(in.R, in.Size, e.Limits)
		if err != nil {
			return truncated(in)
		}
		return p.sniff()
	}
	return extract.NoMatch
}

// truncated looks for the names of a Word package in the local file
// headers at the start of a zip whose directory (at its end) is missing. The
// headers are found by their signature: with sizes written after the data
// (bit 3, as LibreOffice does) they cannot be walked one to the next.
func truncated(in *extract.Input) extract.Match {
	head := make([]byte, min(in.Size, 64<<10))
	n, _ := in.R.ReadAt(head, 0)
	head = head[:n]
	sig := []byte("PK\x03\x04")
	for off := 0; ; off++ {
		i := bytes.Index(head[off:], sig)
		if i < 0 {
			return extract.NoMatch
		}
		off += i
		if off+30 > len(head) {
			return extract.NoMatch
		}
		nlen := int(binary.LittleEndian.Uint16(head[off+26:]))
		if off+30+nlen > len(head) {
			return extract.NoMatch
		}
		name := string(head[off+30 : off+30+nlen])
		if name == "[Content_Types].xml" || strings.HasPrefix(name, "word/") {
			return extract.Likely
		}
	}
}

// Extract reads the document. A damaged body gives what was read before the
// damage, with an error.
func (e *Extractor) Extract(ctx context.Context, in *extract.Input) (doc *extract.Document, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(in.Head, ole2Magic) {
		return nil, ole2Error(in)
	}
	p, err := openPackage(in.R, in.Size, e.Limits)
	if err != nil {
		return nil, err
	}
	if p.sniff() == extract.NoMatch {
		return nil, fmt.Errorf("docx: a zip archive without a Word document part (word/document.xml): %w", extract.ErrUnknownFormat)
	}
	name, err := p.mainPart()
	if err != nil {
		return nil, err
	}
	data, err := p.read(name)
	if err != nil {
		return nil, err
	}
	doc, err = readBody(name, data)
	if err == nil && doc.Images > 0 && in.OCR.Reads(len(doc.Tables()) > 0) && ocr.Available() {
		if perr := pictureTables(ctx, p, doc); perr != nil {
			doc.Problems = append(doc.Problems, extract.Problem{Message: "docx: OCR of the document's pictures: " + perr.Error()})
		}
	}
	return doc, err
}

// ole2Error explains why an OLE2 file is not read as .docx.
func ole2Error(in *extract.Input) error {
	f, err := readOLE2(in.R, in.Size)
	switch {
	case err != nil:
		return fmt.Errorf("docx: %v: %w", err, extract.ErrCorrupt)
	case f.encryptedOOXML():
		return fmt.Errorf("docx: the document is password-protected (an encrypted Office package); open it in Word or WPS, remove the password, save it and read it again: %w", extract.ErrEncrypted)
	}
	return fmt.Errorf("docx: an OLE2 compound file (.doc, .wps, .xls), not a .docx: %w", extract.ErrUnknownFormat)
}

// readBody reads a main document part (word/document.xml), named part in
// errors. It returns what it read before any damage, with a *PartError.
func readBody(part string, data []byte) (*extract.Document, error) {
	// The fast reader first; anything it leaves, or any error, and the part
	// is read again by encoding/xml, whose errors say where.
	nodes, p, err := parseBody(newFastXML(data))
	var d *xml.Decoder
	if err != nil {
		d = xml.NewDecoder(bytes.NewReader(data))
		nodes, p, err = parseBody(xmlTokens{d})
	}
	var em emitter
	em.nodes(nodes)
	doc := &extract.Document{Format: "docx", Blocks: em.blocks, Images: p.images}
	for _, m := range p.problems {
		doc.Problems = append(doc.Problems, extract.Problem{Message: "docx: " + m})
	}
	if err == nil {
		return doc, nil
	}
	line, _ := d.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
	}
	perr := &PartError{Part: part, Line: line, Err: fmt.Errorf("%s: %w", msg, extract.ErrCorrupt)}
	if len(doc.Blocks) == 0 {
		return nil, perr
	}
	doc.Problems = append(doc.Problems, extract.Problem{Message: perr.Error()})
	return doc, perr
}

// PartError is damage found in one part of a package: the part, the line
// where reading stopped and what was wrong. It unwraps to extract.ErrCorrupt.
type PartError struct {
	Part string
	Line int
	Err  error
}

func (e *PartError) Error() string {
	return fmt.Sprintf("docx: %s, line %d: %v", e.Part, e.Line, e.Err)
}

func (e *PartError) Unwrap() error { return e.Err }
