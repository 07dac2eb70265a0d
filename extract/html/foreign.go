// Foreign content — svg and math inside a page — as golang.org/x/net/html
// parses it (its parse.go and foreign.go): Copyright 2011 The Go Authors,
// under a BSD-style licence, golang.org/x/net's LICENSE.

package html

import (
	"strings"

	"golang.org/x/net/html"
	a "golang.org/x/net/html/atom"
)

// inForeignContent says the token goes to the foreign content's rules: the
// current node is svg or math, and not a point where HTML comes back.
func (p *parser) inForeignContent() bool {
	n := p.oe.top()
	if n == nil || n.Namespace == "" {
		return false
	}
	if mathMLTextIntegrationPoint(n) {
		if p.tok.Type == html.StartTagToken && p.tok.DataAtom != a.Mglyph && p.tok.DataAtom != a.Malignmark {
			return false
		}
		if p.tok.Type == html.TextToken {
			return false
		}
	}
	if n.Namespace == "math" && n.DataAtom == a.AnnotationXml && p.tok.Type == html.StartTagToken && p.tok.DataAtom == a.Svg {
		return false
	}
	if htmlIntegrationPoint(n) && (p.tok.Type == html.StartTagToken || p.tok.Type == html.TextToken) {
		return false
	}
	return p.tok.Type != html.ErrorToken
}

func parseForeignContent(p *parser) bool {
	switch p.tok.Type {
	case html.TextToken:
		if p.framesetOK {
			p.framesetOK = strings.TrimLeft(p.tok.Data, whitespace+"\x00") == ""
		}
		if p.slow {
			p.tok.Data = strings.ReplaceAll(p.tok.Data, "\x00", "\ufffd")
		}
		p.addText(p.tok.Data)
	case html.CommentToken:
		p.addComment(nil)
	case html.StartTagToken:
		if breaksOut(p.tok) {
			for i := len(p.oe) - 1; i >= 0; i-- {
				if n := p.oe[i]; n.Namespace == "" || htmlIntegrationPoint(n) || mathMLTextIntegrationPoint(n) {
					p.oe = p.oe[:i+1]
					break
				}
			}
			return p.im(p)
		}
		namespace := p.oe.top().Namespace
		if namespace == "math" {
			adjustNames(p.tok.Attr, mathMLAttributes)
		} else {
			if name, ok := adjusted(p.tok.Data, svgTagNames); ok {
				p.tok.DataAtom = a.Lookup([]byte(name))
				p.tok.Data = name
			}
			adjustNames(p.tok.Attr, svgAttributes)
		}
		adjustForeignAttributes(p.tok.Attr)
		p.addElement()
		p.top().Namespace = namespace
		p.rawTag = "" // an svg <title> or <style> is not raw text
		if p.selfClosing {
			p.oe.pop()
		}
	case html.EndTagToken:
		if strings.EqualFold(p.oe[len(p.oe)-1].Data, p.tok.Data) {
			p.oe = p.oe[:len(p.oe)-1]
			return true
		}
		for i := len(p.oe) - 1; i >= 0; i-- {
			if strings.EqualFold(p.oe[i].Data, p.tok.Data) {
				p.oe = p.oe[:i]
				return true
			}
			if i > 0 && p.oe[i-1].Namespace == "" {
				break
			}
		}
		return p.im(p)
	}
	return true
}

// breaksOut says the start tag is an HTML element that ends foreign content.
func breaksOut(t html.Token) bool {
	switch t.Data {
	case "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt",
		"em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
		"listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span",
		"strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var":
		return true
	case "font":
		for _, at := range t.Attr {
			switch at.Key {
			case "color", "face", "size":
				return true
			}
		}
	}
	return false
}

func htmlIntegrationPoint(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Namespace {
	case "math":
		if n.Data == "annotation-xml" {
			for _, at := range n.Attr {
				if at.Key == "encoding" && (strings.EqualFold(at.Val, "text/html") || strings.EqualFold(at.Val, "application/xhtml+xml")) {
					return true
				}
			}
		}
	case "svg":
		switch n.Data {
		case "desc", "foreignObject", "title":
			return true
		}
	}
	return false
}

func mathMLTextIntegrationPoint(n *html.Node) bool {
	if n.Namespace != "math" {
		return false
	}
	switch n.Data {
	case "mi", "mo", "mn", "ms", "mtext":
		return true
	}
	return false
}

// adjusted is the name in names that name is, lower-cased: svg and math
// keep the case their names have.
func adjusted(name string, names []string) (string, bool) {
	for _, n := range names {
		if len(n) == len(name) && strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

func adjustNames(attr []html.Attribute, names []string) {
	for i := range attr {
		if name, ok := adjusted(attr[i].Key, names); ok {
			attr[i].Key = name
		}
	}
}

func adjustForeignAttributes(attr []html.Attribute) {
	for i, at := range attr {
		switch at.Key {
		case "xlink:actuate", "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show",
			"xlink:title", "xlink:type", "xml:lang", "xml:space", "xmlns:xlink":
			j := strings.IndexByte(at.Key, ':')
			attr[i].Namespace, attr[i].Key = at.Key[:j], at.Key[j+1:]
		}
	}
}

// The names svg and math write with capitals, which the tokenizer lowers.
var (
	svgTagNames = []string{"altGlyph", "altGlyphDef", "altGlyphItem", "animateColor",
		"animateMotion", "animateTransform", "clipPath", "feBlend", "feColorMatrix",
		"feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
		"feDisplacementMap", "feDistantLight", "feFlood", "feFuncA", "feFuncB", "feFuncG",
		"feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology",
		"feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
		"feTurbulence", "foreignObject", "glyphRef", "linearGradient", "radialGradient",
		"textPath"}
	svgAttributes = []string{"attributeName", "attributeType", "baseFrequency",
		"baseProfile", "calcMode", "clipPathUnits", "diffuseConstant", "edgeMode",
		"filterUnits", "glyphRef", "gradientTransform", "gradientUnits", "kernelMatrix",
		"kernelUnitLength", "keyPoints", "keySplines", "keyTimes", "lengthAdjust",
		"limitingConeAngle", "markerHeight", "markerUnits", "markerWidth",
		"maskContentUnits", "maskUnits", "numOctaves", "pathLength", "patternContentUnits",
		"patternTransform", "patternUnits", "pointsAtX", "pointsAtY", "pointsAtZ",
		"preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
		"repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures",
		"specularConstant", "specularExponent", "spreadMethod", "startOffset",
		"stdDeviation", "stitchTiles", "surfaceScale", "systemLanguage", "tableValues",
		"targetX", "targetY", "textLength", "viewBox", "viewTarget", "xChannelSelector",
		"yChannelSelector", "zoomAndPan"}
	mathMLAttributes = []string{"definitionURL"}
)
