package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"testing"
)

// sameTokens checks that fastXML gives what encoding/xml's Token gives for
// data — the same elements, attributes, namespaces and text, and the end —
// unless it hands the part to encoding/xml (errFallback), which then reads
// it all. It reports whether the fast reader read the part.
func sameTokens(t *testing.T, name string, data []byte) bool {
	t.Helper()
	fast := newFastXML(data)
	var slow tokenizer = xml.NewDecoder(bytes.NewReader(data))
	next := func() (xml.Token, error) { // encoding/xml's, text joined, comments and declarations passed over
		var text []byte
		for {
			tok, err := slow.Token()
			switch tt := tok.(type) {
			case xml.CharData:
				text = append(text, tt...)
				continue
			case xml.Comment, xml.ProcInst, xml.Directive:
				continue
			}
			if text != nil {
				if err == nil {
					slow = &replay{tok, slow}
				}
				return xml.CharData(text), nil
			}
			return xml.CopyToken(tok), err
		}
	}
	var fastText []byte
	for n := 0; ; n++ {
		tk, err := fast.next()
		tok := tk.xmlToken()
		if errors.Is(err, errFallback) {
			return false
		}
		if cd, ok := tok.(xml.CharData); ok {
			fastText = append(fastText, cd...)
			continue
		}
		if fastText != nil {
			want, werr := next()
			if werr != nil || !reflect.DeepEqual(xml.CharData(fastText), want) {
				t.Fatalf("%s: token %d: fast text %q, encoding/xml %#v, %v", name, n, fastText, want, werr)
			}
			fastText = nil
		}
		want, werr := next()
		if err != nil || werr != nil {
			if err != io.EOF || werr != io.EOF {
				t.Fatalf("%s: token %d: fast %v, encoding/xml %#v, %v", name, n, err, want, werr)
			}
			return true
		}
		if !reflect.DeepEqual(xml.CopyToken(tok), want) {
			t.Fatalf("%s: token %d: fast %#v, encoding/xml %#v", name, n, tok, want)
		}
	}
}

// xmlToken is the token as encoding/xml gives it.
func (t token) xmlToken() xml.Token {
	switch t.kind {
	case tokStart:
		return t.StartElement
	case tokEnd:
		return xml.EndElement{Name: t.Name}
	case tokText:
		return t.text
	}
	return nil
}

// replay gives one token back before the decoder's next.
type replay struct {
	tok  xml.Token
	rest tokenizer
}

type tokenizer interface{ Token() (xml.Token, error) }

func (r *replay) Token() (xml.Token, error) {
	if r.tok != nil {
		t := r.tok
		r.tok = nil
		return t, nil
	}
	return r.rest.Token()
}

// xmlCases are odd XML for the fast reader: what it must read as
// encoding/xml does, and what it must leave to encoding/xml.
var xmlCases = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t xml:space="preserve"> a &amp; b &lt;c&gt; &#20013;&#x6587; &quot;q&apos; </w:t></w:r></w:p></w:body></w:document>`,
	`<a xmlns="urn:d" xmlns:p="urn:p"><b p:x="1" y='2'/><p:c><d xmlns="urn:e"/><e/></p:c><q:u/></a>`,
	`<a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/></a>`,
	`<a><!-- a comment --><b>text<!-- inside -->more</b></a>`,
	`<?xml version="1.0" encoding="GBK"?><a/>`,
	`<?xml version="1.1"?><a/>`,
	`<?pi data?><a/>`,
	"<a>line\r\nnext</a>",
	`<a><![CDATA[x<y]]></a>`,
	`<!DOCTYPE a><a/>`,
	`<a><b></a></b>`,
	`<a>&nbsp;</a>`,
	`<a>&#1;</a>`,
	"<a>\x01</a>",
	"<a>\xff</a>",
	`<a x="<"/>`,
	`<a x="1"y="2"/>`,
	`<a:b:c/>`,
	`<a>`,
	`</a>`,
	`<a>]]></a>`,
	`<a><!-- -- --></a>`,
	`<a xmlns:p=""><p:b/></a>`,
	`<xmlns:a/>`,
	`text before<a/>text after`,
	``,
	`<a  b = "1"  ></a >`,
}

func TestFastXML(t *testing.T) {
	read := 0
	check := func(name string, data []byte) {
		if sameTokens(t, name, data) {
			read++
		}
	}
	for i, c := range xmlCases {
		check("case "+string(rune('A'+i)), []byte(c))
	}
	for _, fx := range fixtures(t) {
		check(fx.name, fx.body)
	}
	// The corpus's .docx files, when the corpus is beside the repository.
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.docx"))
	for _, f := range files {
		zr, err := zip.OpenReader(f)
		if err != nil {
			continue
		}
		for _, zf := range zr.File {
			if filepath.Ext(zf.Name) != ".xml" {
				continue
			}
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			check(f+":"+zf.Name, b)
		}
		zr.Close()
	}
	t.Logf("the fast reader read %d of the inputs", read)
	if read < len(fixtures(t)) {
		t.Errorf("the fast reader read %d of the inputs, fewer than the fixtures", read)
	}
}

func FuzzFastXML(f *testing.F) {
	for _, c := range xmlCases {
		f.Add([]byte(c))
	}
	for _, fx := range fixtures(f) {
		f.Add(fx.body)
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameTokens(t, "fuzz", data) })
}
