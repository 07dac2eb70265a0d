package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/gongkai/gongkai/extract"
)

// The package (the zip) is read with archive/zip directly rather than through
// github.com/nguyenthenguyen/docx. That library hands back word/document.xml
// as a string, but: it reads parts with no size limit, so a zip bomb inflates
// in memory; it looks only for word/document.xml, while Word Online saves the
// main part as word/document2.xml (the package's _rels/.rels says where it
// is); it refuses a package without word/_rels/document.xml.rels; and it
// inflates every entry whose name contains "header" or "footer", images
// included, for text we do not use. Checking sizes before each read and
// following the relationships is the whole of what is needed, below.

// A small zip can inflate to gigabytes (a zip bomb): each part's declared
// size is checked against the extractor's Limits before it is read, and
// archive/zip stops any entry that inflates past its declared size.

// DefaultLimits allow a 64 MiB document.xml (real reports are under 2 MiB)
// and a compression ratio of 200:1 (Word's XML compresses 10-40:1; a zip
// bomb, near 1000:1).
func DefaultLimits() extract.Limits { return extract.Limits{MaxPart: 64 << 20, MaxRatio: 200} }

// ratioFloor is the size below which the ratio is not checked: a small part
// of repeated markup may compress very well and costs nothing to inflate.
const ratioFloor = 1 << 20

// pkg is an opened OPC package.
type pkg struct {
	byName map[string]*zip.File // by lower-cased part name, no leading slash
	lim    extract.Limits
}

func openPackage(r io.ReaderAt, size int64, lim extract.Limits) (*pkg, error) {
	zr, err := zip.NewReader(r, size)
	// Names like "../x" only matter to code that writes files; we do not.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("docx: cannot read the zip directory (%v), the file is probably truncated: %w", err, extract.ErrCorrupt)
	}
	p := &pkg{byName: make(map[string]*zip.File, len(zr.File)), lim: lim}
	for _, f := range zr.File {
		k := partKey(f.Name)
		if _, dup := p.byName[k]; !dup {
			p.byName[k] = f
		}
	}
	return p, nil
}

// partKey normalises a part name: OPC names are case-insensitive, and
// relationship targets and content-type overrides start with a slash.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(path.Clean("/"+name), "/"))
}

func (p *pkg) has(name string) bool { return p.byName[partKey(name)] != nil }

// read inflates one part after checking it against the limits.
func (p *pkg) read(name string) ([]byte, error) {
	f := p.byName[partKey(name)]
	if f == nil {
		return nil, fmt.Errorf("docx: part %s missing: %w", name, extract.ErrCorrupt)
	}
	n, c := f.UncompressedSize64, f.CompressedSize64
	if n > uint64(p.lim.MaxPart) {
		return nil, fmt.Errorf("docx: part %s inflates to %s, over the limit of %s: %w",
			f.Name, bytesize(n), bytesize(uint64(p.lim.MaxPart)), extract.ErrTooLarge)
	}
	if n > ratioFloor && float64(n) > p.lim.MaxRatio*float64(max(c, 1)) {
		return nil, fmt.Errorf("docx: part %s inflates from %s to %s (%.0f:1, limit %.0f:1); refusing a likely zip bomb: %w",
			f.Name, bytesize(c), bytesize(n), float64(n)/float64(max(c, 1)), p.lim.MaxRatio, extract.ErrTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docx: part %s: %v: %w", f.Name, err, extract.ErrCorrupt)
	}
	defer rc.Close()
	// One allocation of the declared size (plus ReadFrom's read-ahead),
	// not io.ReadAll's doubling.
	var buf bytes.Buffer
	buf.Grow(int(n) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(rc, int64(n)+1))
	b := buf.Bytes()
	if errors.Is(err, zip.ErrFormat) {
		return nil, fmt.Errorf("docx: part %s does not inflate to the size the zip directory declares: %w", f.Name, extract.ErrCorrupt)
	}
	if err != nil {
		return nil, fmt.Errorf("docx: part %s: %v: %w", f.Name, err, extract.ErrCorrupt)
	}
	return b, nil
}

func bytesize(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// wordMainTypes are the content types of a Word main document part:
// document, template, and their macro-enabled forms.
var wordMainTypes = []string{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
	"application/vnd.ms-word.document.macroenabled.main+xml",
	"application/vnd.ms-word.template.macroenabledtemplate.main+xml",
}

// declaredMain returns the part that [Content_Types].xml declares as a Word
// main document and that exists, or "".
func (p *pkg) declaredMain() string {
	if !p.has("[Content_Types].xml") {
		return ""
	}
	b, err := p.read("[Content_Types].xml")
	if err != nil {
		return ""
	}
	var ct struct {
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if xml.Unmarshal(b, &ct) != nil {
		return ""
	}
	for _, o := range ct.Overrides {
		for _, t := range wordMainTypes {
			if strings.EqualFold(strings.TrimSpace(o.ContentType), t) && p.has(o.PartName) {
				return partKey(o.PartName)
			}
		}
	}
	return ""
}

// sniff says whether the package is a Word document.
func (p *pkg) sniff() extract.Match {
	switch {
	case p.declaredMain() != "":
		return extract.Certain
	case p.has("word/document.xml"):
		return extract.Likely
	}
	return extract.NoMatch
}

// mainPart finds the main document part: the target of the package's
// officeDocument relationship, else the part declared with a Word main
// content type, else word/document.xml.
func (p *pkg) mainPart() (string, error) {
	if p.has("_rels/.rels") {
		b, err := p.read("_rels/.rels")
		if err != nil {
			return "", err
		}
		var rels struct {
			Rels []struct {
				Type       string `xml:"Type,attr"`
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		_ = xml.Unmarshal(b, &rels) // a damaged .rels leaves the fallbacks
		for _, r := range rels.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") && r.TargetMode != "External" && p.has(r.Target) {
				return partKey(r.Target), nil
			}
		}
	}
	if m := p.declaredMain(); m != "" {
		return m, nil
	}
	if p.has("word/document.xml") {
		return "word/document.xml", nil
	}
	return "", fmt.Errorf("docx: the package has no main document part (word/document.xml): %w", extract.ErrCorrupt)
}
