// The tokenizer here follows golang.org/x/net/html's token.go: Copyright
// 2010 The Go Authors, under a BSD-style licence, golang.org/x/net's
// LICENSE.

package html

import (
	"strings"

	"golang.org/x/net/html"
	a "golang.org/x/net/html/atom"
)

// parse's fast tokenizer. It gives the tokens x/net/html's Tokenizer
// gives, as its Token method makes them, and hands the few it does not
// read — a token the input ends in, a script's "<!--" escapes — to
// tokenizer (tokenizer.go), which is x/net/html's.

const whitespace = " \t\r\n\f"

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// next reads the next token into p.tok; an ErrorToken is the end.
func (p *parser) next() {
	p.tokStart, p.tokRaw = p.pos, p.rawTag
	if p.slow || p.again {
		p.again = false
		p.nextSlowly()
		return
	}
	src := p.src
	p.selfClosing = false
	if raw := p.rawTag; raw != "" {
		p.rawTag = ""
		end := len(src) // plaintext's text runs to the end
		if raw != "plaintext" {
			end = p.rawEnd(raw)
		}
		if end > p.pos {
			text := convertNewlines(src[p.pos:end])
			if raw == "textarea" || raw == "title" {
				text = unescape(text)
			}
			p.pos = end
			p.tok = html.Token{Type: html.TextToken, Data: text}
			return
		}
	}
	start := p.pos
	for i := start; ; {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 || i+j+1 >= len(src) {
			p.pos = len(src)
			if start < len(src) {
				p.tok = html.Token{Type: html.TextToken, Data: unescape(convertNewlines(src[start:]))}
			} else {
				p.tok = html.Token{Type: html.ErrorToken}
			}
			return
		}
		k := i + j
		if c := src[k+1]; !isLetter(c) && c != '/' && c != '!' && c != '?' {
			i = k + 1
			continue
		}
		if k > start {
			p.pos = k
			p.tok = html.Token{Type: html.TextToken, Data: unescape(convertNewlines(src[start:k]))}
			return
		}
		p.markup()
		return
	}
}

// nextSlowly reads the next token with tokenizer, x/net/html's.
func (p *parser) nextSlowly() {
	z := &p.z
	*z = tokenizer{buf: p.src, raw: span{p.pos, p.pos}, rawTag: p.rawTag, attr: z.attr[:0], attrNames: z.attrNames[:0]}
	n := p.oe.top()
	z.allowCDATA = n != nil && n.Namespace != ""
	tt := z.Next()
	p.tok = z.Token()
	p.selfClosing = tt == html.SelfClosingTagToken
	if p.selfClosing {
		p.tok.Type = html.StartTagToken
	}
	p.pos, p.rawTag = z.raw.end, z.rawTag
}

// markup reads the tag, comment or doctype at p.pos, a '<' that starts one.
func (p *parser) markup() {
	src := p.src
	c := src[p.pos+1]
	p.pos += 2
	switch {
	case isLetter(c):
		name, attr := p.readTag(true)
		atomic := a.Lookup([]byte(name))
		if atomic != 0 {
			name = atomic.String()
		}
		p.tok = html.Token{Type: html.StartTagToken, DataAtom: atomic, Data: name, Attr: attr}
		switch name {
		case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
			p.rawTag = name
		}
	case c == '/':
		c := p.byteAt(p.pos)
		switch {
		case c == '>':
			p.pos++
			p.tok = html.Token{Type: html.CommentToken} // "</>": an empty comment
		case isLetter(c):
			p.pos++
			name, _ := p.readTag(false)
			p.selfClosing = false
			atomic := a.Lookup([]byte(name))
			if atomic != 0 {
				name = atomic.String()
			}
			p.tok = html.Token{Type: html.EndTagToken, DataAtom: atomic, Data: name}
		default:
			p.comment(p.untilCloseAngle())
		}
	case c == '!':
		if n := p.oe.top(); n != nil && n.Namespace != "" && strings.HasPrefix(src[p.pos:], "[CDATA[") {
			// Foreign content's CDATA section: text, unescaped as text is.
			p.pos += len("[CDATA[")
			end := strings.Index(src[p.pos:], "]]>")
			if end < 0 {
				p.giveUp()
			}
			p.tok = html.Token{Type: html.TextToken, Data: unescape(convertNewlines(src[p.pos : p.pos+end]))}
			p.pos += end + len("]]>")
			return
		}
		if strings.HasPrefix(src[p.pos:], "--") {
			p.pos += 2
			p.comment(p.readComment())
			return
		}
		if len(src)-p.pos < len("DOCTYPE") {
			p.giveUp() // x/net/html backs up at the end of input; not worth following
		}
		if strings.EqualFold(src[p.pos:p.pos+len("DOCTYPE")], "DOCTYPE") {
			p.pos += len("DOCTYPE")
			for p.pos < len(src) && isWhite(src[p.pos]) {
				p.pos++
			}
			if p.pos == len(src) {
				p.giveUp()
			}
			p.tok = html.Token{Type: html.DoctypeToken, Data: unescape(convertNewlines(p.untilCloseAngle()))}
			return
		}
		p.comment(p.untilCloseAngle()) // a bogus comment: <![if !supportLists]>
	default: // '?'
		p.pos--
		p.comment(p.untilCloseAngle())
	}
}

func (p *parser) comment(data string) {
	p.tok = html.Token{Type: html.CommentToken, Data: unescape(convertNewlines(data))}
}

// byteAt is src[i], giving up at the end of the input.
func (p *parser) byteAt(i int) byte {
	if i >= len(p.src) {
		p.giveUp()
	}
	return p.src[i]
}

// untilCloseAngle returns the text up to the next '>' and reads past it.
func (p *parser) untilCloseAngle() string {
	i := strings.IndexByte(p.src[p.pos:], '>')
	if i < 0 {
		p.giveUp()
	}
	s := p.src[p.pos : p.pos+i]
	p.pos += i + 1
	return s
}

// readComment reads a comment's text after "<!--", as x/net/html's
// readComment: it ends at "-->", "--!>", or a '>' right at its start.
func (p *parser) readComment() string {
	src, start := p.src, p.pos
	dashes, beginning := 0, true
	for i := start; i < len(src); i++ {
		switch src[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				p.pos = i + 1
				return src[start:max(start, i-2)]
			}
		case '!':
			if dashes >= 2 {
				if i+1 >= len(src) {
					p.giveUp()
				}
				switch src[i+1] {
				case '>':
					p.pos = i + 2
					return src[start:max(start, i-2)]
				case '-':
					i++
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	p.giveUp()
	return ""
}

// rawEnd is where the raw text from p.pos ends: at "</" and the element's
// name, in any case, and a space, '/' or '>'. A script's text may hide its
// end in "<!--" escapes, which parse leaves to x/net/html.
func (p *parser) rawEnd(tag string) int {
	src := p.src
	for i := p.pos; ; {
		j := strings.Index(src[i:], "</")
		if j < 0 {
			p.giveUp()
		}
		k := i + j + 2
		if k+len(tag) < len(src) && matchesTag(src[k:k+len(tag)], tag) {
			switch src[k+len(tag)] {
			case ' ', '\n', '\r', '\t', '\f', '/', '>':
				if tag == "script" && strings.Contains(src[p.pos:i+j], "<!--") {
					p.giveUp()
				}
				return i + j
			}
		}
		i = k
	}
}

// matchesTag compares s with a lower-case tag name as x/net/html does:
// each byte as it is or upper-cased.
func matchesTag(s, tag string) bool {
	for i := range len(tag) {
		if s[i] != tag[i] && s[i] != tag[i]-('a'-'A') {
			return false
		}
	}
	return true
}

// readTag reads a tag's name and attributes, p.pos being just past the
// name's first letter, and reads past its '>'. The attributes are kept
// only when keep says so, each name once (the first), lower-cased, and
// values unescaped as attribute values are.
func (p *parser) readTag(keep bool) (name string, attr []html.Attribute) {
	attr = p.attr[:0] // gathered in memory used again, then copied at their number
	src := p.src
	i := p.pos - 1
	for i < len(src) && !isWhite(src[i]) && src[i] != '/' && src[i] != '>' {
		i++
	}
	name = lower(src[p.pos-1 : i])
	p.pos = i
	var seen map[string]bool
	lastEnd := -1 // where the last attribute kept ends
	p.skipSpace()
	for {
		if p.byteAt(p.pos) == '>' {
			// A '/' before the '>' closes the tag, unless it ends the last
			// value (<p a=/>).
			p.selfClosing = src[p.pos-1] == '/' && (len(attr) == 0 || p.pos-1 != lastEnd-1)
			p.pos++
			p.attr = attr
			if len(attr) == 0 {
				return name, nil
			}
			return name, p.keepAttrs(attr)
		}
		// The name: up to a space, '/', '>' or an '=' that is not its first byte.
		k := p.pos
		for i = k; ; i++ {
			c := p.byteAt(i)
			if isWhite(c) || c == '/' || c == '>' || c == '=' && i > k {
				break
			}
		}
		key := src[k:i]
		p.pos = i
		val, end := p.readValue()
		if keep && key != "" {
			key = lower(key)
			if !hasKey(attr, key, &seen) {
				attr = append(attr, html.Attribute{Key: key, Val: unescapeAttr(convertNewlines(val))})
				lastEnd = end
			}
		}
		p.skipSpace()
	}
}

// hasKey says whether attr has an attribute named key, looking in seen,
// which it makes and keeps up to date once attr is long: a page may give a
// tag any number of attributes.
func hasKey(attr []html.Attribute, key string, seen *map[string]bool) bool {
	if len(attr) < 16 {
		for _, at := range attr {
			if at.Key == key {
				return true
			}
		}
		return false
	}
	if len(*seen) == 0 { // nil, or cleared for another tag
		if *seen == nil {
			*seen = make(map[string]bool, 2*len(attr))
		}
		for _, at := range attr {
			(*seen)[at.Key] = true
		}
	}
	had := (*seen)[key]
	(*seen)[key] = true
	return had
}

// readValue reads an attribute's value after its name.
// It returns where the value ends as x/net/html keeps it, which decides
// whether a '/' before the tag's '>' closes the tag.
func (p *parser) readValue() (v string, end int) {
	src := p.src
	end = p.pos
	p.skipSpace()
	switch p.byteAt(p.pos) {
	case '/':
		p.pos++
		return "", end
	case '=':
		p.pos++
	default:
		return "", end
	}
	p.skipSpace()
	switch q := p.byteAt(p.pos); q {
	case '>':
		return "", end
	case '"', '\'':
		n := strings.IndexByte(src[p.pos+1:], q)
		if n < 0 {
			p.giveUp()
		}
		v = src[p.pos+1 : p.pos+1+n]
		p.pos += n + 2
		return v, p.pos - 1
	}
	k := p.pos
	for i := k; ; i++ {
		switch p.byteAt(i) {
		case ' ', '\n', '\r', '\t', '\f':
			p.pos = i + 1
			return src[k:i], i
		case '>':
			p.pos = i
			return src[k:i], i
		}
	}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && isWhite(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == len(p.src) {
		p.giveUp()
	}
}

// lower lower-cases ASCII letters, byte by byte, as x/net/html does with
// names.
func lower(s string) string {
	for i := range len(s) {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j, c := range b[i:] {
				if 'A' <= c && c <= 'Z' {
					b[i+j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// convertNewlines turns "\r\n" and "\r" into "\n".
func convertNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// unescape unescapes text.
func unescape(s string) string { return unescapeString(s, false) }

// unescapeAttr unescapes an attribute value.
func unescapeAttr(s string) string { return unescapeString(s, true) }
