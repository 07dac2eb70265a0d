package pdf

import (
	"context"
	"fmt"
	"sort"
	"unicode"

	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"

	"github.com/gongkai/gongkai/extract"
)

// pageResult is one page read into paragraphs and tables, top to bottom.
type pageResult struct {
	n             int
	width, height float64
	items         []item
	// the lines ending a page that may be the header of a borderless
	// table continued on the next page, and their items
	tail      []srcLine
	tailItems map[*textLine]bool
}

// item is a line of running text or a table on a page.
type item struct {
	top   float64
	line  *textLine
	table *ptable
}

// document reads every page, checks that the text layer is readable,
// stitches tables across page breaks and lays out the blocks. A document
// refused for an unreadable text layer comes back with the error and with
// the text that did decode (gongkai dump shows it; no record is made of it).
func (rd *reader) document(ctx context.Context, mode extract.OCRMode) (doc *extract.Document, err error) {
	n := len(rd.pages)
	defer rd.fonts.Done()
	doc = &extract.Document{Format: "pdf", Pages: n}
	var pages, unread []*pageResult
	var q quality
	var read, han int   // characters OCR read, and how many are Chinese
	var notChinese bool // OCR stops: the document is in another script
	var c *content.Content
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		scribble(c)
		c = content.Read(ctx, rd.pages[i-1], &rd.fonts)
		if c.Truncated {
			doc.Problems = append(doc.Problems, extract.Problem{Kind: "truncated", Page: i,
				Message: "pdf: the page's content is beyond any report's (millions of operators or glyphs): it was cut, what came before is kept"})
		}
		if c.Undecoded != nil {
			doc.Problems = append(doc.Problems, extract.Problem{Page: i, Message: "pdf: the page's content did not decode: " + c.Undecoded.Error() + "; what did is kept"})
			if q.undecoded == nil {
				q.undecoded = c.Undecoded
			}
		}
		doc.Images += c.Images
		if len(c.Chars) == 0 && len(c.Pictures) > 0 {
			q.pictures++
		}
		pq := measure(c.Chars)
		if paints(c) {
			q.painted++
		}
		ocrd := false
		if mode.Reads(pq.chars > 0 && !pq.unreadable()) && !notChinese && ocr.Available() {
			switch done, err := rd.ocrPage(ctx, i, c, pq); {
			case err != nil && ctx.Err() != nil:
				return nil, ctx.Err()
			case err != nil:
				if q.ocrErr == nil {
					q.ocrErr = err
				}
				doc.Problems = append(doc.Problems, extract.Problem{Page: i, Message: "pdf: OCR of the page: " + err.Error()})
			case done:
				ocrd = true
				doc.OCRPages++
				pq = measure(c.Chars)
				for _, ch := range c.Chars {
					read += len([]rune(ch.S))
					han += hanCount(ch.S)
				}
				// A report is in Chinese from its first page (its title).
				// Tesseract's seconds a page are not spent on the rest of
				// a document in another script, unless OCR is forced.
				if mode == extract.OCRAuto && read >= minNotChinese && han*20 < read && i < n {
					notChinese = true
					err := fmt.Errorf("OCR read %d characters on the first %d pages, %d of them Chinese: the other pages are not read, for this is no report in Chinese", read, i, han)
					if q.ocrErr == nil {
						q.ocrErr = err
					}
					doc.Problems = append(doc.Problems, extract.Problem{Page: i, Message: "pdf: " + err.Error()})
				}
			}
		}
		q.add(pq)
		if pq.unreadable() {
			doc.Problems = append(doc.Problems, extract.Problem{Page: i, Message: "pdf: the text layer of this page is unreadable (fonts without a Unicode mapping); OCR is needed"})
			// What does decode is kept for a refused document's dump, not
			// for a record: values on such a page are not trusted.
			unread = append(unread, analysePage(i, c))
			continue
		}
		pr := analysePage(i, c)
		if ocrd {
			pr.readByOCR(c.Chars)
		}
		pr.dropUnstitchable(pages)
		pages = append(pages, pr)
	}
	scribble(c)
	if err := q.check(n, mode); err != nil {
		if q.chars > 0 {
			pages = append(pages, unread...)
			sort.SliceStable(pages, func(i, j int) bool { return pages[i].n < pages[j].n })
			doc.Blocks = blocks(pages)
			return doc, err
		}
		return nil, err
	}
	dropRunning(pages)
	stitch(pages)
	doc.Blocks = blocks(pages)
	return doc, nil
}

// scribbling is set by a test: a page's characters are overwritten once
// the page is read, to show that nothing a document keeps points into
// them, for the next page's are gathered in their memory (content.Read).
var scribbling bool

func scribble(c *content.Content) {
	if scribbling && c != nil {
		for k := range c.Chars {
			c.Chars[k] = content.Char{S: "☠", X0: -1e6, X1: 1e6, Y0: -1e6, Y1: 1e6, Size: 1e6, OK: true}
		}
	}
}

// readByOCR gives each table cell of the page, whose characters OCR
// read, the confidence of its least sure character.
func (pr *pageResult) readByOCR(chars []content.Char) {
	for _, it := range pr.items {
		if it.table == nil {
			continue
		}
		for _, tc := range it.table.cells {
			for k := range chars {
				ch := &chars[k]
				x, y := (ch.X0+ch.X1)/2, (ch.Y0+ch.Y1)/2
				if ch.S != " " && x >= tc.box.X0 && x <= tc.box.X1 && y >= tc.box.Y0 && y <= tc.box.Y1 &&
					(tc.conf == nil || ch.Confidence < *tc.conf) {
					conf := ch.Confidence
					tc.conf = &conf
				}
			}
		}
	}
}

// minNotChinese is how many characters OCR must read, fewer than one in
// twenty of them Chinese (Tesseract reads a few in Latin script's specks),
// for a document to be taken as in another script.
const minNotChinese = 200

// hanCount is how many Chinese characters s has.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// analysePage finds the tables of a page and the paragraphs around them.
func analysePage(n int, c *content.Content) *pageResult {
	pr := &pageResult{n: n, width: c.Width, height: c.Height}
	dropGlyphSegs(c.Chars, &c.H, &c.V)
	grids := findGrids(c.H, c.V)
	var free, spaces []*content.Char
	for i := range c.Chars {
		ch := &c.Chars[i]
		if ch.S == " " {
			spaces = append(spaces, ch)
		}
		if !ch.OK || ch.S == " " {
			continue
		}
		placed := false
		for _, g := range grids {
			if g.contains(ch) {
				g.place(ch)
				placed = true
				break
			}
		}
		if !placed {
			free = append(free, ch)
		}
	}
	for _, g := range grids {
		g.fill()
		if t := fromGrid(n, g); !t.empty() {
			pr.items = append(pr.items, item{top: g.top(), table: t})
		}
	}
	lines := buildLines(free)
	lines = dropPageNumbers(lines, c.Height)
	var tail []*line
	if len(grids) == 0 {
		var ts []*ptable
		ts, lines = streamTables(n, lines)
		for _, t := range ts {
			pr.items = append(pr.items, item{top: t.top, table: t})
		}
		if len(lines) > 0 && (len(ts) == 0 || ts[len(ts)-1].top > lines[len(lines)-1].y1) {
			tail = headerTail(lines)
		}
	}
	for _, l := range lines {
		if t := newTextLine(l, spaces); t.text != "" {
			pr.items = append(pr.items, item{top: l.y1, line: t})
			if len(tail) > 0 && l.y1 <= tail[0].y1 {
				if pr.tailItems == nil {
					pr.tailItems = map[*textLine]bool{}
				}
				pr.tailItems[t] = true
			}
		}
	}
	if len(tail) > 0 {
		t := &ptable{}
		tl := make([]tline, len(tail))
		for i, l := range tail {
			tl[i] = splitRuns(l)
			tl[i].page = n
		}
		t.keepLines(tl)
		pr.tail = t.src
	}
	sort.SliceStable(pr.items, func(i, j int) bool { return pr.items[i].top > pr.items[j].top })
	return pr
}

// dropUnstitchable lets go of the lines a borderless table keeps for
// stitching when it cannot be stitched, so that a long document does not
// hold every page's characters to the end (a 352-page book, every page's
// prose read as a borderless table, kept 52 MB so). Tables meet another
// page's only as a page's first or last item — running headers and
// footers, lines in the margins, aside, as dropRunning drops no other —
// and a stitch needs value columns on both sides, or a header ending the
// page before (the last of before, the pages analysed so far).
func (pr *pageResult) dropUnstitchable(before []*pageResult) {
	var prev *pageResult
	if len(before) > 0 {
		prev = before[len(before)-1]
	}
	first, last := -1, -1
	for i, it := range pr.items {
		if it.line == nil || !inMargin(it.line.y0, it.line.y1, pr.height) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, it := range pr.items {
		t := it.table
		if t == nil || t.src == nil {
			continue
		}
		underHeader := i == first && prev != nil && prev.n == pr.n-1 && len(prev.tail) > 0
		stream := len(t.vcols) > 0 && (i == first || i == last)
		if !underHeader && !stream {
			t.src = nil
		}
	}
}
