package pdf

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"

	"github.com/gongkai/gongkai/extract"
)

// Paragraphs are rebuilt from the layout of the running text, over the whole
// document so that a paragraph cut by a page break is one again. A line
// continues the paragraph above it unless something says it starts a new
// one: the line above stopped short of the right margin (the next line's
// first word would have fitted), this line is indented, it sits further
// below than the line spacing, its size differs, or it starts a numbered
// heading after a sentence ended. Title lines (larger than the body text)
// join each other.

// textLine is one line of running text, kept in a compact form once its
// page's characters are released.
type textLine struct {
	text                 string
	x0, x1, y0, y1, base float64
	size                 float64
	lead                 float64 // width of its first unbreakable unit
	trail                bool    // a space was printed after its last character
}

func newTextLine(l *line, spaces []*content.Char) *textLine {
	t := &textLine{text: l.text(), x0: l.x0, x1: l.x1, y0: l.y0, y1: l.y1, base: l.base(), size: l.size,
		lead: leadWidth(l.chars)}
	last := l.chars[len(l.chars)-1]
	for _, s := range spaces {
		if absf(s.Base-last.Base) < 0.2*last.Size && s.X0 >= last.X1-0.2*last.Size && s.X0 < last.X1+0.5*last.Size {
			t.trail = true
			break
		}
	}
	return t
}

// noStart holds the characters a CJK line may not begin with: a layout
// that wraps moves the character before them down too.
const noStart = "，。、；：？！）》」』】〕”’…%,.;:?!)]}"

// leadWidth is the width of a line's first unit that a wrapping layout
// could not have split: a CJK character or a Latin word, with the
// punctuation that may not start a line.
func leadWidth(cs []*content.Char) float64 {
	if len(cs) == 0 {
		return 0
	}
	i := 1
	if isWordRune(firstRune(cs[0].S)) {
		for i < len(cs) && isWordRune(firstRune(cs[i].S)) && cs[i].X0-cs[i-1].X1 < 0.2*cs[i].Size {
			i++
		}
	}
	for i < len(cs) && strings.ContainsRune(noStart, firstRune(cs[i].S)) {
		i++
	}
	return cs[i-1].X1 - cs[0].X0
}

func isWordRune(r rune) bool {
	return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("@._-/:%", r))
}

// layout is what paragraph building measures over the pages of one width.
type layout struct {
	body        float64         // the most common text size
	left, right float64         // the text column's edges
	pitch       map[int]float64 // usual baseline distance, by text size
}

// measureLayouts measures the running text of pages of each width.
func measureLayouts(pages []*pageResult) map[int]*layout {
	groups := map[int][]*pageResult{}
	for _, p := range pages {
		k := int(p.width + 0.5)
		groups[k] = append(groups[k], p)
	}
	out := map[int]*layout{}
	for k, ps := range groups {
		out[k] = measureLayout(ps)
	}
	return out
}

func measureLayout(pages []*pageResult) *layout {
	lo := &layout{pitch: map[int]float64{}}
	var sizes []float64
	for _, p := range pages {
		for _, it := range p.items {
			if it.line != nil {
				for range utf8.RuneCountInString(it.line.text) {
					sizes = append(sizes, it.line.size)
				}
			}
		}
	}
	if len(sizes) == 0 {
		return lo
	}
	lo.body = median(sizes)
	var x0s, x1s []float64
	gaps := map[int][]float64{}
	for _, p := range pages {
		var prev *textLine
		for _, it := range p.items {
			l := it.line
			if l == nil {
				prev = nil
				continue
			}
			if absf(l.size-lo.body) <= 0.1*lo.body {
				x0s, x1s = append(x0s, l.x0), append(x1s, l.x1)
			}
			if prev != nil && absf(prev.size-l.size) <= 0.1*l.size {
				if d := prev.base - l.base; d > 0.8*l.size && d < 3*l.size {
					gaps[sizeKey(l.size)] = append(gaps[sizeKey(l.size)], d)
				}
			}
			prev = l
		}
	}
	lo.left = leftEdge(x0s)
	sort.Float64s(x1s)
	if len(x1s) > 0 {
		lo.right = x1s[len(x1s)*9/10]
	}
	for k, g := range gaps {
		sort.Float64s(g)
		lo.pitch[k] = g[len(g)*3/10] // lines within paragraphs outnumber the gaps between them
	}
	return lo
}

func sizeKey(s float64) int { return int(s*2 + 0.5) }

func median(s []float64) float64 {
	sort.Float64s(s)
	return s[len(s)/2]
}

// leftEdge is the leftmost x where several lines start: the margin, not a
// stray line further left.
func leftEdge(x0s []float64) float64 {
	if len(x0s) == 0 {
		return 0
	}
	sort.Float64s(x0s)
	need := max(2, len(x0s)/10)
	for i := range x0s {
		n := 0
		for j := i; j < len(x0s) && x0s[j]-x0s[i] <= 2; j++ {
			n++
		}
		if n >= need {
			return x0s[i]
		}
	}
	return x0s[0]
}

// continues reports whether line b goes on with the paragraph whose last
// line is a; n is the number of lines the paragraph has so far. Across a
// page break (samePage false) the vertical distance says nothing.
func (lo *layout) continues(a, b *textLine, n int, samePage bool) bool {
	if absf(a.size-b.size) > 0.1*a.size {
		return false
	}
	em := a.size
	if samePage {
		d, lim := a.base-b.base, 2*em
		if p := lo.pitch[sizeKey(a.size)]; p > 0 {
			lim = 1.2 * p
		}
		if d <= 0 || d > lim {
			return false
		}
	}
	switch {
	case a.size > 1.15*lo.body: // title lines: centred and short
		return samePage
	case lo.right-a.x1 > b.lead+0.5*em: // the next word would have fitted
		return false
	case b.x0 > a.x0+em: // indented further than the line above
		return false
	case b.x0 > lo.left+em && (n == 1 || absf(b.x0-a.x0) > 0.5*em): // a first-line indent
		return false
	case startsHeading(b.text) && endsSentence(a.text):
		return false
	}
	return true
}

// startsHeading matches the numbering of headings and items: "一、",
// "（二）", "(三)", "1." "2、" (but not a decimal such as "1.5").
func startsHeading(s string) bool {
	rest, ok := afterItem(s)
	return ok && !isDigit(firstRune(rest))
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\"'）)】」』 ")
	return strings.ContainsRune("。！？；：.!?;:", lastRune(s))
}

// joinWrapped joins a wrapped line to the text before it: CJK without a
// space; Latin words with one; a number, a hyphenated or slashed word cut
// by the wrap without one, unless a space was printed there.
func joinWrapped(a string, trail bool, b string) string {
	ra, rb := lastRune(a), firstRune(b)
	switch {
	case wide(ra) || wide(rb):
	case trail:
		a += " "
	case isDigit(ra) && isDigit(rb), ra == '-', ra == '/':
	default:
		a += " "
	}
	return a + b
}

// paraBuilder collects lines into paragraphs in reading order.
type paraBuilder struct {
	lays   map[int]*layout
	blocks []extract.Block
	cur    *extract.Paragraph
	last   *textLine
	lo     *layout
	n      int  // lines in cur
	atEnd  bool // last was the final item of its page
	lastPg int
}

func (pb *paraBuilder) add(page *pageResult, l *textLine, first bool) {
	lo := pb.lays[int(page.width+0.5)]
	if pb.cur != nil && lo == pb.lo {
		same := page.n == pb.lastPg
		next := page.n == pb.lastPg+1 && first && pb.atEnd
		if (same || next) && lo.continues(pb.last, l, pb.n, same) {
			pb.cur.Text = joinWrapped(pb.cur.Text, pb.last.trail, l.text)
			pb.last, pb.n, pb.lastPg = l, pb.n+1, page.n
			return
		}
	}
	pb.close()
	pb.cur = &extract.Paragraph{Text: l.text, Page: page.n}
	pb.last, pb.n, pb.lo, pb.lastPg = l, 1, lo, page.n
}

func (pb *paraBuilder) close() {
	if pb.cur != nil {
		pb.blocks = append(pb.blocks, extract.Block{Para: pb.cur})
		pb.cur = nil
	}
}

// blocks lays the pages out as paragraphs and tables.
func blocks(pages []*pageResult) []extract.Block {
	pb := &paraBuilder{lays: measureLayouts(pages)}
	ntables := 0
	for _, p := range pages {
		for i, it := range p.items {
			if it.table != nil {
				pb.close()
				if it.table.into == nil {
					ntables++
					pb.blocks = append(pb.blocks, extract.Block{Table: it.table.export(ntables)})
				}
				continue
			}
			pb.add(p, it.line, i == 0)
			pb.atEnd = i == len(p.items)-1
		}
	}
	pb.close()
	return pb.blocks
}
