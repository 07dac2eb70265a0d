package content

import (
	"context"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
	"github.com/gongkai/gongkai/internal/freelist"
)

// Read interprets a page's content streams: the characters it shows and the
// ruling lines it draws, in page space. fonts is shared by a document's
// pages, so that a font used on every page is parsed once, and so is the
// buffer the characters are gathered in: Content.Chars is valid until the
// next Read with the same fonts, or fonts.Done.
// It stops when ctx is done, or at the page's budget of operators,
// characters and segments (Content.Truncated).
func Read(ctx context.Context, p object.Page, fonts *Fonts) *Content {
	c := &Content{}
	if box := p.MediaBox; box.Len() == 4 {
		c.Width = box.Index(2).Float64() - box.Index(0).Float64()
		c.Height = box.Index(3).Float64() - box.Index(1).Float64()
	}
	if fonts.chars == nil {
		fonts.chars, _ = charBufs.Get()
	}
	c.Chars = fonts.chars[:0]
	in := &interp{fonts: fonts, out: c, ctx: ctx}
	in.gs = gstate{ctm: identity, th: 1}
	in.run(p.Dict.Key("Contents"), p.Resources)
	in.annotations(p.Dict.Key("Annots"), p.Resources)
	fonts.chars = c.Chars[:0]
	if len(c.Chars) == 0 {
		c.Chars = nil
	}
	return c
}

// Fonts holds decoded fonts by font object, so that a font used on
// every page is parsed once, and two pages using the resource name /F1 for
// different fonts get different entries.
type Fonts struct {
	m map[int]*font
	// chars is where a page's characters are gathered, kept for the next
	// page: a page's characters are read before the next page's (the
	// tables and lines made of them keep text and copies). Appending to a
	// slice of a page's own allocated each page's characters about twice
	// over, a fifth of a document's garbage, and a copy of each page's a
	// tenth.
	chars []Char
}

// charBufs holds the buffers of documents done (Fonts.Done), so that the
// next document's first page does not grow one again.
var charBufs = freelist.New[[]Char](4)

// maxKeptChars bounds a buffer kept for the next document (1.3 MB).
const maxKeptChars = 1 << 14

// Done gives the document's character buffer back for the next document;
// the last page's characters are not valid after it.
func (c *Fonts) Done() {
	if b := c.chars[:cap(c.chars)]; len(b) > 0 && len(b) <= maxKeptChars {
		clear(b) // the strings of this document's characters
		charBufs.Put(b[:0])
	}
	c.chars = nil
}

func (c *Fonts) get(v object.Value) *font {
	if v.Kind() != object.Dict {
		return nil
	}
	id := v.ID()
	if id == 0 {
		return loadFont(v) // a font dictionary written inside the resources
	}
	if f, ok := c.m[id]; ok {
		return f
	}
	if c.m == nil {
		c.m = map[int]*font{}
	}
	f := loadFont(v)
	c.m[id] = f
	return f
}
