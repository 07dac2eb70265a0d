package pdf

// readPage interprets page n (1-based).
func (rd *reader) readPage(n int) *content {
	p := rd.pages[n-1]
	c := &content{}
	if box := p.MediaBox; box.Len() == 4 {
		c.width = box.Index(2).Float64() - box.Index(0).Float64()
		c.height = box.Index(3).Float64() - box.Index(1).Float64()
	}
	in := &interp{fonts: &rd.fonts, out: c}
	in.gs = gstate{ctm: identity, th: 1}
	in.run(p.Dict.Key("Contents"), p.Resources)
	return c
}
