// The parser here follows golang.org/x/net/html's (parse.go, token.go,
// doctype.go): Copyright 2010 The Go Authors, under a BSD-style licence,
// golang.org/x/net's LICENSE.

package html

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	a "golang.org/x/net/html/atom"
)

// parse builds the tree x/net/html's Parse builds from src, node for node,
// in a quarter of its time or less, with a hundredth of its allocations: it
// reads src as one string, so a text or an attribute needs no copy of its
// own unless an entity or a line end in it is rewritten, and makes nodes
// and attributes by the slab. It follows x/net/html's insertion modes,
// function for function (its parse.go; the names are its names), and its
// errors: a page nested more than 512 deep, and the states x/net/html
// calls bad. TestParseAsXNet, TestParseCases, TestParseMixes,
// TestParseHTML5Lib and FuzzParse hold the two to the same tree, or the
// same error.
func parse(src string) (doc *html.Node, err error) {
	p := &parser{src: src, doc: &html.Node{Type: html.DocumentNode}, im: initialIM, framesetOK: true}
	// A NUL is replaced or dropped by context, which only the tokenizer
	// x/net/html's is follows.
	p.slow = strings.IndexByte(src, 0) >= 0
	defer func() {
		if r := recover(); r != nil {
			e, ours := r.(parseError)
			if !ours {
				panic(r)
			}
			doc, err = nil, e
		}
	}()
	for !p.run() {
	}
	for n, b := range p.textNodes {
		n.Data = string(b)
	}
	return p.doc, nil
}

// run reads and parses tokens to the end, and says so. It returns false
// when the fast tokenizer met markup it leaves to the other, such as a tag
// the input ends in: then the token is to be read again, by the other.
func (p *parser) run() (done bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(readSlowly); !ok {
				panic(r)
			}
			p.pos, p.rawTag, p.again = p.tokStart, p.tokRaw, true
		}
	}()
	for {
		p.next()
		p.parseCurrentToken()
		if p.tok.Type == html.ErrorToken {
			return true
		}
	}
}

// readSlowly is the panic with which the fast tokenizer hands a token to
// the one that is x/net/html's.
type readSlowly struct{}

// parseError is one of x/net/html's errors.
type parseError string

func (e parseError) Error() string { return string(e) }

type insertionMode func(*parser) bool

type parser struct {
	src    string
	pos    int    // the next byte to read
	rawTag string // the element whose text is read raw next, as x/net/html's tokenizer does
	// slow says every token is read by tokenizer, x/net/html's (a page
	// with a NUL); again says the next one is (one the fast tokenizer
	// handed over).
	slow, again bool
	tokStart    int       // where the token being read starts
	tokRaw      string    // rawTag before it
	z           tokenizer // its memory used again from token to token
	tok         html.Token
	attr        []html.Attribute // a tag's attributes as they are read
	// selfClosing says the start tag ends in "/>", which closes an svg or
	// math element and is acknowledged on void elements.
	selfClosing bool

	doc           *html.Node
	oe, afe       nodeStack // open elements; active formatting elements, with marker
	head, form    *html.Node
	im            insertionMode
	originalIM    insertionMode
	templateStack insertionModeStack
	quirks        bool
	framesetOK    bool
	// fosterParenting is set while a table's insertion mode hands a token
	// to inBodyIM: a node inserted into the table then goes before it.
	fosterParenting bool
	textNodes       map[*html.Node][]byte // text nodes that text was added to
	// Nodes and attributes are made a slab at a time, the slabs growing
	// with the page: one each, they were most of parse's allocations.
	nodes []html.Node
	attrs []html.Attribute
}

// newNode returns a node from the slab.
func (p *parser) newNode(t html.NodeType, data string) *html.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]html.Node, 0, min(128, max(16, 2*cap(p.nodes))))
	}
	p.nodes = append(p.nodes, html.Node{Type: t, Data: data})
	return &p.nodes[len(p.nodes)-1]
}

// keepAttrs copies attr into the slab, capped at its length: an append to
// a node's attributes copies them out, as it would have.
func (p *parser) keepAttrs(attr []html.Attribute) []html.Attribute {
	if len(attr) == 0 {
		return nil
	}
	if cap(p.attrs)-len(p.attrs) < len(attr) {
		p.attrs = make([]html.Attribute, 0, max(len(attr), min(256, 2*cap(p.attrs)), 16))
	}
	n := len(p.attrs)
	p.attrs = append(p.attrs, attr...)
	return p.attrs[n:len(p.attrs):len(p.attrs)]
}

// marker is the scope marker in the list of active formatting elements.
var marker = &html.Node{}

// giveUp hands the token being read to the tokenizer that is x/net/html's.
func (p *parser) giveUp() { panic(readSlowly{}) }

// The tree construction: x/net/html's, function for function, for the
// modes and elements parse knows.

type nodeStack []*html.Node

func (s *nodeStack) pop() *html.Node {
	i := len(*s)
	n := (*s)[i-1]
	*s = (*s)[:i-1]
	return n
}

func (s nodeStack) top() *html.Node {
	if len(s) > 0 {
		return s[len(s)-1]
	}
	return nil
}

func (s nodeStack) index(n *html.Node) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == n {
			return i
		}
	}
	return -1
}

func (s *nodeStack) remove(n *html.Node) {
	if i := s.index(n); i >= 0 {
		*s = slices.Delete(*s, i, i+1)
	}
}

// contains says whether an HTML element (not svg's or math's) a is on the
// stack.
func (s nodeStack) contains(a a.Atom) bool {
	for _, n := range s {
		if n.DataAtom == a && n.Namespace == "" {
			return true
		}
	}
	return false
}

// insertionModeStack is the stack of template insertion modes.
type insertionModeStack []insertionMode

func (s *insertionModeStack) pop() (im insertionMode) {
	i := len(*s)
	im = (*s)[i-1]
	*s = (*s)[:i-1]
	return im
}

func (s insertionModeStack) top() insertionMode {
	if i := len(s); i > 0 {
		return s[i-1]
	}
	return nil
}

// acknowledgeSelfClosingTag: a "/>" closes only the void elements it is
// acknowledged on, and svg's and math's.
func (p *parser) acknowledgeSelfClosingTag() { p.selfClosing = false }

func (p *parser) top() *html.Node {
	if n := p.oe.top(); n != nil {
		return n
	}
	return p.doc
}

type scope uint8

const (
	defaultScope scope = iota
	listItemScope
	buttonScope
	tableScope
	tableRowScope
	tableBodyScope
)

func (p *parser) popUntil(s scope, match ...a.Atom) bool {
	if i := p.indexOfElementInScope(s, match...); i != -1 {
		p.oe = p.oe[:i]
		return true
	}
	return false
}

func (p *parser) indexOfElementInScope(s scope, match ...a.Atom) int {
	for i := len(p.oe) - 1; i >= 0; i-- {
		t, ns := p.oe[i].DataAtom, p.oe[i].Namespace
		if ns == "" {
			if slices.Contains(match, t) {
				return i
			}
			switch s {
			case listItemScope:
				if t == a.Ol || t == a.Ul {
					return -1
				}
			case buttonScope:
				if t == a.Button {
					return -1
				}
			case tableScope:
				if t == a.Html || t == a.Table || t == a.Template {
					return -1
				}
			}
		}
		if s == tableScope || s == tableRowScope || s == tableBodyScope {
			continue
		}
		switch ns {
		case "":
			switch t {
			case a.Applet, a.Caption, a.Html, a.Table, a.Td, a.Th, a.Marquee, a.Object, a.Template, a.Select:
				return -1
			}
		case "math":
			switch t {
			case a.AnnotationXml, a.Mi, a.Mn, a.Mo, a.Ms, a.Mtext:
				return -1
			}
		case "svg":
			switch t {
			case a.Desc, a.ForeignObject, a.Title:
				return -1
			}
		}
	}
	return -1
}

func (p *parser) elementInScope(s scope, match ...a.Atom) bool {
	return p.indexOfElementInScope(s, match...) != -1
}

func (p *parser) clearStackToContext(s scope) {
	for i := len(p.oe) - 1; i >= 0; i-- {
		t := p.oe[i].DataAtom
		if t == a.Html || t == a.Template ||
			s == tableScope && t == a.Table ||
			s == tableRowScope && t == a.Tr ||
			s == tableBodyScope && (t == a.Tbody || t == a.Tfoot || t == a.Thead) {
			p.oe = p.oe[:i+1]
			return
		}
	}
}

func (p *parser) generateImpliedEndTags(except ...string) {
	i := len(p.oe) - 1
	for ; i >= 0; i-- {
		n := p.oe[i]
		switch n.DataAtom {
		case a.Dd, a.Dt, a.Li, a.Optgroup, a.Option, a.P, a.Rb, a.Rp, a.Rt, a.Rtc:
			if slices.Contains(except, n.Data) {
				break
			}
			continue
		}
		break
	}
	p.oe = p.oe[:i+1]
}

func (p *parser) addChild(n *html.Node) {
	if p.shouldFosterParent() {
		p.fosterParent(n)
	} else {
		p.top().AppendChild(n)
	}
	if n.Type == html.ElementNode {
		p.insertOpenElement(n)
	}
}

func (p *parser) insertOpenElement(n *html.Node) {
	p.oe = append(p.oe, n)
	if len(p.oe) > 512 {
		panic(parseError("html: open stack of elements exceeds 512 nodes"))
	}
}

func (p *parser) shouldFosterParent() bool {
	if p.fosterParenting {
		switch p.top().DataAtom {
		case a.Table, a.Tbody, a.Tfoot, a.Thead, a.Tr:
			return true
		}
	}
	return false
}

// fosterParent puts n, which a table may not hold, before the table (foster
// parenting; there are no templates here).
func (p *parser) fosterParent(n *html.Node) {
	var table, parent, prev *html.Node
	i := len(p.oe) - 1
	for ; i >= 0; i-- {
		if p.oe[i].DataAtom == a.Table {
			table = p.oe[i]
			break
		}
	}
	j := len(p.oe) - 1
	for ; j >= 0; j-- {
		if p.oe[j].DataAtom == a.Template {
			break
		}
	}
	if j >= 0 && (table == nil || j > i) {
		p.oe[j].AppendChild(n) // a template's contents are its children
		return
	}
	if table == nil {
		parent = p.oe[0]
	} else {
		parent = table.Parent
	}
	if parent == nil {
		parent = p.oe[i-1]
	}
	if table != nil {
		prev = table.PrevSibling
	} else {
		prev = parent.LastChild
	}
	if prev != nil && prev.Type == html.TextNode && n.Type == html.TextNode {
		p.appendText(prev, n.Data)
		return
	}
	parent.InsertBefore(n, table)
}

func (p *parser) addText(text string) {
	if text == "" {
		return
	}
	if p.shouldFosterParent() {
		p.fosterParent(p.newNode(html.TextNode, text))
		return
	}
	if n := p.top().LastChild; n != nil && n.Type == html.TextNode {
		p.appendText(n, text)
		return
	}
	p.addChild(p.newNode(html.TextNode, text))
}

// appendText adds text to the text node n, in a buffer until the end.
func (p *parser) appendText(n *html.Node, text string) {
	if p.textNodes == nil {
		p.textNodes = make(map[*html.Node][]byte)
	}
	b, ok := p.textNodes[n]
	if !ok {
		b = []byte(n.Data)
	}
	p.textNodes[n] = append(b, text...)
}

func (p *parser) addElement() {
	n := p.newNode(html.ElementNode, p.tok.Data)
	n.DataAtom, n.Attr = p.tok.DataAtom, p.tok.Attr
	p.addChild(n)
}

// addRawText adds the element of a start tag whose text the tokenizer
// reads raw (script, style, title, textarea, …), and reads that text.
func (p *parser) addRawText() {
	p.addElement()
	p.originalIM = p.im
	p.im = textIM
}

// addLeadingSpace adds a text token's leading white space to the current
// node and leaves the rest in the token; it says whether there is no rest.
func (p *parser) addLeadingSpace() bool {
	s := strings.TrimLeft(p.tok.Data, whitespace)
	if len(s) < len(p.tok.Data) {
		p.addText(p.tok.Data[:len(p.tok.Data)-len(s)])
		p.tok.Data = s
	}
	return s == ""
}

func (p *parser) addComment(to *html.Node) {
	c := p.newNode(html.CommentNode, p.tok.Data)
	if to != nil {
		to.AppendChild(c)
		return
	}
	p.addChild(c)
}

func attrCompare(x, y html.Attribute) int {
	if c := strings.Compare(x.Namespace, y.Namespace); c != 0 {
		return c
	}
	if c := strings.Compare(x.Key, y.Key); c != 0 {
		return c
	}
	return strings.Compare(x.Val, y.Val)
}

func (p *parser) addFormattingElement() {
	t, attr := p.tok.DataAtom, p.tok.Attr
	p.addElement()
	slices.SortFunc(attr, attrCompare)
	identical := 0
	for i := len(p.afe) - 1; i >= 0; i-- {
		n := p.afe[i]
		if n == marker {
			break
		}
		if n.Namespace != "" || n.DataAtom != t || !slices.Equal(n.Attr, attr) {
			continue
		}
		if identical++; identical >= 3 {
			p.afe.remove(n)
		}
	}
	top := p.top()
	slices.SortFunc(top.Attr, attrCompare)
	p.afe = append(p.afe, top)
}

func (p *parser) clearActiveFormattingElements() {
	for {
		if n := p.afe.pop(); len(p.afe) == 0 || n == marker {
			return
		}
	}
}

func (p *parser) reconstructActiveFormattingElements() {
	n := p.afe.top()
	if n == nil || n == marker || p.oe.index(n) != -1 {
		return
	}
	i := len(p.afe) - 1
	for n != marker && p.oe.index(n) == -1 {
		if i == 0 {
			i = -1
			break
		}
		i--
		n = p.afe[i]
	}
	for {
		i++
		e := p.afe[i]
		clone := cloneNode(e)
		p.addChild(clone)
		p.afe[i] = clone
		if i == len(p.afe)-1 {
			break
		}
	}
}

func (p *parser) resetInsertionMode() {
	for i := len(p.oe) - 1; i >= 0; i-- {
		switch p.oe[i].DataAtom {
		case a.Td, a.Th:
			p.im = inCellIM
		case a.Tr:
			p.im = inRowIM
		case a.Tbody, a.Thead, a.Tfoot:
			p.im = inTableBodyIM
		case a.Table:
			p.im = inTableIM
		case a.Head:
			p.im = inHeadIM
		case a.Body:
			p.im = inBodyIM
		case a.Html:
			if p.head == nil {
				p.im = beforeHeadIM
			} else {
				p.im = afterHeadIM
			}
		case a.Caption:
			p.im = inCaptionIM
		case a.Colgroup:
			p.im = inColumnGroupIM
		case a.Template:
			if p.oe[i].Namespace != "" {
				continue
			}
			p.im = p.templateStack.top()
		case a.Frameset:
			p.im = inFramesetIM
		default:
			if i == 0 {
				p.im = inBodyIM
				return
			}
			continue
		}
		return
	}
}

func (p *parser) parseImpliedToken(t html.TokenType, tag a.Atom) {
	real, selfClosing := p.tok, p.selfClosing
	p.tok, p.selfClosing = html.Token{Type: t, DataAtom: tag, Data: tag.String()}, false
	p.parseCurrentToken()
	p.tok, p.selfClosing = real, selfClosing
}

func (p *parser) parseCurrentToken() {
	for {
		var consumed bool
		if p.inForeignContent() {
			consumed = parseForeignContent(p)
		} else {
			consumed = p.im(p)
		}
		if consumed {
			return
		}
	}
}

func initialIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		p.tok.Data = strings.TrimLeft(p.tok.Data, whitespace)
		if p.tok.Data == "" {
			return true
		}
	case html.CommentToken:
		p.addComment(p.doc)
		return true
	case html.DoctypeToken:
		n, q := parseDoctype(p.tok.Data)
		p.doc.AppendChild(n)
		p.quirks = q
		p.im = beforeHTMLIM
		return true
	}
	p.quirks = true
	p.im = beforeHTMLIM
	return false
}

func beforeHTMLIM(p *parser) bool {
	switch p.tok.Type {
	case html.DoctypeToken:
		return true
	case html.TextToken:
		p.tok.Data = strings.TrimLeft(p.tok.Data, whitespace)
		if p.tok.Data == "" {
			return true
		}
	case html.StartTagToken:
		if p.tok.DataAtom == a.Html {
			p.addElement()
			p.im = beforeHeadIM
			return true
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Head, a.Body, a.Html, a.Br:
			p.parseImpliedToken(html.StartTagToken, a.Html)
			return false
		}
		return true
	case html.CommentToken:
		p.addComment(p.doc)
		return true
	}
	p.parseImpliedToken(html.StartTagToken, a.Html)
	return false
}

func beforeHeadIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		p.tok.Data = strings.TrimLeft(p.tok.Data, whitespace)
		if p.tok.Data == "" {
			return true
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Head:
			p.addElement()
			p.head = p.top()
			p.im = inHeadIM
			return true
		case a.Html:
			return inBodyIM(p)
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Head, a.Body, a.Html, a.Br:
			p.parseImpliedToken(html.StartTagToken, a.Head)
			return false
		}
		return true
	case html.CommentToken:
		p.addComment(nil)
		return true
	case html.DoctypeToken:
		return true
	}
	p.parseImpliedToken(html.StartTagToken, a.Head)
	return false
}

func inHeadIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		if p.addLeadingSpace() {
			return true
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			return inBodyIM(p)
		case a.Base, a.Basefont, a.Bgsound, a.Link, a.Meta:
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
			return true
		case a.Noscript, a.Script, a.Title, a.Noframes, a.Style:
			// Scripting is on, as x/net/html's Parse has it: noscript's
			// text is raw too.
			p.addRawText()
			return true
		case a.Head:
			// Ignore the token.
			return true
		case a.Template:
			// x/net/html ignores the rest of a page that mixes templates
			// with svg or math, where it could loop.
			for _, e := range p.oe {
				if e.Namespace != "" {
					p.im = ignoreTheRemainingTokens
					return true
				}
			}

			p.addElement()
			p.afe = append(p.afe, marker)
			p.framesetOK = false
			p.im = inTemplateIM
			p.templateStack = append(p.templateStack, inTemplateIM)
			return true
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Head:
			p.oe.pop()
			p.im = afterHeadIM
			return true
		case a.Body, a.Html, a.Br:
			p.parseImpliedToken(html.EndTagToken, a.Head)
			return false
		case a.Template:
			if !p.oe.contains(a.Template) {
				return true
			}
			p.closeTemplate()
			return true
		default:
			// Ignore the token.
			return true
		}
	case html.CommentToken:
		p.addComment(nil)
		return true
	case html.DoctypeToken:
		// Ignore the token.
		return true
	}

	p.parseImpliedToken(html.EndTagToken, a.Head)
	return false
}

func afterHeadIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		if p.addLeadingSpace() {
			return true
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			return inBodyIM(p)
		case a.Body:
			p.addElement()
			p.framesetOK = false
			p.im = inBodyIM
			return true
		case a.Frameset:
			p.addElement()
			p.im = inFramesetIM
			return true
		case a.Base, a.Basefont, a.Bgsound, a.Link, a.Meta, a.Noframes, a.Script, a.Style, a.Template, a.Title:
			p.insertOpenElement(p.head)
			defer p.oe.remove(p.head)
			return inHeadIM(p)
		case a.Head:
			// Ignore the token.
			return true
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Body, a.Html, a.Br:
			// Drop down to creating an implied <body> tag.
		case a.Template:
			return inHeadIM(p)
		default:
			// Ignore the token.
			return true
		}
	case html.CommentToken:
		p.addComment(nil)
		return true
	case html.DoctypeToken:
		// Ignore the token.
		return true
	}

	p.parseImpliedToken(html.StartTagToken, a.Body)
	p.framesetOK = true
	if p.tok.Type == html.ErrorToken {
		// Stop parsing.
		return true
	}
	return false
}

// copyAttributes gives dst the attributes of src it does not have: a
// second <html> or <body> tag adds to the first's.
func copyAttributes(dst *html.Node, src html.Token) {
	var seen map[string]bool
	for _, t := range src.Attr {
		if !hasKey(dst.Attr, t.Key, &seen) {
			dst.Attr = append(dst.Attr, t)
		}
	}
}

func inBodyIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		d := p.tok.Data
		switch n := p.oe.top(); n.DataAtom {
		case a.Pre, a.Listing:
			if n.FirstChild == nil {
				// Ignore a newline at the start of a <pre> block.
				if d != "" && d[0] == '\r' {
					d = d[1:]
				}
				if d != "" && d[0] == '\n' {
					d = d[1:]
				}
			}
		}
		if p.slow { // only a page with a NUL has one in a token
			d = strings.ReplaceAll(d, "\x00", "")
		}
		if d == "" {
			return true
		}
		p.reconstructActiveFormattingElements()
		p.addText(d)
		if p.framesetOK && strings.TrimLeft(d, whitespace) != "" {
			// There were non-whitespace characters inserted.
			p.framesetOK = false
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			if p.oe.contains(a.Template) {
				return true
			}
			copyAttributes(p.oe[0], p.tok)
		case a.Base, a.Basefont, a.Bgsound, a.Link, a.Meta, a.Noframes, a.Script, a.Style, a.Template, a.Title:
			return inHeadIM(p)
		case a.Body:
			if p.oe.contains(a.Template) {
				return true
			}
			if len(p.oe) >= 2 {
				body := p.oe[1]
				if body.Type == html.ElementNode && body.DataAtom == a.Body {
					p.framesetOK = false
					copyAttributes(body, p.tok)
				}
			}
		case a.Frameset:
			if !p.framesetOK || len(p.oe) < 2 || p.oe[1].DataAtom != a.Body {
				// Ignore the token.
				return true
			}
			body := p.oe[1]
			if body.Parent != nil {
				body.Parent.RemoveChild(body)
			}
			p.oe = p.oe[:1]
			p.addElement()
			p.im = inFramesetIM
			return true
		case a.Address, a.Article, a.Aside, a.Blockquote, a.Center, a.Details, a.Dialog, a.Dir, a.Div, a.Dl, a.Fieldset, a.Figcaption, a.Figure, a.Footer, a.Header, a.Hgroup, a.Main, a.Menu, a.Nav, a.Ol, a.P, a.Search, a.Section, a.Summary, a.Ul:
			p.popUntil(buttonScope, a.P)
			p.addElement()
		case a.H1, a.H2, a.H3, a.H4, a.H5, a.H6:
			p.popUntil(buttonScope, a.P)
			switch n := p.top(); n.DataAtom {
			case a.H1, a.H2, a.H3, a.H4, a.H5, a.H6:
				p.oe.pop()
			}
			p.addElement()
		case a.Pre, a.Listing:
			p.popUntil(buttonScope, a.P)
			p.addElement()
			// The newline, if any, will be dealt with by the html.TextToken case.
			p.framesetOK = false
		case a.Form:
			if p.form != nil && !p.oe.contains(a.Template) {
				// Ignore the token
				return true
			}
			p.popUntil(buttonScope, a.P)
			p.addElement()
			if !p.oe.contains(a.Template) {
				p.form = p.top()
			}
		case a.Li:
			p.framesetOK = false
			for i := len(p.oe) - 1; i >= 0; i-- {
				node := p.oe[i]
				switch node.DataAtom {
				case a.Li:
					p.oe = p.oe[:i]
				case a.Address, a.Div, a.P:
					continue
				default:
					if !isSpecialElement(node) {
						continue
					}
				}
				break
			}
			p.popUntil(buttonScope, a.P)
			p.addElement()
		case a.Dd, a.Dt:
			p.framesetOK = false
			for i := len(p.oe) - 1; i >= 0; i-- {
				node := p.oe[i]
				switch node.DataAtom {
				case a.Dd, a.Dt:
					p.oe = p.oe[:i]
				case a.Address, a.Div, a.P:
					continue
				default:
					if !isSpecialElement(node) {
						continue
					}
				}
				break
			}
			p.popUntil(buttonScope, a.P)
			p.addElement()
		case a.Plaintext:
			p.popUntil(buttonScope, a.P)
			p.addElement()
		case a.Button:
			if p.elementInScope(defaultScope, a.Button) {
				p.generateImpliedEndTags()
				p.popUntil(defaultScope, a.Button)
			}
			p.reconstructActiveFormattingElements()
			p.addElement()
			p.framesetOK = false
		case a.A:
			for i := len(p.afe) - 1; i >= 0 && p.afe[i] != marker; i-- {
				if n := p.afe[i]; n.Type == html.ElementNode && n.DataAtom == a.A {
					p.inBodyEndTagFormatting(a.A, "a")
					p.oe.remove(n)
					p.afe.remove(n)
					break
				}
			}
			p.reconstructActiveFormattingElements()
			p.addFormattingElement()
		case a.B, a.Big, a.Code, a.Em, a.Font, a.I, a.S, a.Small, a.Strike, a.Strong, a.Tt, a.U:
			p.reconstructActiveFormattingElements()
			p.addFormattingElement()
		case a.Nobr:
			p.reconstructActiveFormattingElements()
			if p.elementInScope(defaultScope, a.Nobr) {
				p.inBodyEndTagFormatting(a.Nobr, "nobr")
				p.reconstructActiveFormattingElements()
			}
			p.addFormattingElement()
		case a.Applet, a.Marquee, a.Object:
			p.reconstructActiveFormattingElements()
			p.addElement()
			p.afe = append(p.afe, marker)
			p.framesetOK = false
		case a.Table:
			if !p.quirks {
				p.popUntil(buttonScope, a.P)
			}
			p.addElement()
			p.framesetOK = false
			p.im = inTableIM
			return true
		case a.Area, a.Br, a.Embed, a.Img, a.Keygen, a.Wbr:
			p.reconstructActiveFormattingElements()
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
			p.framesetOK = false
		case a.Input:
			p.popUntil(defaultScope, a.Select)
			p.reconstructActiveFormattingElements()
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
			if p.tok.DataAtom == a.Input {
				for _, t := range p.tok.Attr {
					if t.Key == "type" {
						if strings.EqualFold(t.Val, "hidden") {
							// Skip setting framesetOK = false
							return true
						}
					}
				}
			}
			p.framesetOK = false
		case a.Param, a.Source, a.Track:
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
		case a.Hr:
			if p.elementInScope(buttonScope, a.P) {
				p.generateImpliedEndTags("p")
				p.popUntil(defaultScope, a.P)
			}
			if p.elementInScope(defaultScope, a.Select) {
				p.generateImpliedEndTags()
			}
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
			p.framesetOK = false
		case a.Image:
			p.tok.DataAtom = a.Img
			p.tok.Data = a.Img.String()
			return false
		case a.Textarea:
			p.framesetOK = false
			p.addRawText()
		case a.Xmp:
			p.popUntil(buttonScope, a.P)
			p.reconstructActiveFormattingElements()
			p.framesetOK = false
			p.addRawText()
		case a.Iframe:
			p.framesetOK = false
			p.addRawText()
		case a.Noembed:
			p.addRawText()
		case a.Noscript:
			p.addRawText() // scripting is on
		case a.Select:
			if p.popUntil(defaultScope, a.Select) {
				return true
			}
			p.reconstructActiveFormattingElements()
			p.addElement()
			p.framesetOK = false
			return true
		case a.Option:
			if p.elementInScope(defaultScope, a.Select) {
				p.generateImpliedEndTags("optgroup")
				// If oe has option element in scope, parse error?
			} else if p.top().DataAtom == a.Option {
				p.oe.pop()
			}
			p.reconstructActiveFormattingElements()
			p.addElement()
		case a.Optgroup:
			if p.elementInScope(defaultScope, a.Select) {
				p.generateImpliedEndTags()
				// If oe has option or optgroup element in scope, parse error?
			} else if p.top().DataAtom == a.Option {
				p.oe.pop()
			}
			p.reconstructActiveFormattingElements()
			p.addElement()
		case a.Rb, a.Rtc:
			if p.elementInScope(defaultScope, a.Ruby) {
				p.generateImpliedEndTags()
			}
			p.addElement()
		case a.Rp, a.Rt:
			if p.elementInScope(defaultScope, a.Ruby) {
				p.generateImpliedEndTags("rtc")
			}
			p.addElement()
		case a.Math, a.Svg:
			p.reconstructActiveFormattingElements()
			if p.tok.DataAtom == a.Math {
				adjustNames(p.tok.Attr, mathMLAttributes)
			} else {
				adjustNames(p.tok.Attr, svgAttributes)
			}
			adjustForeignAttributes(p.tok.Attr)
			p.addElement()
			p.top().Namespace = p.tok.Data
			if p.selfClosing {
				p.oe.pop()
				p.acknowledgeSelfClosingTag()
			}
			return true
		case a.Caption, a.Col, a.Colgroup, a.Frame, a.Head, a.Tbody, a.Td, a.Tfoot, a.Th, a.Thead, a.Tr:
			// Ignore the token.
		default:
			p.reconstructActiveFormattingElements()
			p.addElement()
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Body:
			if p.elementInScope(defaultScope, a.Body) {
				p.im = afterBodyIM
			}
		case a.Html:
			if p.elementInScope(defaultScope, a.Body) {
				p.parseImpliedToken(html.EndTagToken, a.Body)
				return false
			}
			return true
		case a.Address, a.Article, a.Aside, a.Blockquote, a.Button, a.Center, a.Details, a.Dialog, a.Dir, a.Div, a.Dl, a.Fieldset, a.Figcaption, a.Figure, a.Footer, a.Header, a.Hgroup, a.Listing, a.Main, a.Menu, a.Nav, a.Ol, a.Pre, a.Search, a.Section, a.Select, a.Summary, a.Ul:
			if !p.elementInScope(defaultScope, p.tok.DataAtom) {
				// Ignore the token.
				return true
			}
			p.generateImpliedEndTags()
			p.popUntil(defaultScope, p.tok.DataAtom)
		case a.Form:
			if p.oe.contains(a.Template) {
				i := p.indexOfElementInScope(defaultScope, a.Form)
				if i == -1 {
					// Ignore the token.
					return true
				}
				p.generateImpliedEndTags()
				if p.oe[i].DataAtom != a.Form {
					// Ignore the token.
					return true
				}
				p.popUntil(defaultScope, a.Form)
			} else {
				node := p.form
				p.form = nil
				i := p.indexOfElementInScope(defaultScope, a.Form)
				if node == nil || i == -1 || p.oe[i] != node {
					// Ignore the token.
					return true
				}
				p.generateImpliedEndTags()
				p.oe.remove(node)
			}
		case a.P:
			if !p.elementInScope(buttonScope, a.P) {
				p.parseImpliedToken(html.StartTagToken, a.P)
			}
			p.popUntil(buttonScope, a.P)
		case a.Li:
			p.popUntil(listItemScope, a.Li)
		case a.Dd, a.Dt:
			p.popUntil(defaultScope, p.tok.DataAtom)
		case a.H1, a.H2, a.H3, a.H4, a.H5, a.H6:
			p.popUntil(defaultScope, a.H1, a.H2, a.H3, a.H4, a.H5, a.H6)
		case a.A, a.B, a.Big, a.Code, a.Em, a.Font, a.I, a.Nobr, a.S, a.Small, a.Strike, a.Strong, a.Tt, a.U:
			p.inBodyEndTagFormatting(p.tok.DataAtom, p.tok.Data)
		case a.Applet, a.Marquee, a.Object:
			if p.popUntil(defaultScope, p.tok.DataAtom) {
				p.clearActiveFormattingElements()
			}
		case a.Br:
			p.tok.Type = html.StartTagToken
			return false
		case a.Template:
			return inHeadIM(p)
		default:
			p.inBodyEndTagOther(p.tok.DataAtom, p.tok.Data)
		}
	case html.CommentToken:
		p.addComment(nil)
	case html.ErrorToken:
		// As x/net/html, not as the spec.
		if len(p.templateStack) > 0 {
			p.im = inTemplateIM
			return false
		}
	}

	return true
}

// inBodyEndTagFormatting is the adoption agency algorithm.
func (p *parser) inBodyEndTagFormatting(tag a.Atom, name string) {
	if current := p.oe.top(); current.Data == name && p.afe.index(current) == -1 {
		p.oe.pop()
		return
	}
	for range 8 {
		var fe *html.Node
		for j := len(p.afe) - 1; j >= 0 && p.afe[j] != marker; j-- {
			if p.afe[j].DataAtom == tag {
				fe = p.afe[j]
				break
			}
		}
		if fe == nil {
			p.inBodyEndTagOther(tag, name)
			return
		}
		feIndex := p.oe.index(fe)
		if feIndex == -1 {
			p.afe.remove(fe)
			return
		}
		if !p.elementInScope(defaultScope, tag) {
			return
		}
		var furthestBlock *html.Node
		for _, e := range p.oe[feIndex:] {
			if isSpecialElement(e) {
				furthestBlock = e
				break
			}
		}
		if furthestBlock == nil {
			p.oe = p.oe[:feIndex]
			p.afe.remove(fe)
			return
		}
		commonAncestor := p.oe[feIndex-1]
		bookmark := p.afe.index(fe)
		lastNode, node := furthestBlock, furthestBlock
		x := p.oe.index(node)
		for j := 1; ; j++ {
			x--
			node = p.oe[x]
			if node == fe {
				break
			}
			if ni := p.afe.index(node); j > 3 && ni > -1 {
				p.afe.remove(node)
				if ni <= bookmark {
					bookmark--
				}
				continue
			}
			if p.afe.index(node) == -1 {
				p.oe.remove(node)
				continue
			}
			clone := cloneNode(node)
			p.afe[p.afe.index(node)] = clone
			p.oe[p.oe.index(node)] = clone
			node = clone
			if lastNode == furthestBlock {
				bookmark = p.afe.index(node) + 1
			}
			if lastNode.Parent != nil {
				lastNode.Parent.RemoveChild(lastNode)
			}
			node.AppendChild(lastNode)
			lastNode = node
		}
		if lastNode.Parent != nil {
			lastNode.Parent.RemoveChild(lastNode)
		}
		switch commonAncestor.DataAtom {
		case a.Table, a.Tbody, a.Tfoot, a.Thead, a.Tr:
			p.fosterParent(lastNode)
		default:
			commonAncestor.AppendChild(lastNode)
		}
		clone := cloneNode(fe)
		for c := furthestBlock.FirstChild; c != nil; c = furthestBlock.FirstChild {
			furthestBlock.RemoveChild(c)
			clone.AppendChild(c)
		}
		furthestBlock.AppendChild(clone)
		if oldLoc := p.afe.index(fe); oldLoc != -1 && oldLoc < bookmark {
			bookmark--
		}
		p.afe.remove(fe)
		p.afe = slices.Insert(p.afe, bookmark, clone)
		p.oe.remove(fe)
		p.oe = slices.Insert(p.oe, p.oe.index(furthestBlock)+1, clone)
	}
}

// cloneNode is a new element like n, without its children, as x/net/html
// clones one.
func cloneNode(n *html.Node) *html.Node {
	return &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: append([]html.Attribute{}, n.Attr...)}
}

func (p *parser) inBodyEndTagOther(tag a.Atom, name string) {
	for i := len(p.oe) - 1; i >= 0; i-- {
		if n := p.oe[i]; n.Namespace == "" && n.DataAtom == tag && (tag != 0 || n.Data == name) {
			p.oe = p.oe[:i]
			break
		}
		if isSpecialElement(p.oe[i]) {
			break
		}
	}
}

func textIM(p *parser) bool {
	switch p.tok.Type {
	case html.ErrorToken:
		p.oe.pop()
	case html.TextToken:
		d := p.tok.Data
		if n := p.oe.top(); n.DataAtom == a.Textarea && n.FirstChild == nil {
			d = strings.TrimPrefix(d, "\r")
			d = strings.TrimPrefix(d, "\n")
		}
		p.addText(d)
		return true
	case html.EndTagToken:
		p.oe.pop()
	}
	p.im = p.originalIM
	p.originalIM = nil
	return p.tok.Type == html.EndTagToken
}

func inTableIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		if p.slow {
			p.tok.Data = strings.ReplaceAll(p.tok.Data, "\x00", "")
		}
		switch p.oe.top().DataAtom {
		case a.Table, a.Tbody, a.Tfoot, a.Thead, a.Tr:
			if strings.Trim(p.tok.Data, whitespace) == "" {
				p.addText(p.tok.Data)
				return true
			}
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Caption:
			p.clearStackToContext(tableScope)
			p.afe = append(p.afe, marker)
			p.addElement()
			p.im = inCaptionIM
			return true
		case a.Colgroup:
			p.clearStackToContext(tableScope)
			p.addElement()
			p.im = inColumnGroupIM
			return true
		case a.Col:
			p.parseImpliedToken(html.StartTagToken, a.Colgroup)
			return false
		case a.Tbody, a.Tfoot, a.Thead:
			p.clearStackToContext(tableScope)
			p.addElement()
			p.im = inTableBodyIM
			return true
		case a.Td, a.Th, a.Tr:
			p.parseImpliedToken(html.StartTagToken, a.Tbody)
			return false
		case a.Table:
			if p.popUntil(tableScope, a.Table) {
				p.resetInsertionMode()
				return false
			}
			// Ignore the token.
			return true
		case a.Style, a.Script, a.Template:
			return inHeadIM(p)
		case a.Input:
			for _, t := range p.tok.Attr {
				if t.Key == "type" && strings.EqualFold(t.Val, "hidden") {
					p.addElement()
					p.oe.pop()
					return true
				}
			}
			// Otherwise drop down to the default action.
		case a.Form:
			if p.oe.contains(a.Template) || p.form != nil {
				// Ignore the token.
				return true
			}
			p.addElement()
			p.form = p.oe.pop()
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Table:
			if p.popUntil(tableScope, a.Table) {
				p.resetInsertionMode()
				return true
			}
			// Ignore the token.
			return true
		case a.Body, a.Caption, a.Col, a.Colgroup, a.Html, a.Tbody, a.Td, a.Tfoot, a.Th, a.Thead, a.Tr:
			// Ignore the token.
			return true
		case a.Template:
			return inHeadIM(p)
		}
	case html.CommentToken:
		p.addComment(nil)
		return true
	case html.DoctypeToken:
		// Ignore the token.
		return true
	case html.ErrorToken:
		return inBodyIM(p)
	}

	p.fosterParenting = true
	defer func() { p.fosterParenting = false }()

	return inBodyIM(p)
}

func inCaptionIM(p *parser) bool {
	switch p.tok.Type {
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Caption, a.Col, a.Colgroup, a.Tbody, a.Td, a.Tfoot, a.Thead, a.Tr:
			if !p.popUntil(tableScope, a.Caption) {
				// Ignore the token.
				return true
			}
			p.clearActiveFormattingElements()
			p.im = inTableIM
			return false
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Caption:
			if p.popUntil(tableScope, a.Caption) {
				p.clearActiveFormattingElements()
				p.im = inTableIM
			}
			return true
		case a.Table:
			if !p.popUntil(tableScope, a.Caption) {
				// Ignore the token.
				return true
			}
			p.clearActiveFormattingElements()
			p.im = inTableIM
			return false
		case a.Body, a.Col, a.Colgroup, a.Html, a.Tbody, a.Td, a.Tfoot, a.Th, a.Thead, a.Tr:
			// Ignore the token.
			return true
		}
	}
	return inBodyIM(p)
}

func inColumnGroupIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		if p.addLeadingSpace() {
			return true
		}
	case html.CommentToken:
		p.addComment(nil)
		return true
	case html.DoctypeToken:
		// Ignore the token.
		return true
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			return inBodyIM(p)
		case a.Col:
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
			return true
		case a.Template:
			return inHeadIM(p)
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Colgroup:
			if p.oe.top().DataAtom == a.Colgroup {
				p.oe.pop()
				p.im = inTableIM
			}
			return true
		case a.Col:
			// Ignore the token.
			return true
		case a.Template:
			return inHeadIM(p)
		}
	case html.ErrorToken:
		return inBodyIM(p)
	}
	if p.oe.top().DataAtom != a.Colgroup {
		return true
	}
	p.oe.pop()
	p.im = inTableIM
	return false
}

func inTableBodyIM(p *parser) bool {
	switch p.tok.Type {
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Tr:
			p.clearStackToContext(tableBodyScope)
			p.addElement()
			p.im = inRowIM
			return true
		case a.Td, a.Th:
			p.parseImpliedToken(html.StartTagToken, a.Tr)
			return false
		case a.Caption, a.Col, a.Colgroup, a.Tbody, a.Tfoot, a.Thead:
			if p.popUntil(tableScope, a.Tbody, a.Thead, a.Tfoot) {
				p.im = inTableIM
				return false
			}
			// Ignore the token.
			return true
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Tbody, a.Tfoot, a.Thead:
			if p.elementInScope(tableScope, p.tok.DataAtom) {
				p.clearStackToContext(tableBodyScope)
				p.oe.pop()
				p.im = inTableIM
			}
			return true
		case a.Table:
			if p.popUntil(tableScope, a.Tbody, a.Thead, a.Tfoot) {
				p.im = inTableIM
				return false
			}
			// Ignore the token.
			return true
		case a.Body, a.Caption, a.Col, a.Colgroup, a.Html, a.Td, a.Th, a.Tr:
			// Ignore the token.
			return true
		}
	case html.CommentToken:
		p.addComment(nil)
		return true
	}

	return inTableIM(p)
}

func inRowIM(p *parser) bool {
	switch p.tok.Type {
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Td, a.Th:
			p.clearStackToContext(tableRowScope)
			p.addElement()
			p.afe = append(p.afe, marker)
			p.im = inCellIM
			return true
		case a.Caption, a.Col, a.Colgroup, a.Tbody, a.Tfoot, a.Thead, a.Tr:
			if p.elementInScope(tableScope, a.Tr) {
				p.clearStackToContext(tableRowScope)
				p.oe.pop()
				p.im = inTableBodyIM
				return false
			}
			// Ignore the token.
			return true
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Tr:
			if p.elementInScope(tableScope, a.Tr) {
				p.clearStackToContext(tableRowScope)
				p.oe.pop()
				p.im = inTableBodyIM
				return true
			}
			// Ignore the token.
			return true
		case a.Table:
			if p.elementInScope(tableScope, a.Tr) {
				p.clearStackToContext(tableRowScope)
				p.oe.pop()
				p.im = inTableBodyIM
				return false
			}
			// Ignore the token.
			return true
		case a.Tbody, a.Tfoot, a.Thead:
			if p.elementInScope(tableScope, p.tok.DataAtom) && p.elementInScope(tableScope, a.Tr) {
				p.clearStackToContext(tableRowScope)
				p.oe.pop()
				p.im = inTableBodyIM
				return false
			}
			// Ignore the token.
			return true
		case a.Body, a.Caption, a.Col, a.Colgroup, a.Html, a.Td, a.Th:
			// Ignore the token.
			return true
		}
	}

	return inTableIM(p)
}

func inCellIM(p *parser) bool {
	switch p.tok.Type {
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Caption, a.Col, a.Colgroup, a.Tbody, a.Td, a.Tfoot, a.Th, a.Thead, a.Tr:
			if p.popUntil(tableScope, a.Td, a.Th) {
				// Close the cell and reprocess.
				p.clearActiveFormattingElements()
				p.im = inRowIM
				return false
			}
			// Ignore the token.
			return true
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Td, a.Th:
			if !p.popUntil(tableScope, p.tok.DataAtom) {
				// Ignore the token.
				return true
			}
			p.clearActiveFormattingElements()
			p.im = inRowIM
			return true
		case a.Body, a.Caption, a.Col, a.Colgroup, a.Html:
			// Ignore the token.
			return true
		case a.Table, a.Tbody, a.Tfoot, a.Thead, a.Tr:
			if !p.elementInScope(tableScope, p.tok.DataAtom) {
				// Ignore the token.
				return true
			}
			// Close the cell and reprocess.
			if p.popUntil(tableScope, a.Td, a.Th) {
				p.clearActiveFormattingElements()
			}
			p.im = inRowIM
			return false
		}
	}
	return inBodyIM(p)
}

func afterBodyIM(p *parser) bool {
	switch p.tok.Type {
	case html.ErrorToken:
		// Stop parsing.
		return true
	case html.TextToken:
		if strings.TrimLeft(p.tok.Data, whitespace) == "" {
			return inBodyIM(p)
		}
	case html.StartTagToken:
		if p.tok.DataAtom == a.Html {
			return inBodyIM(p)
		}
	case html.EndTagToken:
		if p.tok.DataAtom == a.Html {
			p.im = afterAfterBodyIM
			return true
		}
	case html.CommentToken:
		// The comment is attached to the <html> element.
		if len(p.oe) < 1 || p.oe[0].DataAtom != a.Html {
			panic(parseError("html: bad parser state: <html> element not found, in the after-body insertion mode"))
		}
		p.addComment(p.oe[0])
		return true
	}
	p.im = inBodyIM
	return false
}

func afterAfterBodyIM(p *parser) bool {
	switch p.tok.Type {
	case html.ErrorToken:
		// Stop parsing.
		return true
	case html.TextToken:
		if strings.TrimLeft(p.tok.Data, whitespace) == "" {
			return inBodyIM(p)
		}
	case html.StartTagToken:
		if p.tok.DataAtom == a.Html {
			return inBodyIM(p)
		}
	case html.CommentToken:
		p.addComment(p.doc)
		return true
	case html.DoctypeToken:
		return inBodyIM(p)
	}
	p.im = inBodyIM
	return false
}

func inTemplateIM(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken, html.CommentToken, html.DoctypeToken:
		return inBodyIM(p)
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Base, a.Basefont, a.Bgsound, a.Link, a.Meta, a.Noframes, a.Script, a.Style, a.Template, a.Title:
			return inHeadIM(p)
		case a.Caption, a.Colgroup, a.Tbody, a.Tfoot, a.Thead:
			p.templateStack.pop()
			p.templateStack = append(p.templateStack, inTableIM)
			p.im = inTableIM
			return false
		case a.Col:
			p.templateStack.pop()
			p.templateStack = append(p.templateStack, inColumnGroupIM)
			p.im = inColumnGroupIM
			return false
		case a.Tr:
			p.templateStack.pop()
			p.templateStack = append(p.templateStack, inTableBodyIM)
			p.im = inTableBodyIM
			return false
		case a.Td, a.Th:
			p.templateStack.pop()
			p.templateStack = append(p.templateStack, inRowIM)
			p.im = inRowIM
			return false
		default:
			p.templateStack.pop()
			p.templateStack = append(p.templateStack, inBodyIM)
			p.im = inBodyIM
			return false
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Template:
			return inHeadIM(p)
		default:
			// Ignore the token.
			return true
		}
	case html.ErrorToken:
		if !p.oe.contains(a.Template) {
			// Ignore the token.
			return true
		}
		p.closeTemplate()
		return false
	}
	return false
}

func inFramesetIM(p *parser) bool {
	switch p.tok.Type {
	case html.CommentToken:
		p.addComment(nil)
	case html.TextToken:
		// Ignore all text but whitespace.
		s := whiteOnly(p.tok.Data)
		if s != "" {
			p.addText(s)
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			return inBodyIM(p)
		case a.Frameset:
			p.addElement()
		case a.Frame:
			p.addElement()
			p.oe.pop()
			p.acknowledgeSelfClosingTag()
		case a.Noframes:
			return inHeadIM(p)
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Frameset:
			if p.oe.top().DataAtom != a.Html {
				p.oe.pop()
				if p.oe.top().DataAtom != a.Frameset {
					p.im = afterFramesetIM
					return true
				}
			}
		}
	default:
		// Ignore the token.
	}
	return true
}

func afterFramesetIM(p *parser) bool {
	switch p.tok.Type {
	case html.CommentToken:
		p.addComment(nil)
	case html.TextToken:
		// Ignore all text but whitespace.
		s := whiteOnly(p.tok.Data)
		if s != "" {
			p.addText(s)
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			return inBodyIM(p)
		case a.Noframes:
			return inHeadIM(p)
		}
	case html.EndTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			p.im = afterAfterFramesetIM
			return true
		}
	default:
		// Ignore the token.
	}
	return true
}

func afterAfterFramesetIM(p *parser) bool {
	switch p.tok.Type {
	case html.CommentToken:
		p.addComment(p.doc)
	case html.TextToken:
		// Ignore all text but whitespace.
		s := whiteOnly(p.tok.Data)
		if s != "" {
			p.tok.Data = s
			return inBodyIM(p)
		}
	case html.StartTagToken:
		switch p.tok.DataAtom {
		case a.Html:
			return inBodyIM(p)
		case a.Noframes:
			return inHeadIM(p)
		}
	case html.DoctypeToken:
		return inBodyIM(p)
	default:
		// Ignore the token.
	}
	return true
}

// whiteOnly is the white space of s: what frames keep of text.
func whiteOnly(s string) string {
	return strings.Map(func(c rune) rune {
		if c < utf8.RuneSelf && isWhite(byte(c)) {
			return c
		}
		return -1
	}, s)
}

// closeTemplate closes the innermost template, at its end tag or at the
// end of the input, as x/net/html does (not as the spec).
func (p *parser) closeTemplate() {
	p.generateImpliedEndTags()
	for i := len(p.oe) - 1; i >= 0; i-- {
		if n := p.oe[i]; n.Namespace == "" && n.DataAtom == a.Template {
			p.oe = p.oe[:i]
			break
		}
	}
	p.clearActiveFormattingElements()
	p.templateStack.pop()
	p.resetInsertionMode()
}

func ignoreTheRemainingTokens(p *parser) bool {
	return true
}

// isSpecialElement is x/net/html's list of the HTML elements in the
// "special" category.
func isSpecialElement(n *html.Node) bool {
	switch n.Namespace {
	case "math":
		switch n.Data {
		case "mi", "mo", "mn", "ms", "mtext", "annotation-xml":
			return true
		}
		return false
	case "svg":
		switch n.Data {
		case "foreignObject", "desc", "title":
			return true
		}
		return false
	}
	switch n.Data {
	case "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
		"blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
		"details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure",
		"footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
		"header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link",
		"listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript",
		"object", "ol", "p", "param", "plaintext", "pre", "script", "section", "select",
		"source", "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot",
		"th", "thead", "title", "tr", "track", "ul", "wbr", "xmp":
		return true
	}
	return false
}
