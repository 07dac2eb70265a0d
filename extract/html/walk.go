package html

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/gongkai/gongkai/extract"
)

// Walk turns a parsed page into a Document. Tables that hold other tables
// are page layout, not data: their own text becomes paragraphs and only the
// innermost tables become Tables.
func Walk(root *html.Node) *extract.Document {
	w := &walker{doc: &extract.Document{Format: "html", Title: pageTitle(root), Published: published(root)}}
	w.node(root)
	w.flush()
	return w.doc
}

type walker struct {
	doc  *extract.Document
	text []byte // the paragraph's text so far, in memory used again paragraph after paragraph
}

// skipped elements hold no report text.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Object: true, atom.Select: true,
	atom.Svg: true, atom.Button: true,
}

// block elements end the paragraph before and after them.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.Dd: true, atom.Dt: true, atom.Caption: true, atom.Center: true, atom.Nav: true,
}

func (w *walker) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text = append(w.text, n.Data...)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || isHidden(n) {
			return
		}
		if n.DataAtom == atom.Img {
			w.doc.Images++
		}
		if n.DataAtom == atom.Table && !hasTable(n) {
			w.flush()
			w.table(n)
			return
		}
	}
	isBlock := n.Type == html.ElementNode && block[n.DataAtom]
	if isBlock {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if isBlock {
		w.flush()
	}
}

// isCell says n is a table cell, td or th.
func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

func (w *walker) flush() {
	t := clean(string(w.text))
	w.text = w.text[:0]
	if t != "" {
		w.doc.Blocks = append(w.doc.Blocks, extract.Block{Para: &extract.Paragraph{Text: t}})
	}
}

// table reads one data table: its rows and cells in document order,
// skipping rows of nested sections that belong to another table.
func (w *walker) table(t *html.Node) {
	var rows [][]extract.Cell
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipped[c.DataAtom] {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				n := 0
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if isCell(td) {
						n++
					}
				}
				var row []extract.Cell
				if n > 0 {
					row = make([]extract.Cell, 0, n) // made once: grown cell by cell, rows were a twentieth of a report's bytes
				}
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if isCell(td) {
						row = append(row, extract.Cell{
							Text:    cellText(td),
							RowSpan: attrInt(td, "rowspan"),
							ColSpan: attrInt(td, "colspan"),
						})
					}
				}
				rows = append(rows, row)
			case atom.Caption:
				// A caption is a title line above the table.
				if t := clean(textOf(c)); t != "" {
					w.doc.Blocks = append(w.doc.Blocks, extract.Block{Para: &extract.Paragraph{Text: t}})
				}
			default: // thead, tbody, tfoot, and the stray wrappers of broken markup
				visit(c)
			}
		}
	}
	visit(t)
	if len(rows) == 0 {
		return
	}
	index := len(w.doc.Tables()) + 1
	w.doc.Blocks = append(w.doc.Blocks, extract.Block{Table: extract.NewTable(index, 0, rows)})
}

// cellText joins a cell's text; block boundaries inside the cell (p, br,
// div) become spaces, which normalize removes between Chinese characters.
func cellText(n *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if skipped[n.DataAtom] || isHidden(n) {
				return
			}
			if block[n.DataAtom] {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if n.Type == html.ElementNode && block[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	visit(n)
	return clean(b.String())
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

func hasTable(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Table || hasTable(c)) {
			return true
		}
	}
	return false
}

// isHidden spots display:none, which Word-exported pages and portals use
// for content that is not shown.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "style" && displayNone(a.Val) {
			return true
		}
		if a.Key == "hidden" {
			return true
		}
	}
	return false
}

// displayNone says a style holds display:none, in any case and with any
// spaces, as lowering it and taking its spaces out would find. Word's HTML
// gives every cell a long style, so this reads it in place: lowering and
// copying it was 5% of converting a report (TestDisplayNone).
func displayNone(style string) bool {
	const want = "display:none"
	for start := 0; start < len(style); start++ {
		if c := style[start] | 0x20; c != 'd' {
			continue
		}
		k := 0
		for i := start; i < len(style) && k < len(want); {
			if style[i] == ' ' {
				i++
				continue
			}
			c, n := lowered(style, i)
			if c != want[k] {
				break
			}
			i, k = i+n, k+1
		}
		if k == len(want) {
			return true
		}
	}
	return false
}

// lowered returns the byte at s[i] as lowering s writes it, when that is
// ASCII — an ASCII letter; İ, which Go lowers to i; the Kelvin sign, to k:
// no other character lowers to ASCII — else the byte itself, with the bytes
// it takes. Markup is matched in any case with it, in place, not in a
// lowered copy.
func lowered[T string | []byte](s T, i int) (c byte, n int) {
	switch c = s[i]; {
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A', 1
	case c == 0xc4 && i+1 < len(s) && s[i+1] == 0xb0: // İ
		return 'i', 2
	case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x84 && s[i+2] == 0xaa: // K
		return 'k', 3
	}
	return c, 1
}

// clean is s with its runs of white space (&nbsp; and the ideographic
// space among them) made one space, and none at either end: s itself when
// it is so already, as most text is, else one copy (splitting it into
// words and joining them made two copies and a slice).
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is owed before the next word
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isClean says s has no white space but single spaces between words.
func isClean(s string) bool {
	for i, last := 0, true; i < len(s); { // last: the rune before was white space
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		space := isSpace(r)
		if space && (r != ' ' || last) {
			return false
		}
		last = space
		i += n
		if i == len(s) && space {
			return false
		}
	}
	return true
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', '\u200b', '\ufeff':
		return true
	}
	return false
}

// pageTitle is the text of the page's <title>, which sits in <head> where
// the walk does not go.
func pageTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		return clean(textOf(n))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := pageTitle(c); t != "" {
			return t
		}
	}
	return ""
}

// publishedNames are the <meta> names Chinese government sites and
// publishing systems put a page's publication date under.
var publishedNames = []string{"pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "dcterms.issued"}

// datePrefix is a date at the start of a value: 2024-03-08, 2024/3/8,
// 2024年3月8日.
var datePrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})`) })

// published is the page's publication date from its <meta> tags, as
// YYYY-MM-DD.
func published(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
		var name, content string
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "name", "property":
				name = strings.ToLower(a.Val)
			case "content":
				content = a.Val
			}
		}
		if slices.Contains(publishedNames, name) {
			if m := datePrefix().FindStringSubmatch(content); m != nil {
				y, _ := strconv.Atoi(m[1])
				mo, _ := strconv.Atoi(m[2])
				d, _ := strconv.Atoi(m[3])
				if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
					return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if p := published(c); p != "" {
			return p
		}
	}
	return ""
}
