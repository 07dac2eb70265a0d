package pdf

import (
	"fmt"

	lpdf "github.com/ledongthuc/pdf"
)

// readPage interprets page n (1-based). A panic inside the object model or
// the interpreter loses this page only.
func (rd *reader) readPage(n int) (c *content, err error) {
	defer func() {
		if p := recover(); p != nil {
			c, err = nil, fmt.Errorf("page %d: cannot be read: %v", n, p)
		}
	}()
	p := rd.r.Page(n)
	if p.V.IsNull() {
		return nil, fmt.Errorf("page %d: missing from the page tree", n)
	}
	c = &content{}
	box := inherited(p.V, "MediaBox")
	if box.Len() == 4 {
		c.width = box.Index(2).Float64() - box.Index(0).Float64()
		c.height = box.Index(3).Float64() - box.Index(1).Float64()
	}
	in := &interp{fonts: &rd.fonts, out: c}
	in.gs = gstate{ctm: identity, th: 1}
	in.run(p.V.Key("Contents"), inherited(p.V, "Resources"))
	return c, nil
}

// inherited looks a page attribute up the page tree.
func inherited(v lpdf.Value, key string) lpdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return lpdf.Value{}
}
