// Package html reads reports published as web pages: real <table> markup
// with rowspan and colspan, Word-exported HTML (mso styles, <o:p>, nested
// spans, &nbsp;), in UTF-8 or the GB2312/GBK/GB18030 encodings, declared or
// sniffed. It is one of the extract stage's format readers. Pages are
// parsed by the package's own HTML parser (parse.go), which builds
// x/net/html's tree; only that package's types are used, so its tables are
// not built at start-up.
package html

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/unicode"

	"github.com/gongkai/gongkai/extract"
)

// DefaultMaxFile bounds the pages read; report pages are well under a
// megabyte.
const DefaultMaxFile = 64 << 20

// Extractor reads HTML pages.
type Extractor struct {
	Limits extract.Limits // MaxFile only: a page is parsed in memory
}

// New returns the HTML extractor.
func New() *Extractor { return &Extractor{Limits: extract.Limits{MaxFile: DefaultMaxFile}} }

func (*Extractor) Format() string       { return "html" }
func (*Extractor) Extensions() []string { return []string{".html", ".htm", ".shtml", ".xhtml"} }

// Sniff looks for markup in the head: a doctype, <html>, or the block tags
// a page fragment starts with.
func (*Extractor) Sniff(in *extract.Input) extract.Match {
	head := in.Head
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		// UTF-16 with its BOM: look at the markup, not at the bytes.
		if b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(head[:len(head)&^1]); err == nil {
			head = b
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		// A binary file (a zip, an image) whose bytes happen to hold "<p":
		// markup never holds NUL.
		return extract.NoMatch
	}
	for _, sig := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if hasFold(head, sig) {
			return extract.Certain
		}
	}
	for _, sig := range []string{"<table", "<p", "<div", "<br", "<span", "<meta"} {
		if hasFold(head, sig) {
			return extract.Likely
		}
	}
	return extract.NoMatch
}

// hasFold says head holds sig ('<' and lower-case ASCII) in any case, as
// bytes.Contains(bytes.ToLower(head), sig) does, without lowering a copy of
// the head of every file sniffed (TestSniffAsLowered).
func hasFold(head []byte, sig string) bool {
	for i := 0; ; {
		j := bytes.IndexByte(head[i:], sig[0])
		if j < 0 {
			return false
		}
		i += j + 1
		if foldPrefix(head[i:], sig[1:]) {
			return true
		}
	}
}

// foldPrefix says b starts with s when lowered.
func foldPrefix(b []byte, s string) bool {
	i := 0
	for k := 0; k < len(s); k++ {
		if i == len(b) {
			return false
		}
		c, n := lowered(b, i)
		if c != s[k] {
			return false
		}
		i += n
	}
	return true
}

// Extract decodes the page and walks its tree.
func (e *Extractor) Extract(ctx context.Context, in *extract.Input) (*extract.Document, error) {
	if err := e.Limits.CheckFile("html", in.Size); err != nil {
		return nil, err
	}
	raw, err := in.Bytes()
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	root, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	return Walk(root), nil
}

// Parse decodes raw bytes using the declared or sniffed charset and parses
// them into x/net/html's tree (parse.go). x/net/html's own sniffing
// defaults to windows-1252; Chinese pages without a declaration are GBK far
// more often, so invalid UTF-8 is read as GB18030.
func Parse(raw []byte) (*html.Node, error) {
	src, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("html: %w: %v", extract.ErrCorrupt, err)
	}
	root, err := parse(src)
	if err != nil {
		return nil, fmt.Errorf("html: %w: %v", extract.ErrCorrupt, err)
	}
	return root, nil
}

// attrInt reads a span attribute; browsers treat junk as 1 and cap huge
// values, and so do we.
func attrInt(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return min(v, 1000)
		}
	}
	return 1
}
