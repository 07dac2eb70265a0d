package object

import (
	"context"
	"errors"
)

// Page is a leaf of the page tree, with the attributes it inherits from
// the nodes above it.
type Page struct {
	Dict      Value
	Resources Value
	MediaBox  Value
	Rotate    int
}

// ErrNoPages says the page tree holds no page.
var ErrNoPages = errors.New("no pages")

// maxTreeDepth bounds the nesting of the page tree; real files have a few
// levels.
const maxTreeDepth = 64

// Pages walks the page tree once, in document order. Loops (a node that
// is its own kid or ancestor) and nodes seen twice are cut; /Count is not
// trusted: the number of pages is bounded by what the file can hold, so an
// absurd count allocates nothing.
func (f *File) Pages(ctx context.Context) ([]Page, error) {
	root := f.Root().Key("Pages")
	if root.IsNull() {
		return nil, ErrNoPages
	}
	// A page object takes at least ~20 bytes: no file holds more pages.
	maxPages := int(min(f.src.size/20+1, 1<<20))
	var pages []Page
	seen := map[int]bool{}
	var walk func(node Value, inh Page, depth int) error
	walk = func(node Value, inh Page, depth int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if node.Kind() != Dict || depth > maxTreeDepth || len(pages) >= maxPages {
			return nil
		}
		if id := node.ID(); id > 0 {
			if seen[id] {
				return nil
			}
			seen[id] = true
		}
		if r := node.Key("Resources"); !r.IsNull() {
			inh.Resources = r
		}
		if b := node.Key("MediaBox"); b.Len() == 4 {
			inh.MediaBox = b
		}
		if r := node.Key("Rotate"); r.Kind() == Number {
			inh.Rotate = r.Int()
		}
		kids := node.Key("Kids")
		if t := node.Key("Type").Name(); t == "Page" || t != "Pages" && kids.Kind() != Array {
			inh.Dict = node
			pages = append(pages, inh)
			return nil
		}
		for i := 0; i < kids.Len(); i++ {
			if err := walk(kids.Index(i), inh, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, Page{}, 0); err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, ErrNoPages
	}
	return pages, nil
}
