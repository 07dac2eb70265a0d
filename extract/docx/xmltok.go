package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokens is what the body reader asks of an XML reader: fastXML, or
// encoding/xml's through xmlTokens.
type tokens interface {
	next() (token, error)
	Skip() error
}

// token is a start element, an end element (its name in Name), character
// data, or another token (passed over). It is a struct, not encoding/xml's
// Token interface, in which every token, boxed, was an allocation: a third
// of a Word document's.
type token struct {
	kind tokenKind
	xml.StartElement
	text xml.CharData
}

type tokenKind uint8

const (
	tokOther tokenKind = iota
	tokStart
	tokEnd
	tokText
)

// xmlTokens reads a part with encoding/xml, for what fastXML leaves to it.
type xmlTokens struct{ *xml.Decoder }

func (d xmlTokens) next() (token, error) {
	t, err := d.Token()
	switch t := t.(type) {
	case xml.StartElement:
		return token{kind: tokStart, StartElement: t}, err
	case xml.EndElement:
		return token{kind: tokEnd, StartElement: xml.StartElement{Name: t.Name}}, err
	case xml.CharData:
		return token{kind: tokText, text: t}, err
	}
	return token{}, err
}

// fastXML reads the XML that Word, WPS and LibreOffice write — elements,
// attributes, namespaces, text with the predefined and numeric entities,
// comments, the XML declaration — into the tokens encoding/xml's Token
// gives for it (TestFastXML, FuzzFastXML): a main document part through
// encoding/xml ran at about a megabyte a second, most of a .docx's time.
// Anything else — a DOCTYPE, CDATA, a carriage return, a name or an
// encoding it does not know, any damage — ends it with errFallback, and the
// part is read again with encoding/xml, which says what is wrong and where.
type fastXML struct {
	b     []byte
	i     int
	open  []openElem // the elements started and not yet ended
	ns    []binding  // the namespace bindings in scope, innermost last
	end   bool       // the last start element closed itself: its end comes next
	names map[string]string
	// Names as written, translated, for elements and for attributes, while
	// the bindings in scope stay the same (a Word document binds its
	// prefixes once, on its root).
	elemNames, attrNames map[string]xml.Name
	// A start element's attributes, and their names as written, are read
	// into the same memory element after element.
	attrs    []xml.Attr
	rawAttrs [][]byte
}

type openElem struct {
	raw      []byte // the name as written, prefix and all
	name     xml.Name
	bindings int // how many of ns it declared
}

type binding struct{ prefix, url string }

var errFallback = errors.New("docx: XML that the fast reader leaves to encoding/xml")

func newFastXML(b []byte) *fastXML {
	return &fastXML{b: b, names: map[string]string{}, elemNames: map[string]xml.Name{}, attrNames: map[string]xml.Name{}}
}

// next returns the next start element, end element or character data;
// declarations and comments are passed over. A start element's Attr is
// valid until the next call, as character data's bytes are: the parser
// reads an element's attributes at once (made for each element, they were
// a quarter of a Word document's bytes).
func (x *fastXML) next() (token, error) {
	for {
		if x.end {
			x.end = false
			return x.pop(), nil
		}
		if x.i >= len(x.b) {
			if len(x.open) > 0 {
				return token{}, errFallback
			}
			return token{}, io.EOF
		}
		if x.b[x.i] != '<' {
			j := bytes.IndexByte(x.b[x.i:], '<')
			if j < 0 {
				j = len(x.b) - x.i
			}
			text := x.b[x.i : x.i+j]
			x.i += j
			return x.text(text)
		}
		rest := x.b[x.i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			j := bytes.Index(rest[2:], []byte("?>"))
			if j < 0 || !plainDeclaration(rest[2:2+j]) {
				return token{}, errFallback
			}
			x.i += 2 + j + 2
		case bytes.HasPrefix(rest, []byte("<!--")):
			j := bytes.Index(rest[4:], []byte("--"))
			if j < 0 || j+6 >= len(rest) || rest[4+j+2] != '>' || !xmlChars(rest[4:4+j]) {
				return token{}, errFallback
			}
			x.i += 4 + j + 3
		case bytes.HasPrefix(rest, []byte("<!")):
			return token{}, errFallback // DOCTYPE, CDATA
		case bytes.HasPrefix(rest, []byte("</")):
			return x.endTag()
		default:
			return x.startTag()
		}
	}
}

// plainDeclaration says a processing instruction is one encoding/xml
// passes over without a word: any but an XML declaration of a version
// other than 1.0 or of an encoding other than UTF-8.
func plainDeclaration(pi []byte) bool {
	k := 0
	for k < len(pi) && isNameChar(pi[k]) {
		k++
	}
	if k == 0 || !isNameStart(pi[0]) || k < len(pi) && !isSpace(pi[k]) || !xmlChars(pi) {
		return false
	}
	if string(pi[:k]) != "xml" {
		return true
	}
	v, ok := pseudoAttr(pi[k:], "version")
	if ok && v != "1.0" {
		return false
	}
	enc, ok := pseudoAttr(pi[k:], "encoding")
	return !ok || strings.EqualFold(enc, "utf-8")
}

// pseudoAttr returns the value of name="value" in a declaration; a form it
// does not read plainly counts as there, with no value.
func pseudoAttr(b []byte, name string) (string, bool) {
	i := bytes.Index(b, []byte(name))
	if i < 0 {
		return "", false
	}
	b = bytes.TrimLeft(b[i+len(name):], " \t\n")
	if len(b) < 2 || b[0] != '=' {
		return "", true
	}
	b = bytes.TrimLeft(b[1:], " \t\n")
	if len(b) < 2 || b[0] != '"' && b[0] != '\'' {
		return "", true
	}
	j := bytes.IndexByte(b[1:], b[0])
	if j < 0 {
		return "", true
	}
	return string(b[1 : 1+j]), true
}

// xmlChars says b is UTF-8 of characters XML allows, as encoding/xml
// checks them.
func xmlChars(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < 0x80 || c == '\t' || c == '\n' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 || !(r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff) {
			return false
		}
		i += size
	}
	return true
}

// text returns character data, its entities replaced.
func (x *fastXML) text(b []byte) (token, error) {
	if bytes.IndexByte(b, '\r') >= 0 || bytes.Contains(b, []byte("]]>")) || !xmlChars(b) {
		return token{}, errFallback
	}
	if bytes.IndexByte(b, '&') < 0 {
		return token{kind: tokText, text: b}, nil
	}
	out, ok := unescape(b)
	if !ok {
		return token{}, errFallback
	}
	return token{kind: tokText, text: out}, nil
}

// unescape replaces the predefined entities and character references.
func unescape(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(out, b...), true
		}
		out = append(out, b[:i]...)
		b = b[i+1:]
		j := bytes.IndexByte(b, ';')
		if j < 1 {
			return nil, false
		}
		ent := b[:j]
		b = b[j+1:]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "apos":
			out = append(out, '\'')
		case "quot":
			out = append(out, '"')
		default:
			if ent[0] != '#' || len(ent) < 2 {
				return nil, false
			}
			var n uint64
			var err error
			if ent[1] == 'x' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			// Only characters XML allows, as encoding/xml checks them;
			// anything doubtful goes to encoding/xml.
			if err != nil || n < 0x20 && n != '\t' && n != '\n' || n >= 0xd800 && n < 0xe000 || n == 0xfffe || n == 0xffff || n > 0x10ffff {
				return nil, false
			}
			out = append(out, string(rune(n))...)
		}
	}
	return out, true
}

// startTag reads a start tag at x.i.
func (x *fastXML) startTag() (token, error) {
	x.i++ // <
	raw, ok := x.name()
	if !ok {
		return token{}, errFallback
	}
	attrs, rawAttrs := x.attrs[:0], x.rawAttrs[:0]
	defer func() { x.attrs, x.rawAttrs = attrs, rawAttrs }()
	for {
		sp := x.space()
		if x.i >= len(x.b) {
			return token{}, errFallback
		}
		c := x.b[x.i]
		if c == '>' || c == '/' {
			if c == '/' {
				if x.i+1 >= len(x.b) || x.b[x.i+1] != '>' {
					return token{}, errFallback
				}
				x.i++
				x.end = true
			}
			x.i++
			break
		}
		if !sp && len(attrs) > 0 {
			return token{}, errFallback
		}
		an, ok := x.name()
		if !ok {
			return token{}, errFallback
		}
		x.space()
		if x.i >= len(x.b) || x.b[x.i] != '=' {
			return token{}, errFallback
		}
		x.i++
		x.space()
		if x.i >= len(x.b) || x.b[x.i] != '"' && x.b[x.i] != '\'' {
			return token{}, errFallback
		}
		q := x.b[x.i]
		j := bytes.IndexByte(x.b[x.i+1:], q)
		if j < 0 {
			return token{}, errFallback
		}
		v := x.b[x.i+1 : x.i+1+j]
		x.i += j + 2
		if bytes.IndexByte(v, '<') >= 0 || bytes.IndexByte(v, '\r') >= 0 || !xmlChars(v) {
			return token{}, errFallback
		}
		if bytes.IndexByte(v, '&') >= 0 {
			if v, ok = unescape(v); !ok {
				return token{}, errFallback
			}
		}
		attrs = append(attrs, xml.Attr{Value: x.intern(v)})
		rawAttrs = append(rawAttrs, an)
	}
	// The element's own declarations are in scope for its name and
	// attributes, as encoding/xml has it.
	e := openElem{raw: raw}
	for i, an := range rawAttrs {
		switch {
		case bytes.HasPrefix(an, []byte("xmlns:")):
			x.ns = append(x.ns, binding{x.intern(an[len("xmlns:"):]), attrs[i].Value})
			e.bindings++
		case string(an) == "xmlns":
			x.ns = append(x.ns, binding{"", attrs[i].Value})
			e.bindings++
		}
	}
	if e.bindings > 0 {
		x.rebound()
	}
	for i, an := range rawAttrs {
		attrs[i].Name = x.translate(an, false)
	}
	e.name = x.translate(raw, true)
	x.open = append(x.open, e)
	return token{kind: tokStart, StartElement: xml.StartElement{Name: e.name, Attr: attrs}}, nil
}

// endTag reads an end tag at x.i, which must close the element open.
func (x *fastXML) endTag() (token, error) {
	x.i += 2 // </
	raw, ok := x.name()
	x.space()
	if !ok || x.i >= len(x.b) || x.b[x.i] != '>' || len(x.open) == 0 || !bytes.Equal(raw, x.open[len(x.open)-1].raw) {
		return token{}, errFallback
	}
	x.i++
	return x.pop(), nil
}

// pop ends the innermost element and its bindings.
func (x *fastXML) pop() token {
	e := x.open[len(x.open)-1]
	x.open = x.open[:len(x.open)-1]
	x.ns = x.ns[:len(x.ns)-e.bindings]
	if e.bindings > 0 {
		x.rebound()
	}
	return token{kind: tokEnd, StartElement: xml.StartElement{Name: e.name}}
}

// rebound forgets the names translated: the bindings in scope changed.
func (x *fastXML) rebound() {
	clear(x.elemNames)
	clear(x.attrNames)
}

// translate turns a name as written into encoding/xml's Name: the prefix
// replaced by its namespace (an unbound one kept as it is), an element
// without one in the default namespace.
func (x *fastXML) translate(raw []byte, element bool) xml.Name {
	names := x.attrNames
	if element {
		names = x.elemNames
	}
	if n, ok := names[string(raw)]; ok {
		return n
	}
	n := x.translateNew(raw, element)
	if len(names) < 1<<12 {
		names[string(raw)] = n
	}
	return n
}

func (x *fastXML) translateNew(raw []byte, element bool) xml.Name {
	var n xml.Name
	if i := bytes.IndexByte(raw, ':'); i >= 0 {
		n.Space, n.Local = x.intern(raw[:i]), x.intern(raw[i+1:])
	} else {
		n.Local = x.intern(raw)
	}
	switch {
	case n.Space == "xmlns":
		return n
	case n.Space == "" && !element:
		return n
	case n.Space == "xml":
		n.Space = "http://www.w3.org/XML/1998/namespace"
		return n
	case n.Space == "" && n.Local == "xmlns":
		return n
	}
	for i := len(x.ns) - 1; i >= 0; i-- {
		if x.ns[i].prefix == n.Space {
			n.Space = x.ns[i].url
			return n
		}
	}
	return n
}

// name reads a name: ASCII letters, digits, '_', '-', '.' and at most one
// colon inside; anything else is left to encoding/xml.
func (x *fastXML) name() ([]byte, bool) {
	start, colon := x.i, -1
	for x.i < len(x.b) {
		c := x.b[x.i]
		if c == ':' && colon < 0 {
			colon = x.i
		} else if !isNameChar(c) {
			break
		}
		x.i++
	}
	n := x.b[start:x.i]
	if len(n) == 0 || !isNameStart(n[0]) || colon == start || colon == x.i-1 {
		return nil, false
	}
	if x.i < len(x.b) && x.b[x.i] >= 0x80 {
		return nil, false
	}
	return n, true
}

func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func isNameChar(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// space skips white space and says whether there was any.
func (x *fastXML) space() bool {
	start := x.i
	for x.i < len(x.b) && isSpace(x.b[x.i]) {
		x.i++
	}
	return x.i > start
}

// intern returns b as a string, the same string for the same bytes: a
// document repeats a few dozen names and values thousands of times.
func (x *fastXML) intern(b []byte) string {
	if s, ok := x.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(s) <= 64 && len(x.names) < 1<<12 {
		x.names[s] = s
	}
	return s
}

// Skip reads to the end of the element just started, as encoding/xml's
// Skip does.
func (x *fastXML) Skip() error { return toEnd(x, nil) }
