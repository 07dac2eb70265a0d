package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// The body reader walks word/document.xml as a token stream. Only text in
// w:t counts; every element it does not know is transparent (its children
// are read as if they stood in its place), so content controls (w:sdt),
// custom XML, smart tags, hyperlinks, fields and insertions (w:ins) keep
// their text. Subtrees that hold no visible text of the document, or text
// that was deleted, are skipped whole.

// Word's namespaces: transitional (what Word, WPS and LibreOffice write) and
// strict, and markup compatibility (alternative renderings of one object).
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

const (
	// maxNesting bounds tables in tables and text boxes in paragraphs: the
	// reader recurses on them, and a crafted file must not exhaust the stack.
	maxNesting = 32
	// maxCols bounds a table's grid (Word allows 63 columns) so that a
	// crafted w:gridSpan cannot make a grid of billions of positions.
	maxCols = 256
)

// skipped lists elements whose subtree holds no text to keep: properties,
// deleted runs (tracked changes), field instructions, the fallback copy of
// an object whose preferred rendering (mc:Choice) is read instead.
var skipped = map[string]bool{
	"pPr": true, "rPr": true, "sectPr": true, "tblPr": true, "tblGrid": true,
	"tblPrEx": true, "sdtPr": true, "sdtEndPr": true,
	"del": true, "moveFrom": true, "delText": true, "delInstrText": true,
	"instrText": true, "fldData": true,
}

func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

func skip(n xml.Name) bool {
	if n.Space == nsMC {
		return n.Local == "Fallback"
	}
	return (n.Space == nsW || n.Space == nsWStrict) && skipped[n.Local]
}

// val returns an element's w:val attribute.
func val(se xml.StartElement) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == "val" && (a.Name.Space == "" || a.Name.Space == nsW || a.Name.Space == nsWStrict) {
			return a.Value, true
		}
	}
	return "", false
}

// intVal reads a numeric w:val clamped to [lo, hi], or def.
func intVal(se xml.StartElement, def, lo, hi int) int {
	s, ok := val(se)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return min(max(n, lo), hi)
}

// node is one piece of block-level content: a paragraph (its lines, split
// at soft breaks) or a table.
type node struct {
	lines []string
	table *table
}

type table struct{ rows []row }

type row struct {
	before  int  // w:gridBefore: grid columns left empty before the first cell
	deleted bool // the row is a tracked deletion
	cells   []cell
}

type cell struct {
	span    int   // w:gridSpan
	vmerge  merge // w:vMerge
	hmerge  merge // w:hMerge, in files from older Word
	content []node
}

type merge uint8

const (
	noMerge merge = iota
	restart
	cont // the bare element, or val="continue"
)

// on reads a toggle property such as w:vanish: present means on, unless
// its value says otherwise.
func on(se xml.StartElement) bool {
	switch v, _ := val(se); v {
	case "0", "false", "off":
		return false
	}
	return true
}

func mergeVal(se xml.StartElement) merge {
	if v, _ := val(se); v == "restart" {
		return restart
	}
	return cont
}

type parser struct {
	d        tokens
	depth    int      // tables and paragraphs being read, one inside another
	problems []string // content seen but not read
	images   int      // pictures: a table pasted as one has no text to read
}

// Pictures in DrawingML (pic:pic) and in the older VML (v:imagedata).
const (
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsVML = "urn:schemas-microsoft-com:vml"
)

func isPicture(n xml.Name) bool {
	return n.Space == nsPic && n.Local == "pic" || n.Space == nsVML && n.Local == "imagedata"
}

var errNoBody = errors.New("no w:body element")

// parseBody reads the block-level content of a main document part — of
// every w:body in it: Word writes one, but other writers have written
// several, and Word shows them all. The parser it returns says what it saw
// but could not read, and counts the pictures.
func parseBody(d tokens) ([]node, *parser, error) {
	p := &parser{d: d}
	var all []node
	bodies := 0
	for {
		tok, err := d.next()
		if err != nil {
			switch {
			case errors.Is(err, io.EOF) && bodies == 0:
				return nil, p, errNoBody
			case errors.Is(err, io.EOF):
				return all, p, nil
			}
			return all, p, err
		}
		if tok.kind == tokStart && isW(tok.Name, "body") {
			bodies++
			ns, err := p.blocks(nil)
			all = append(all, ns...)
			if err != nil {
				return all, p, err
			}
		}
	}
}

// walk reads up to the end of the element just started. Each start element
// inside goes to fn, which either reads it whole and returns true, or
// returns false: then the element is skipped if it holds no text to keep,
// and otherwise entered, its children coming to fn in turn. That is what
// makes unknown wrappers (w:sdt, w:ins, w:hyperlink, ...) transparent.
func (p *parser) walk(fn func(xml.StartElement) (bool, error)) error {
	for depth := 0; ; {
		tok, err := p.d.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			t := tok.StartElement
			if isPicture(t.Name) {
				p.images++
			}
			done, err := fn(t)
			switch {
			case err != nil:
				return err
			case done:
			case skip(t.Name):
				if err := p.d.Skip(); err != nil {
					return err
				}
			default:
				depth++
			}
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// blocks reads block-level content (of the body, a cell, a content control)
// up to the end of the element being read. props, when set, reads property
// elements such as w:tcPr and reports whether it did.
func (p *parser) blocks(props func(xml.StartElement) (bool, error)) ([]node, error) {
	var out []node
	err := p.walk(func(se xml.StartElement) (bool, error) {
		if props != nil {
			if done, err := props(se); done || err != nil {
				return true, err
			}
		}
		var ns []node
		var err error
		switch {
		case isW(se.Name, "p"):
			ns, err = p.para()
		case isW(se.Name, "tbl"):
			ns, err = p.table()
		case isW(se.Name, "altChunk"):
			// Content imported from another file (HTML, RTF) that Word
			// lays out when it opens the document; it is not WordprocessingML.
			p.problems = append(p.problems, "the document embeds content from another file (w:altChunk, usually HTML) that is not read; open and save it in Word or WPS to make it part of the document")
			return true, p.d.Skip()
		default:
			return false, nil
		}
		out = append(out, ns...)
		return true, err
	})
	return out, err
}

// para reads a paragraph after its start element. It returns the paragraph
// and then whatever its text boxes held, as separate nodes.
func (p *parser) para() ([]node, error) {
	if p.depth >= maxNesting {
		return nil, p.d.Skip()
	}
	p.depth++
	defer func() { p.depth-- }()
	var lines []string
	var cur strings.Builder
	var extra []node
	hidden := false // the run being read is hidden text (w:vanish), not printed
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
	}
	err := p.walk(func(se xml.StartElement) (bool, error) {
		switch {
		case isW(se.Name, "r"):
			hidden = false
			return false, nil
		case isW(se.Name, "rPr"):
			return true, p.props(func(se xml.StartElement) {
				if isW(se.Name, "vanish") {
					hidden = on(se)
				}
			})
		case hidden && (isW(se.Name, "t") || isW(se.Name, "tab") || isW(se.Name, "br")):
		case isW(se.Name, "t"):
			return true, p.text(&cur)
		case isW(se.Name, "tab"), isW(se.Name, "ptab"):
			cur.WriteByte('\t')
		case isW(se.Name, "br"), isW(se.Name, "cr"):
			flush()
		case isW(se.Name, "noBreakHyphen"):
			cur.WriteByte('-')
		case isW(se.Name, "p"), isW(se.Name, "tbl"): // in a text box
			ns, err := p.blocksOf(se)
			extra = append(extra, ns...)
			return true, err
		default:
			return false, nil
		}
		return true, p.d.Skip()
	})
	flush()
	return append([]node{{lines: lines}}, extra...), err
}

// blocksOf reads a paragraph or table whose start element was just read.
func (p *parser) blocksOf(se xml.StartElement) ([]node, error) {
	if isW(se.Name, "p") {
		return p.para()
	}
	return p.table()
}

// text appends the character data of a w:t element.
func (p *parser) text(b *strings.Builder) error {
	return toEnd(p.d, func(t xml.CharData) { b.Write(t) })
}

// toEnd reads to the end of the element just started, giving its
// character data, nested elements' included, to text when text is set.
func toEnd(d interface{ next() (token, error) }, text func(xml.CharData)) error {
	for depth := 0; ; {
		tok, err := d.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokText:
			if text != nil {
				text(tok.text)
			}
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// table reads a table after its start element. Rows may sit in content
// controls or custom XML, which walk enters.
func (p *parser) table() ([]node, error) {
	if p.depth >= maxNesting {
		return nil, p.d.Skip()
	}
	p.depth++
	defer func() { p.depth-- }()
	tb := &table{}
	err := p.walk(func(se xml.StartElement) (bool, error) {
		if !isW(se.Name, "tr") {
			return false, nil
		}
		r, err := p.row()
		tb.rows = append(tb.rows, r)
		return true, err
	})
	return []node{{table: tb}}, err
}

// row reads a table row after its start element.
func (p *parser) row() (row, error) {
	var r row
	err := p.walk(func(se xml.StartElement) (bool, error) {
		switch {
		case isW(se.Name, "trPr"):
			return true, p.props(func(se xml.StartElement) {
				switch {
				case isW(se.Name, "gridBefore"):
					r.before = intVal(se, 0, 0, maxCols)
				case isW(se.Name, "del"):
					r.deleted = true
				}
			})
		case isW(se.Name, "tc"):
			c, err := p.cell()
			r.cells = append(r.cells, c)
			return true, err
		}
		return false, nil
	})
	return r, err
}

// cell reads a table cell after its start element.
func (p *parser) cell() (cell, error) {
	c := cell{span: 1}
	tcPr := func(se xml.StartElement) (bool, error) {
		if !isW(se.Name, "tcPr") {
			return false, nil
		}
		return true, p.props(func(se xml.StartElement) {
			switch {
			case isW(se.Name, "gridSpan"):
				c.span = intVal(se, 1, 1, maxCols)
			case isW(se.Name, "vMerge"):
				c.vmerge = mergeVal(se)
			case isW(se.Name, "hMerge"):
				c.hmerge = mergeVal(se)
			}
		})
	}
	var err error
	c.content, err = p.blocks(tcPr)
	return c, err
}

// props calls fn with each child of a properties element (w:trPr, w:tcPr)
// and reads to its end. Recorded changes of properties (w:tcPrChange) hold
// the old values and are skipped.
func (p *parser) props(fn func(xml.StartElement)) error {
	for {
		tok, err := p.d.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			if !strings.HasSuffix(tok.Name.Local, "PrChange") {
				fn(tok.StartElement)
			}
			if err := p.d.Skip(); err != nil {
				return err
			}
		case tokEnd:
			return nil
		}
	}
}
