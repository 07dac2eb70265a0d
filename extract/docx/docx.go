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
	"runtime/debug"

	"github.com/gongkai/gongkai/extract"
)

// Extractor reads .docx files (Office Open XML word-processing packages).
type Extractor struct {
	Limits Limits
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
			return truncated(in.Head)
		}
		return p.sniff()
	}
	return extract.NoMatch
}

// truncated looks at the local file headers in the head of a zip whose
// directory (at its end) is missing, for the names of a Word package.
func truncated(head []byte) extract.Match {
	le := binary.LittleEndian
	for off := 0; off+30 <= len(head) && bytes.HasPrefix(head[off:], []byte("PK\x03\x04")); {
		flags, csize := le.Uint16(head[off+6:]), int(le.Uint32(head[off+18:]))
		nlen, xlen := int(le.Uint16(head[off+26:])), int(le.Uint16(head[off+28:]))
		if off+30+nlen > len(head) {
			break
		}
		switch name := string(head[off+30 : off+30+nlen]); {
		case name == "[Content_Types].xml", len(name) > 5 && name[:5] == "word/":
			return extract.Likely
		}
		if flags&8 != 0 { // sizes follow the data: the next header is not findable
			break
		}
		off += 30 + nlen + xlen + csize
	}
	return extract.NoMatch
}

// Extract reads the document. A damaged body gives what was read before the
// damage, with an error.
func (e *Extractor) Extract(ctx context.Context, in *extract.Input) (doc *extract.Document, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &extract.PanicError{Format: "docx", Value: p, Stack: debug.Stack()}
		}
	}()
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
	return readBody(name, data)
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
	d := xml.NewDecoder(bytes.NewReader(data))
	nodes, err := parseBody(d)
	var em emitter
	em.nodes(nodes)
	doc := &extract.Document{Format: "docx", Blocks: em.blocks}
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
