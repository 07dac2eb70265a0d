// A page's encoding is found as golang.org/x/net/html/charset finds it
// (charset.go: Copyright 2013 The Go Authors, under a BSD-style licence,
// golang.org/x/net's LICENSE), with the labels of
// golang.org/x/text/encoding/htmlindex.

package html

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// decode returns the page as UTF-8.
func decode(raw []byte) (string, error) {
	enc, name, certain := determineEncoding(raw)
	valid := utf8.Valid(raw)
	switch {
	case name == "utf-8" && valid:
		// As it is: decoding valid UTF-8 as UTF-8 changes nothing.
		return string(raw), nil
	case certain || name == "utf-8":
	case valid:
		// Valid UTF-8 beyond ASCII is UTF-8 whatever the page declares:
		// pages saved or converted keep their old declaration.
		return string(raw), nil
	case name == "gbk" || name == "gb18030" || name == "gb2312" || name == "windows-1252":
		enc, _ = lookupEncoding("gb18030") // GB18030 holds GBK and GB2312
	}
	// Otherwise as declared: big5 for 繁體 portals, …
	b, err := io.ReadAll(transform.NewReader(bytes.NewReader(raw), enc.NewDecoder()))
	return string(b), err
}

type encodingLabel struct {
	label string
	enc   uint8 // an index in encodingNames and encodings
}

// lookupEncoding is charset.Lookup: the encoding a label names, and the
// encoding's canonical name; nil for a label it does not know.
func lookupEncoding(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	lo, ok := slices.BinarySearchFunc(encodingLabels[:], label, func(l encodingLabel, label string) int { return strings.Compare(l.label, label) })
	if !ok {
		return nil, ""
	}
	i := encodingLabels[lo].enc
	return encodings[i], encodingNames[i]
}

// determineEncoding is charset.DetermineEncoding without a Content-Type: a
// byte order mark, else a <meta> in the first 1024 bytes, else UTF-8 if the
// bytes are UTF-8 beyond ASCII, else windows-1252; certain only for a byte
// order mark.
func determineEncoding(content []byte) (e encoding.Encoding, name string, certain bool) {
	if len(content) > 1024 {
		content = content[:1024]
	}
	for _, b := range [...]struct{ bom, enc string }{
		{"\xfe\xff", "utf-16be"},
		{"\xff\xfe", "utf-16le"},
		{"\xef\xbb\xbf", "utf-8"},
	} {
		if bytes.HasPrefix(content, []byte(b.bom)) {
			e, name = lookupEncoding(b.enc)
			return e, name, true
		}
	}
	if len(content) > 0 {
		if e, name = prescan(string(content)); e != nil {
			return e, name, false
		}
	}
	// A partial rune at the end is not taken as invalid.
	for i := len(content) - 1; i >= 0 && i > len(content)-4; i-- {
		b := content[i]
		if b < 0x80 {
			break
		}
		if utf8.RuneStart(b) {
			content = content[:i]
			break
		}
	}
	for _, c := range content {
		if c >= 0x80 {
			if utf8.Valid(content) {
				return encoding.Nop, "utf-8", false
			}
			break
		}
	}
	return charmap.Windows1252, "windows-1252", false
}

// prescan finds the encoding a <meta charset> or a <meta http-equiv
// content> names.
func prescan(content string) (e encoding.Encoding, name string) {
	z := &tokenizer{buf: content}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			if t.Data != "meta" {
				continue
			}
			const (
				dontKnow = iota
				doNeedPragma
				doNotNeedPragma
			)
			needPragma, gotPragma := dontKnow, false
			name, e = "", nil
			var seen map[string]bool
			for i, at := range t.Attr {
				// Each name once, as it reads after NUL is replaced.
				if hasKey(t.Attr[:i], at.Key, &seen) {
					continue
				}
				key, val := at.Key, lower(at.Val)
				switch key {
				case "http-equiv":
					gotPragma = gotPragma || val == "content-type"
				case "content":
					if e == nil {
						if name = fromMetaElement(val); name != "" {
							if e, name = lookupEncoding(name); e != nil {
								needPragma = doNeedPragma
							}
						}
					}
				case "charset":
					e, name = lookupEncoding(val)
					needPragma = doNotNeedPragma
				}
			}
			if needPragma == dontKnow || needPragma == doNeedPragma && !gotPragma {
				continue
			}
			if strings.HasPrefix(name, "utf-16") {
				name, e = "utf-8", encoding.Nop
			}
			if e != nil {
				return e, name
			}
		}
	}
}

// fromMetaElement returns the charset a Content-Type's value names.
func fromMetaElement(s string) string {
	for s != "" {
		i := strings.Index(s, "charset")
		if i == -1 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			s = s[1:]
			end := strings.IndexByte(s, q)
			if end == -1 {
				return ""
			}
			return s[:end]
		}
		end := strings.IndexAny(s, "; \t\n\f\r")
		if end == -1 {
			end = len(s)
		}
		return s[:end]
	}
	return ""
}
