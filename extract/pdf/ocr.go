package pdf

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"
	"github.com/gongkai/gongkai/extract/pdf/internal/object"
)

// A page without a text layer whose picture covers it (a scan) is read by
// OCR into the characters and ruling segments a text layer would give, so
// that the same layout and table reading follows.

// minScanCover is the share of the page a picture must cover to be read as
// the page's scan.
const minScanCover = 0.5

// minPainted is how many subpaths a page without text must paint to be
// rendered for OCR: text drawn as outlines paints one to three a glyph; a
// page with a rule or a logo, a few.
const minPainted = 20

// paints says the page draws what may be text, as outlines or pictures,
// without a text layer for it.
func paints(c *content.Content) bool {
	var cover float64
	for i := range c.Pictures {
		cover += area(&c.Pictures[i])
	}
	return c.Painted >= minPainted || cover >= minScanCover*c.Width*c.Height
}

// ocrPage fills c by OCR, in place of its text layer: from the page's
// largest picture when that covers the page (a scan), decoded exactly;
// from the page rendered by pdftoppm when the picture is in a form not
// decoded here, or when the page has no scan but its text is unreadable
// or drawn. It says nothing was done when the page has nothing to read.
func (rd *reader) ocrPage(ctx context.Context, n int, c *content.Content, pq quality) (bool, error) {
	if c.Width <= 0 || c.Height <= 0 {
		return false, nil
	}
	var best *content.Picture
	for i := range c.Pictures {
		p := &c.Pictures[i]
		if best == nil || area(p) > area(best) {
			best = p
		}
	}
	var err error
	if best != nil && area(best) >= minScanCover*c.Width*c.Height {
		var img image.Image
		if img, err = decodePicture(best.Image); err == nil {
			layer := c.Chars
			c.Chars = nil
			if err := ocrInto(ctx, c, img, *best); err != nil {
				c.Chars = layer
				return false, err
			}
			return true, nil
		}
		if !errors.Is(err, errPictureFormat) && !errors.Is(err, object.ErrFilter) {
			return false, err
		}
	} else if !(pq.unreadable() || pq.chars == 0 && paints(c)) {
		return false, nil
	}
	img, dpi, rerr := render(ctx, rd.src, rd.size, n, c.Width, c.Height)
	if rerr != nil {
		if err != nil {
			return false, fmt.Errorf("%v, and %w", err, rerr)
		}
		return false, rerr
	}
	// The render is the page as a viewer shows it (rotated, cropped to its
	// media box): it replaces all the page's content.
	w, h := float64(img.Rect.Dx())*72/dpi, float64(img.Rect.Dy())*72/dpi
	saved := *c
	c.Chars, c.H, c.V, c.Width, c.Height = nil, nil, nil, w, h
	if err := ocrInto(ctx, c, img, content.Picture{X1: w, Y1: h}); err != nil {
		*c = saved
		return false, err
	}
	return true, nil
}

// ocrInto reads img, shown in the box of pic on the page, into c's
// characters and segments.
func ocrInto(ctx context.Context, c *content.Content, img image.Image, pic content.Picture) error {
	best := &pic
	g, _ := ocr.Deskew(ocr.Gray(img))
	h, v := ocr.Lines(g)
	clean := &image.Gray{Pix: append([]byte(nil), g.Pix...), Stride: g.Stride, Rect: g.Rect}
	ocr.Erase(clean, h, v)
	area, ruled := tableArea(h, v, clean.Rect)
	// The page is read while its cells are (readCells waits for it only
	// when it needs the page's words): Tesseract runs as many programs at
	// once as there are CPUs.
	var words []ocr.Word
	var perr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		perr = safely(func() error {
			var err error
			words, err = readPage(ctx, clean, area, ruled)
			return err
		})
	}()
	page := func() ([]ocr.Word, error) { <-read; return words, perr }
	w, ht := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	sx, sy := (best.X1-best.X0)/w, (best.Y1-best.Y0)/ht
	px := func(x int) float64 { return best.X0 + float64(x)*sx }
	py := func(y int) float64 { return best.Y1 - float64(y)*sy } // image rows run down
	for _, l := range h {
		c.H = append(c.H, content.Seg{X0: px(l.X0), Y0: py(l.Y0), X1: px(l.X1), Y1: py(l.Y0)})
	}
	for _, l := range v {
		c.V = append(c.V, content.Seg{X0: px(l.X0), Y0: py(l.Y1), X1: px(l.X0), Y1: py(l.Y0)})
	}
	// The cells of ruled tables are read by themselves too (laid out in
	// strips, see readCells): read as part of the page, a row's cells run
	// together, and a blurred digit between two rules is lost.
	toPx := func(x, y float64) (int, int) {
		return int(math.Round((x - best.X0) / sx)), int(math.Round((best.Y1 - y) / sy))
	}
	cells, err := readCells(ctx, clean, findGrids(c.H, c.V), toPx, page)
	if _, perr := page(); err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	words, unread := pickReadings(words, cells)
	clipOverlaps(words)
	closeGaps(words, area)
	for _, wd := range words {
		lost := false
		for _, r := range unread {
			lost = lost || center(wd).In(r)
		}
		c.Chars = append(c.Chars, wordChars(wd, px(wd.X0), px(wd.X1), py(wd.Y1), py(wd.Y0), lost)...)
	}
	return nil
}

// readPage reads the page in the Chinese model and, where it has a ruled
// table, the table's area for digits only, taking the digits where they
// are the better reading (ocr.Merge).
func readPage(ctx context.Context, clean *image.Gray, area image.Rectangle, ruled bool) ([]ocr.Word, error) {
	var words, digits []ocr.Word
	err := parallel(
		func() (err error) {
			words, err = readOne(ctx, ocr.Block, clean)
			levelLines(words)
			return err
		},
		func() (err error) {
			if ruled {
				digits, err = readOne(ctx, ocr.Figures, clean.SubImage(area))
			}
			return err
		})
	if err != nil || !ruled {
		return words, err
	}
	for i := range digits {
		d := &digits[i]
		d.X0, d.X1, d.Y0, d.Y1 = d.X0+area.Min.X, d.X1+area.Min.X, d.Y0+area.Min.Y, d.Y1+area.Min.Y
	}
	return ocr.Merge(words, digits), nil
}

// levelLines gives the words of each line Tesseract read one top and one
// bottom, the line's middling ones. Tesseract boxes a word by its ink,
// and in a title set large one word's box can reach a third lower than
// its neighbour's (年 beside 信息): taken as they are, the page's text
// lines would break the title in two. A word whose box is not across the
// line's middle keeps its own.
func levelLines(words []ocr.Word) {
	type key struct{ b, p, l int }
	lines := map[key][]int{}
	for i, w := range words {
		k := key{w.Block, w.Paragraph, w.Line}
		lines[k] = append(lines[k], i)
	}
	for _, idx := range lines {
		if len(idx) < 2 {
			continue
		}
		tops, bottoms := make([]int, len(idx)), make([]int, len(idx))
		for j, i := range idx {
			tops[j], bottoms[j] = words[i].Y0, words[i].Y1
		}
		slices.Sort(tops)
		slices.Sort(bottoms)
		top, bottom := tops[len(tops)/2], bottoms[len(bottoms)/2]
		mid := (top + bottom) / 2
		for _, i := range idx {
			if w := &words[i]; w.Y0 <= mid && w.Y1 >= mid {
				w.Y0, w.Y1 = top, bottom
			}
		}
	}
}

// parallel runs the functions at once and returns their errors, joined.
func parallel(fs ...func() error) error {
	errs := make([]error, len(fs))
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Go(func() { errs[i] = safely(f) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// safely runs f, returning a panic in it as the registry's recover would
// (extract.PanicError): a panic in a goroutine of its own is beyond that
// recover, and would end the run.
func safely(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &extract.PanicError{Format: "pdf", Value: p, Stack: debug.Stack()}
		}
	}()
	return f()
}

// wordChars spreads a word's characters evenly over its box, x0 to x1
// and bottom to top on the page. A character is no taller than twice its
// width: a word boxed as tall as its line (3001 beside a tall 、) would
// otherwise seem set so large that its 0 0 read as one 0 printed twice.
func wordChars(wd ocr.Word, x0, x1, bottom, top float64, unread bool) []content.Char {
	rs := []rune(wd.Text)
	step := (x1 - x0) / float64(len(rs))
	size := min(top-bottom, 2*step)
	cs := make([]content.Char, len(rs))
	for i, r := range rs {
		x := x0 + float64(i)*step
		cs[i] = content.Char{S: string(r), X0: x, X1: x + step, Y0: bottom, Y1: top,
			Base: bottom, Size: size, OK: true, Upright: true, Confidence: wd.Confidence, Unread: unread}
	}
	return cs
}

// cellReading is a cell's box in the image and the words read in it by
// itself.
type cellReading struct {
	box     image.Rectangle
	words   reading
	figure  bool // the cell is in a column of figures
	below   bool // and below a figure of it: no header
	settled bool // its figure was put to the vote, the page's reading among the votes
}

// pickReadings keeps, cell by cell, the surer of two readings: the words
// the page's reading placed in the cell, or the cell's own. Neither is
// always better — a label reads better in its line of the page, where
// Tesseract sees more of the script; a lone blurred figure better by
// itself — and Tesseract says how sure it is of each word.
//
// It also returns the boxes of the cells of a column of figures whose
// reading is still no figure but a speck of one: figures OCR could not
// read, whose text is kept but not taken for a label.
func pickReadings(page []ocr.Word, cells []cellReading) (words []ocr.Word, unread []image.Rectangle) {
	drop := make([]bool, len(page))
	var out []ocr.Word
	for _, c := range cells {
		var pw reading // the page's words in the cell, each taken once
		for i, w := range page {
			if !drop[i] && center(w).In(c.box) {
				pw, drop[i] = append(pw, w), true
			}
		}
		pick, onPage := c.words.withoutMarks(), pw.withoutMarks()
		pageNum, cellNum := isNumber(onPage.text()), isNumber(pick.text())
		other := onPage.text()
		if pageNum {
			other = pick.text()
		}
		switch {
		case c.figure && pageNum != cellNum && len([]rune(other)) <= 3:
			// In a column of figures, the figure over a speck of a reading
			// (IT, ], 了 for a 1); a header's words stay words.
			if pageNum {
				pick = onPage
			}
		case c.figure && pageNum && cellNum && onPage.sureness() < noEvidence:
			// The page's figure, read that unsure, is no evidence against
			// the cell's, however that was read (by its shape, say).
		case c.settled && cellNum:
			// The vote heard the page's reading already.
		case len(c.words) == 0 || len(pw) > 0 && pw.sureness() >= c.words.sureness():
			pick = onPage // the page's reading stays
		}
		// The words stay in their cell: a cell's own reading is placed
		// back by its strip's boxes, which can reach past the cell's rule
		// (未 at the end of a label pressed against it, then read as part
		// of the next cell's 0).
		in := c.box.Inset(cellReach)
		for i := range pick {
			w := &pick[i]
			w.X0, w.X1 = min(max(w.X0, in.Min.X), in.Max.X), max(min(w.X1, in.Max.X), in.Min.X)
			w.Y0, w.Y1 = min(max(w.Y0, in.Min.Y), in.Max.Y), max(min(w.Y1, in.Max.Y), in.Min.Y)
		}
		switch t := pick.text(); {
		case c.below && t == "":
			// Ink that no pass read: a figure lost, not a blank (a blank
			// is the template's 0, which would then be invented).
			pick = reading{{Text: "\ufffd", X0: c.box.Min.X + 5, Y0: c.box.Min.Y + 5, X1: c.box.Max.X - 5, Y1: c.box.Max.Y - 5}}
			unread = append(unread, c.box)
		case c.below && !isNumber(t) && speck(t):
			unread = append(unread, c.box)
		}
		out = append(out, pick...)
	}
	// A line of the page's words outside every cell that holds nothing
	// but specks (a character or two read as a guess) is a rough scan's
	// noise, or a shaded cell's: read as text, it would stand between a
	// table and its rows continued on the next page.
	line := func(w ocr.Word) [3]int { return [3]int{w.Block, w.Paragraph, w.Line} }
	guess := func(w ocr.Word) bool { return w.Confidence < noEvidence && utf8.RuneCountInString(w.Text) <= 2 }
	worded := map[[3]int]bool{} // lines with a word that is no guess
	for i, w := range page {
		if !drop[i] && !guess(w) {
			worded[line(w)] = true
		}
	}
	for i, w := range page {
		if !drop[i] && worded[line(w)] {
			out = append(out, w)
		}
	}
	return out, unread
}

// speck says a cell's reading is what a figure OCR could not read comes
// out as (IT, ], 了 for a 1): a few characters, a Chinese one at most.
// Words (本年增, 采购总: a block's header cut short, under the figures of
// the block above) are no speck.
func speck(t string) bool {
	han := 0
	for _, r := range t {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return utf8.RuneCountInString(t) <= 3 && han <= 1
}

// cellReach is how far past its crop a cell's box reaches when the page's
// words are weighed against its own: over its rule.
const cellReach = 5

// noEvidence is the confidence below which Tesseract's reading of a
// figure is a guess.
const noEvidence = 30

// center is the middle of a word's box.
func center(w ocr.Word) image.Point { return image.Pt((w.X0+w.X1)/2, (w.Y0+w.Y1)/2) }

// reading is the words OCR read in one cell.
type reading []ocr.Word

// text is the reading's words run together.
func (r reading) text() string {
	var b strings.Builder
	for _, w := range r {
		b.WriteString(w.Text)
	}
	return b.String()
}

// sureness is the mean confidence of the words, a word weighing as its
// characters.
func (r reading) sureness() float64 {
	var sum, n float64
	for _, w := range r {
		k := float64(len([]rune(w.Text)))
		sum, n = sum+w.Confidence*k, n+k
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// marks are what a rule's remains or a speck read as beside a figure.
const marks = "|｜,，、.。·'\"‘’“”:;_-—[]()（）{}!！lI"

// withoutMarks is the reading without the marks around its words, and
// without the words that are only marks, when what is left reads as a
// figure: "|， 0" and "|,0" are 0 with a rule's remains beside it.
// Otherwise it is the reading as it is.
func (r reading) withoutMarks() reading {
	var kept reading
	for _, w := range r {
		if w.Text = ocr.TrimMarks(w.Text, marks); w.Text != "" {
			kept = append(kept, w)
		}
	}
	if t := kept.text(); t != r.text() && isNumber(t) {
		return kept
	}
	return r
}

// cellGap is the white around a cell in the strip, in the strip's pixels:
// more than a character, so that Tesseract never joins two cells' words.
const cellGap = 48

// stripWidth and stripHeight bound one strip of cells (Tesseract takes no
// image over 32,767 pixels a side, and is slow on very large ones).
const stripWidth, stripHeight = 2400, 4000

// readCells reads every cell of the grids that holds ink: each is cropped
// inside its rules, scaled to some 300 dpi (dpi is the image's), and laid
// out in strips, side by side and row under row, which Tesseract reads once
// for words and once for digits (Merge picks the digits where they are the
// better reading). A cell's words come back placed in the cell.
func readCells(ctx context.Context, img *image.Gray, grids []*grid, toPx func(x, y float64) (int, int), pageWords func() ([]ocr.Word, error)) ([]cellReading, error) {
	var crops []*crop
	for g, gr := range grids {
		for _, cl := range gr.cells {
			a, b := toPx(cl.x0, cl.y1)
			e, f := toPx(cl.x1, cl.y0)
			r := image.Rect(a, b, e, f).Canon().Inset(3).Intersect(img.Rect)
			if r.Dx() < 4 || r.Dy() < 4 {
				continue
			}
			if ink := inkBox(img, r); !ink.Empty() {
				crops = append(crops, &crop{r: r, ink: ink, col: [2]int{g, cl.c}, row: cl.r})
			}
		}
	}
	scale := cellScale(crops)
	both := func(ctx context.Context, strips ...image.Image) ([][]ocr.Word, error) {
		var words, digits [][]ocr.Word
		err := parallel(
			func() (err error) { words, err = ocr.Block.Read(ctx, strips...); return err },
			func() (err error) { digits, err = ocr.Figures.Read(ctx, strips...); return err })
		if err != nil {
			return nil, err
		}
		for i := range words {
			words[i] = ocr.Merge(words[i], digits[i])
		}
		return words, nil
	}
	if err := readStrips(ctx, img, crops, scale, false, both); err != nil {
		return nil, err
	}
	for _, cr := range crops {
		cr.text = cr.text.withoutMarks()
	}
	// A column of figures is one whose cells mostly read as figures; a
	// cell of it that did not (a lone 1 read as ], a 0 lost) is read once
	// more by itself, as one line of digits. The other cells — labels —
	// are read once more one to a line, where Tesseract takes a wrapped
	// label for the lines it is; the surer reading stays.
	//
	// A row of figures is likewise one whose cells mostly read as
	// figures: table 四 has one, under headers, so that no column of it
	// has three figures. Its cells right of its first figure are figures
	// (the labels are on the left).
	figures, read := map[[2]int]int{}, map[[2]int]int{}
	rowFigures, rowRead, rowFirst := map[[2]int]int{}, map[[2]int]int{}, map[[2]int]int{}
	for _, cr := range crops {
		if t := cr.text.text(); t != "" {
			read[cr.col]++
			rowRead[cr.rowKey()]++
			if isNumber(t) {
				figures[cr.col]++
				rowFigures[cr.rowKey()]++
				if c, ok := rowFirst[cr.rowKey()]; !ok || cr.col[1] < c {
					rowFirst[cr.rowKey()] = cr.col[1]
				}
			}
		}
	}
	mostly := func(fig, n int) bool { return n >= 3 && 10*fig >= 6*n }
	inRow := func(cr *crop) bool {
		k := cr.rowKey()
		c, ok := rowFirst[k]
		return ok && cr.col[1] > c && mostly(rowFigures[k], rowRead[k])
	}
	figure := func(cr *crop) bool { return mostly(figures[cr.col], read[cr.col]) || inRow(cr) }
	var labels []*crop
	digits := measureDigits(img, crops)
	miss := func(cr *crop) float64 { w, h := cr.figureInk(img); return digits.widthMiss(cr.text.text(), w, h) }
	// Figures read again are read every way at once (readPasses): one
	// run of Tesseract a way, not one a cell.
	var reread []*crop
	votes := map[*crop]reading{} // figures put to the vote, with the page's reading of them
	page, err := pageWords()
	if err != nil {
		return nil, err
	}
	for _, cr := range crops {
		switch {
		case !figure(cr):
			if !isNumber(cr.text.text()) {
				labels = append(labels, &crop{r: cr.r, ink: cr.ink, col: cr.col})
			}
		case !isNumber(cr.text.text()) || miss(cr) > maxWidthMiss:
			reread = append(reread, cr)
		case cr.text.sureness() < unsureFigure:
			reread, votes[cr] = append(reread, cr), nil
		default:
			// The page's reading of the cell, a figure other than the
			// strips' (3001 read 30 1), is put to the vote with it: the
			// surer of two disagreeing readings is no more often right.
			var on reading
			for _, w := range page {
				if center(w).In(cr.r.Inset(-5)) {
					on = append(on, w)
				}
			}
			if t := on.withoutMarks().text(); isNumber(t) && t != cr.text.text() {
				reread, votes[cr] = append(reread, cr), on.withoutMarks()
				cr.vote = true
			}
		}
	}
	// The labels are read again one to a line meanwhile.
	var tries [][][]ocr.Word
	err = parallel(
		func() (err error) { tries, err = readPasses(ctx, img, scale, reread); return err },
		func() error { return readStrips(ctx, img, labels, scale, true, ocr.Block.Read) })
	if err != nil {
		return nil, err
	}
	for i, cr := range reread {
		if on, ok := votes[cr]; ok {
			cr.voteFigure(tries[i], on)
		} else {
			cr.rereadFigure(img, tries[i], digits)
		}
	}
	again := map[image.Rectangle]*crop{}
	for _, l := range labels {
		again[l.r] = l
	}
	// The first row of each column of figures that reads as a figure: the
	// rows above it are its header.
	firstFigure := map[[2]int]int{}
	for _, cr := range crops {
		if r, ok := firstFigure[cr.col]; isNumber(cr.text.text()) && (!ok || cr.row < r) {
			firstFigure[cr.col] = cr.row
		}
	}
	var out []cellReading
	for _, cr := range crops {
		if l := again[cr.r]; l != nil && len(l.text) > 0 && l.text.sureness() > cr.text.sureness() {
			cr.text = l.text
		}
		r, ok := firstFigure[cr.col]
		// The cell's box reaches over its rules, whose remains the page's
		// reading may hold as words of their own (|, 1).
		out = append(out, cellReading{box: cr.r.Inset(-cellReach), words: cr.text, figure: figure(cr), below: figure(cr) && (ok && r < cr.row || inRow(cr)), settled: cr.vote})
	}
	return out, nil
}

// textHeight is the height, in the strips, that cells are scaled to give
// their print: Tesseract reads small print at some 40 pixels a line far
// better than at 15.
const textHeight = 40

// cellScale is the scale that gives the cells' print textHeight: the
// print's height is the median height of the cells' ink, most cells
// holding one line (a figure). It is at least 1 and at most 5.
func cellScale(crops []*crop) float64 {
	var hs []int
	for _, cr := range crops {
		hs = append(hs, cr.ink.Dy())
	}
	if len(hs) == 0 {
		return 1
	}
	sort.Ints(hs)
	return min(max(textHeight/float64(max(1, hs[len(hs)/2])), 1), 5)
}

// crop is a cell's part of the image, read in a strip of cells.
type crop struct {
	r    image.Rectangle  // in the image
	ink  image.Rectangle  // the box of its ink
	at   image.Point      // its top left in its strip
	col  [2]int           // its grid and column
	row  int              // its grid row
	text reading          // in the image's pixels
	k    float64          // its scale in its strip
	vote bool             // its figure was put to the vote with the page's reading
	fig  *image.Rectangle // figureBox, once found
}

// rowKey is the crop's grid and row.
func (c *crop) rowKey() [2]int { return [2]int{c.col[0], c.row} }

// rereadFigure settles the cell of a column of figures that the strips
// did not read as a figure by itself, from its readings every way (tries,
// in the order of figurePasses), the first that is a figure: as one line
// of digits; as one digit when its ink is narrow; as a line in the
// Chinese model; at the image's own scale when it was scaled (the digits
// model loses some faces at one scale, and reads them at another).
// Failing all, its letters are read as the digits they are the usual
// misreadings of. It keeps a reading only when it is a figure.
func (c *crop) rereadFigure(img *image.Gray, tries [][]ocr.Word, digits digitWidths) {
	// The first figure as wide as the ink wins; failing one, the figure
	// nearest its width. The strips' own figure, if it was one, stands
	// unless another fits the ink clearly better.
	w, h := c.figureInk(img)
	t, conf := "", 0.0
	if now := c.text.text(); isNumber(now) {
		t, conf = now, c.text.sureness()
	}
	for _, ws := range tries {
		if isNumber(t) && digits.widthMiss(t, w, h) <= maxWidthMiss {
			break
		}
		rt, rc := reading(ws).text(), reading(ws).sureness()
		if isNumber(rt) && (!isNumber(t) || digits.widthMiss(rt, w, h) < digits.widthMiss(t, w, h)-0.2) {
			t, conf = rt, rc
		}
	}
	if !isNumber(t) {
		t, conf = confusedDigits(c.text.text(), c.ink.Dx()*10 <= c.ink.Dy()*7), 0
	}
	if !isNumber(t) && digits.isOne(w, h) {
		t, conf = "1", 0
	}
	if ones := c.ones(img, t, w, h, digits); ones != "" {
		t, conf = ones, 0
	}
	if isNumber(t) {
		c.text = reading{{Text: t, Confidence: conf, X0: c.ink.Min.X, Y0: c.ink.Min.Y, X1: c.ink.Max.X, Y1: c.ink.Max.Y}}
	}
}

// figurePasses are the ways a figure's cell is read by itself (see
// passImages): as one line of digits; as one digit; as a line in the
// Chinese model; as one line of digits at half the scale.
var figurePasses = []ocr.Pass{ocr.FigureLine, ocr.Digit, ocr.TextLine, ocr.FigureLine}

// passImages are the images of the crop that figurePasses read, nil
// where a pass does not apply: one digit only when its ink is narrow;
// half the scale only when it was scaled.
func (c *crop) passImages(img *image.Gray, scale float64) []image.Image {
	ims := []image.Image{scaled(img, c.r, scale), nil, scaled(img, c.r, scale), nil}
	if c.ink.Dx() <= 2*c.ink.Dy() {
		ims[1] = scaled(img, c.ink.Inset(-4).Intersect(c.r), scale)
	}
	if scale >= 1.5 {
		ims[3] = scaled(img, c.r, max(1, scale/2))
	}
	return ims
}

// readPasses reads each crop every way (figurePasses), all crops' images
// of a pass in one run of Tesseract. The readings of crop i are out[i],
// in the passes' order, nil where a pass did not apply.
func readPasses(ctx context.Context, img *image.Gray, scale float64, crops []*crop) ([][][]ocr.Word, error) {
	out := make([][][]ocr.Word, len(crops))
	type at struct{ crop, pass int }
	ims := make([][]image.Image, len(figurePasses))
	where := make([][]at, len(figurePasses))
	for i, cr := range crops {
		out[i] = make([][]ocr.Word, len(figurePasses))
		for k, im := range cr.passImages(img, scale) {
			if im != nil {
				ims[k], where[k] = append(ims[k], im), append(where[k], at{i, k})
			}
		}
	}
	// Passes with the same settings (a line of digits, at two scales)
	// share a run; the runs run at once.
	var runs []func() error
	for k := range figurePasses {
		for j := k + 1; j < len(figurePasses); j++ {
			if slices.Equal(figurePasses[j], figurePasses[k]) {
				ims[k], where[k] = append(ims[k], ims[j]...), append(where[k], where[j]...)
				ims[j], where[j] = nil, nil
			}
		}
		if len(ims[k]) == 0 {
			continue
		}
		runs = append(runs, func() error {
			ws, err := figurePasses[k].Read(ctx, ims[k]...)
			if err != nil {
				return err
			}
			for n, a := range where[k] {
				out[a.crop][a.pass] = ws[n]
			}
			return nil
		})
	}
	if err := parallel(runs...); err != nil {
		return nil, err
	}
	return out, nil
}

// unsureFigure is the confidence below which a figure the strips read is
// read again every way, and put to the vote.
const unsureFigure = 80

// voteFigure takes, for an unsure figure, the figure more of its readings
// every way (tries) give than give the strips' own, which counts as one,
// and page's, when the page read it as a figure; on a tie the strips'
// stands. Tesseract's digits model reads a clean serif 2 as 9 or 5 at some
// scales, unsure; its other readings read 2.
func (c *crop) voteFigure(tries [][]ocr.Word, page reading) {
	now := c.text.text()
	votes := map[string]int{now: 1}
	sure := map[string]float64{now: c.text.sureness()}
	if t := page.text(); t != "" {
		votes[t]++
		sure[t] = max(sure[t], page.sureness())
	}
	for _, ws := range tries {
		if t := reading(ws).text(); isNumber(t) {
			votes[t]++
			sure[t] = max(sure[t], reading(ws).sureness())
		}
	}
	best := now
	for t, n := range votes {
		if n > votes[best] || n == votes[best] && best != now && t < best {
			best = t
		}
	}
	// The figure the vote gives is as sure as its surest reading: passes
	// that agree are evidence the page's one reading does not outweigh.
	if best != now || sure[best] > c.text.sureness() {
		c.text = reading{{Text: best, Confidence: sure[best], X0: c.ink.Min.X, Y0: c.ink.Min.Y, X1: c.ink.Max.X, Y1: c.ink.Max.Y}}
	}
}

// ones reads as 1s the ink of a figure of 1s whose serifs blur into one
// (11 read as 1): as many 1s as the ink has stems, when that many fit its
// width and the reading does not. It is "" when the reading stands.
func (c *crop) ones(img *image.Gray, t string, w, h int, digits digitWidths) string {
	if t != "" && strings.Trim(t, "1") == "" && digits.widthMiss(t, w, h) > maxWidthMiss {
		if n := c.stems(img); n > 0 && n != len(t) && digits.widthMiss(strings.Repeat("1", n), w, h) <= maxWidthMiss {
			return strings.Repeat("1", n)
		}
	}
	return ""
}

// stems counts the upright strokes of the crop's ink: runs of columns
// dark (under 0.55 of the paper) over most of the ink's height. A 1 is one
// stem, its serifs lighter and short.
func (c *crop) stems(img *image.Gray) int {
	ink := c.figureBox(img)
	if ink.Empty() {
		return 0
	}
	dark := paperLevel(img, c.figureArea()) * 55 / 100
	n, on := 0, false
	for x := ink.Min.X; x < ink.Max.X; x++ {
		k := 0
		for y := ink.Min.Y; y < ink.Max.Y; y++ {
			if int(img.Pix[y*img.Stride+x]) < dark {
				k++
			}
		}
		stem := 10*k >= 6*ink.Dy()
		if stem && !on {
			n++
		}
		on = stem
	}
	return n
}

// figureArea is the crop less a rule's remains at its sides: a cell's
// figures stand clear of its rules.
func (c *crop) figureArea() image.Rectangle {
	const edge = 3
	return image.Rect(c.r.Min.X+edge, c.r.Min.Y, c.r.Max.X-edge, c.r.Max.Y).Intersect(c.r)
}

// figureBox is the box of the ink in figureArea, found once: of the
// line of it that holds the most ink, so that the remains of a rule at
// the cell's top or foot, apart from the figure, do not make it taller
// (and the figure, for its width, seem to have digits too few).
func (c *crop) figureBox(img *image.Gray) image.Rectangle {
	if c.fig == nil {
		b := inkBox(img, c.figureArea())
		if !b.Empty() {
			b = mainLine(img, b)
		}
		c.fig = &b
	}
	return *c.fig
}

// mainLine is the part of the ink box b that is its inkiest line: rows
// of ink, a blank row or two within, between blank rows; b itself when it
// is one line.
func mainLine(g *image.Gray, b image.Rectangle) image.Rectangle {
	dark := byte(max(128, paperLevel(g, b)*7/10))
	count := make([]int, b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for _, v := range g.Pix[y*g.Stride+b.Min.X : y*g.Stride+b.Max.X] {
			if v < dark {
				count[y-b.Min.Y]++
			}
		}
	}
	best, bestInk := [2]int{0, len(count)}, -1
	for i := 0; i < len(count); {
		if count[i] == 0 {
			i++
			continue
		}
		from, ink, gap := i, 0, 0
		for ; i < len(count) && gap <= 2; i++ {
			if count[i] == 0 {
				gap++
			} else {
				gap, ink = 0, ink+count[i]
			}
		}
		if ink > bestInk {
			best, bestInk = [2]int{from, i - gap}, ink
		}
	}
	line := image.Rect(b.Min.X, b.Min.Y+best[0], b.Max.X, b.Min.Y+best[1])
	if ink := inkBox(g, line); !ink.Empty() {
		return ink
	}
	return b
}

// figureInk is the width and height of figureBox.
func (c *crop) figureInk(img *image.Gray) (w, h int) {
	b := c.figureBox(img)
	return b.Dx(), b.Dy()
}

// maxWidthMiss is how far, in heights of its digits, a figure's width may
// be from its ink's: about half a digit's width, above the blur of a
// rough scan, below a digit lost or doubled (a blurred 11 read as 1).
const maxWidthMiss = 0.45

// digitWidths are the widths of a face's digits, in heights: a 1's and
// another digit's.
type digitWidths struct {
	one, other float64
	height     int // the digits' height in pixels; 0 when not measured
}

// typicalDigits are a serif face's; measureDigits takes a page's own.
var typicalDigits = digitWidths{one: 0.3, other: 0.6}

// measureDigits takes the widths of the page's digits from its cells that
// read as one digit, the median of each kind; a kind with fewer than five
// cells keeps the typical width.
func measureDigits(img *image.Gray, crops []*crop) digitWidths {
	var ones, others, heights []float64
	for _, cr := range crops {
		t := cr.text.text()
		if len(t) != 1 || t[0] < '0' || t[0] > '9' {
			continue
		}
		if w, h := cr.figureInk(img); h > 0 {
			heights = append(heights, float64(h))
			if t == "1" {
				ones = append(ones, float64(w)/float64(h))
			} else {
				others = append(others, float64(w)/float64(h))
			}
		}
	}
	median := func(xs []float64, def float64) float64 {
		if len(xs) < 5 {
			return def
		}
		sort.Float64s(xs)
		return xs[len(xs)/2]
	}
	return digitWidths{median(ones, typicalDigits.one), median(others, typicalDigits.other), int(median(heights, 0))}
}

// isOne says ink of w × h pixels is one 1: as tall as the page's digits
// and no wider than its 1s (other digits are twice as wide). A lone serif 1
// is what Tesseract most often reads as nothing at all.
func (d digitWidths) isOne(w, h int) bool {
	if d.height == 0 || h == 0 || 4*abs(h-d.height) > d.height {
		return false
	}
	r := float64(w) / float64(h)
	return r <= d.one+0.12 && r < (d.one+d.other)/2
}

func abs(n int) int { return max(n, -n) }

// widthMiss is how far the width the figure would print at, in digits of
// height h, is from w, in heights: its digits as wide as d says, a point
// or comma a quarter of the height, with 0.12 between.
func (d digitWidths) widthMiss(figure string, w, h int) float64 {
	if h <= 0 {
		return 0
	}
	var want float64
	n := 0
	for _, r := range figure {
		switch {
		case r == '1':
			want += d.one
		case r >= '0' && r <= '9':
			want += d.other
		case r == '.' || r == ',':
			want += 0.25
		default:
			continue
		}
		n++
	}
	if n > 1 {
		want += 0.12 * float64(n-1)
	}
	return math.Abs(float64(w)/float64(h) - want)
}

// readStrips lays crops out in strips — side by side and row under row, or
// one to a row when stacked — scaled by scale, reads the strips with read
// (all in one call), and gives each crop the words that fall in it, back
// in the image's pixels.
func readStrips(ctx context.Context, img *image.Gray, crops []*crop, scale float64, stacked bool, read func(context.Context, ...image.Image) ([][]ocr.Word, error)) error {
	var strips []image.Image
	var on [][]*crop // the crops of each strip
	for len(crops) > 0 {
		var in []*crop
		x, y, rowH := cellGap, cellGap, 0
		for len(crops) > 0 {
			cr := crops[0]
			// A cell too wide for the strip at scale is scaled less.
			cr.k = min(scale, float64(stripWidth-2*cellGap)/float64(cr.r.Dx()))
			sz := scaledSize(cr.r, cr.k)
			w, h := sz.X, sz.Y
			if x > cellGap && (stacked || x+w+cellGap > stripWidth) {
				x, y, rowH = cellGap, y+rowH+cellGap, 0
			}
			if y+h+cellGap > stripHeight && len(in) > 0 {
				break
			}
			cr.at = image.Pt(x, y)
			x, rowH = x+w+cellGap, max(rowH, h)
			in, crops = append(in, cr), crops[1:]
		}
		wide := 0
		for _, cr := range in {
			wide = max(wide, cr.at.X+scaledSize(cr.r, cr.k).X+cellGap)
		}
		strip := image.NewGray(image.Rect(0, 0, wide, y+rowH+cellGap))
		for i := range strip.Pix {
			strip.Pix[i] = 255
		}
		for _, cr := range in {
			paste(strip, cr.at, img, cr.r, cr.k)
		}
		strips, on = append(strips, strip), append(on, in)
	}
	words, err := read(ctx, strips...)
	if err != nil {
		return err
	}
	for s, in := range on {
		for _, wd := range words[s] {
			for _, cr := range in {
				box := image.Rectangle{cr.at, cr.at.Add(scaledSize(cr.r, cr.k))}.Inset(-cellGap / 2)
				if center(wd).In(box) {
					// Back into the image's pixels, keeping its place in the
					// cell: lines stay lines, a gap stays a gap.
					back := func(v, at, min int) int { return min + int(float64(v-at)/cr.k) }
					cr.text = append(cr.text, ocr.Word{Text: wd.Text, Confidence: wd.Confidence,
						X0: back(wd.X0, cr.at.X, cr.r.Min.X), X1: back(wd.X1, cr.at.X, cr.r.Min.X),
						Y0: back(wd.Y0, cr.at.Y, cr.r.Min.Y), Y1: back(wd.Y1, cr.at.Y, cr.r.Min.Y),
						Block: wd.Block, Paragraph: wd.Paragraph, Line: wd.Line})
					break
				}
			}
		}
		for _, cr := range in {
			evenLines(cr.text)
			clipOverlaps(cr.text)
			for i := range cr.text {
				cr.text[i].Block, cr.text[i].Paragraph, cr.text[i].Line = 0, 0, 0 // no line of the page
			}
		}
	}
	return nil
}

// readOne reads one image in pass p.
func readOne(ctx context.Context, p ocr.Pass, img image.Image) ([]ocr.Word, error) {
	ws, err := p.Read(ctx, img)
	if err != nil {
		return nil, err
	}
	return ws[0], nil
}

// confusedDigits reads s, a cell of a column of figures that no pass read
// as one, as the digits its letters are the usual misreadings of (I, l,
// |, ] for 1; O, D for 0; …), or "" when one of them is not. When the
// cell's ink is one narrow glyph (single), the marks a 1 breaks into (IT,
// I], a serif 1's flag and foot) are one 1.
func confusedDigits(s string, single bool) string {
	const ones = "Il|]![iJj丨1"
	if s = strings.TrimSpace(s); single && s != "" && strings.Trim(s, ones+"TL") == "" {
		return "1"
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(ones, r):
			b.WriteByte('1')
		case strings.ContainsRune("OoDQ〇口0", r):
			b.WriteByte('0')
		case strings.ContainsRune("Zz2", r):
			b.WriteByte('2')
		case strings.ContainsRune("Ss5", r):
			b.WriteByte('5')
		case strings.ContainsRune("B8", r):
			b.WriteByte('8')
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			return ""
		}
	}
	return b.String()
}

// scaled is the part r of g, scaled up by k, with a white margin.
func scaled(g *image.Gray, r image.Rectangle, k float64) *image.Gray {
	const m = 16
	sz := scaledSize(r, k)
	out := image.NewGray(image.Rect(0, 0, sz.X+2*m, sz.Y+2*m))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	paste(out, image.Pt(m, m), g, r, k)
	return out
}

// scaledSize is the size of r scaled by k.
func scaledSize(r image.Rectangle, k float64) image.Point {
	return image.Pt(int(math.Round(float64(r.Dx())*k)), int(math.Round(float64(r.Dy())*k)))
}

// paste copies the part r of g into dst at at, scaled up by k, smoothed,
// its paper made white. Tesseract reads small print best at some 40
// pixels a line, and a noisy scan's speckle as marks: the part is first
// smoothed a little (a Gaussian of 0.6 of its pixels, which takes most of
// a scan's noise and little of a stroke), then sampled bilinearly, so that
// a stroke scaled up keeps its shape, not blocks. The paper's level is the
// part's median (a cell is mostly paper); the white point lies beneath it
// by three times the paper's spread below the median (2σ of Gaussian
// noise), and levels are stretched so that it is white: the gray paper of
// a dim scan, laid on the strip's white, would read as ink.
func paste(dst *image.Gray, at image.Point, g *image.Gray, r image.Rectangle, k float64) {
	r = r.Intersect(g.Rect)
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	src := smooth(g, r)
	hist := &histogram{total: len(src)}
	for _, v := range src {
		hist.n[min(255, int(v+0.5))]++
	}
	paper, noise := hist.paper()
	white := max(1, paper-2.5*noise)
	// The darkest ink is made black, when there is ink clearly darker
	// than the paper: a blurred scan's strokes are gray.
	black := float64(hist.darkest(8))
	if white-black < 48 {
		black = 0
	}
	sz := scaledSize(r, k)
	for dy := 0; dy < sz.Y; dy++ {
		sy := min(max((float64(dy)+0.5)/k-0.5, 0), float64(h-1))
		y0 := int(sy)
		y1, fy := min(y0+1, h-1), sy-float64(y0)
		row := dst.Pix[(at.Y+dy)*dst.Stride+at.X:]
		for dx := 0; dx < sz.X; dx++ {
			sx := min(max((float64(dx)+0.5)/k-0.5, 0), float64(w-1))
			x0 := int(sx)
			x1, fx := min(x0+1, w-1), sx-float64(x0)
			v := (src[y0*w+x0]*(1-fx)+src[y0*w+x1]*fx)*(1-fy) + (src[y1*w+x0]*(1-fx)+src[y1*w+x1]*fx)*fy
			row[dx] = byte(min(255, max(0, (v-black)*255/(white-black))))
		}
	}
}

// smooth is the part r of g blurred by a Gaussian of σ 0.6 pixels (a
// five-tap kernel, edges repeated), as floats, row by row.
func smooth(g *image.Gray, r image.Rectangle) []float64 {
	kernel := [5]float64{0.0219, 0.2285, 0.4992, 0.2285, 0.0219} // σ = 0.6, normalised
	w, h := r.Dx(), r.Dy()
	tmp := make([]float64, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[(r.Min.Y+y)*g.Stride+r.Min.X:]
		for x := 0; x < w; x++ {
			var v float64
			for i, kv := range kernel {
				v += kv * float64(row[min(max(x+i-2, 0), w-1)])
			}
			tmp[y*w+x] = v
		}
	}
	out := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var v float64
			for i, kv := range kernel {
				v += kv * tmp[min(max(y+i-2, 0), h-1)*w+x]
			}
			out[y*w+x] = v
		}
	}
	return out
}

// inkBox is the box of the ink in r — what is darker than 128, or than
// 0.7 of the paper's level where the paper is darker than white (a rough
// scan's faint 1 is lighter than 128) — empty when there is less than a
// speck's.
func inkBox(g *image.Gray, r image.Rectangle) image.Rectangle {
	dark := byte(max(128, paperLevel(g, r)*7/10))
	var box image.Rectangle
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g.Pix[y*g.Stride+x] < dark {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	if n < minInk {
		return image.Rectangle{}
	}
	return box
}

// histogram counts the pixels of a part of an image at each gray level.
type histogram struct {
	n     [256]int
	total int
}

// levels is the histogram of r in g.
func levels(g *image.Gray, r image.Rectangle) *histogram {
	h := &histogram{total: r.Dx() * r.Dy()}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range g.Pix[y*g.Stride+r.Min.X : y*g.Stride+r.Max.X] {
			h.n[v]++
		}
	}
	return h
}

// quantile is the lowest level below and at which more than the share q
// of the pixels lie; 255 for no pixels.
func (h *histogram) quantile(q float64) int {
	n, want := 0, int(q*float64(h.total))
	for v := range h.n {
		if n += h.n[v]; n > want {
			return v
		}
	}
	return 255
}

// paper is the level of the paper and the spread of its noise: the most
// common level (a histogram smoothed over ±3 levels), which is the paper's
// however much of a cell its print covers, and the standard deviation of
// the levels above it, which are paper alone (ink is darker), at least 2.
func (h *histogram) paper() (level, sigma float64) {
	best, peak := 255, -1
	for v := range h.n {
		n := 0
		for d := max(0, v-3); d <= min(255, v+3); d++ {
			n += h.n[d]
		}
		if n > peak {
			best, peak = v, n
		}
	}
	var sum, n float64
	for v := best + 1; v < 256; v++ {
		d := float64(v - best)
		sum, n = sum+d*d*float64(h.n[v]), n+float64(h.n[v])
	}
	sigma = 2
	if n > 0 {
		sigma = max(2, math.Sqrt(sum/n))
	}
	return float64(best), sigma
}

// darkest is the level below and at which more than n pixels lie: the
// darkest ink, less a stray pixel or two.
func (h *histogram) darkest(n int) int {
	k := 0
	for v := range h.n {
		if k += h.n[v]; k > n {
			return v
		}
	}
	return 255
}

// paperLevel is the gray level of the paper in r: its median, a cell
// being mostly paper.
func paperLevel(g *image.Gray, r image.Rectangle) int { return levels(g, r).quantile(0.5) }

// minInk is the fewest pixels of ink that are more than a speck: a 1's
// stroke at 150 dpi has some thirty.
const minInk = 12

// Picture reads a picture of a table (a .docx pastes some so) with OCR,
// as a page of its own: its tables and lines, as blocks, with table
// indexes from first. dpi is the picture's resolution.
func Picture(ctx context.Context, img image.Image, dpi float64, first int) ([]extract.Block, error) {
	if dpi <= 0 {
		dpi = 150
	}
	b := img.Bounds()
	w, h := float64(b.Dx())*72/dpi, float64(b.Dy())*72/dpi
	c := &content.Content{Width: w, Height: h}
	if err := ocrInto(ctx, c, img, content.Picture{X0: 0, Y0: 0, X1: w, Y1: h}); err != nil {
		return nil, err
	}
	pr := analysePage(1, c)
	pr.readByOCR(c.Chars)
	blocks := blocks([]*pageResult{pr})
	for _, bl := range blocks {
		if bl.Table != nil {
			bl.Table.Index += first - 1
		}
	}
	return blocks, nil
}

func area(p *content.Picture) float64 { return (p.X1 - p.X0) * (p.Y1 - p.Y0) }

// tableArea is the box of the ruling lines, where a table's numbers are.
func tableArea(h, v []ocr.Line, bounds image.Rectangle) (image.Rectangle, bool) {
	if len(h) < 2 || len(v) < 2 {
		return image.Rectangle{}, false
	}
	r := image.Rect(h[0].X0, h[0].Y0, h[0].X1, h[0].Y0+1)
	for _, l := range append(h, v...) {
		r = r.Union(image.Rect(l.X0, l.Y0, l.X1+1, l.Y1+1))
	}
	return r.Inset(-4).Intersect(bounds), true
}

// evenLines gives the words of each OCR line the line's height: Tesseract
// boxes a Chinese word by its ink, so that 一 or 数量 in a label can be a
// pixel high, and its characters would then stand on a baseline of their
// own, out of the line's order.
func evenLines(words []ocr.Word) {
	type lineKey struct{ b, p, l int }
	span := map[lineKey][2]int{}
	for _, w := range words {
		k := lineKey{w.Block, w.Paragraph, w.Line}
		if s, ok := span[k]; ok {
			span[k] = [2]int{min(s[0], w.Y0), max(s[1], w.Y1)}
		} else {
			span[k] = [2]int{w.Y0, w.Y1}
		}
	}
	for i := range words {
		if w := &words[i]; w.Line != 0 {
			s := span[lineKey{w.Block, w.Paragraph, w.Line}]
			w.Y0, w.Y1 = s[0], s[1]
		}
	}
}

// clipOverlaps ends each word of an OCR line where the next begins.
// Tesseract gives the words of a line in reading order, but a word's box
// may reach over the next ones (淮安 drawn across 市 and 洪): its characters,
// spread over the box, would then sort among the next word's (淮市安).
func clipOverlaps(words []ocr.Word) {
	type lineKey struct{ b, p, l int }
	last := map[lineKey]int{}
	for i, w := range words {
		if w.Line == 0 {
			continue // read cell by cell: no line of the page
		}
		k := lineKey{w.Block, w.Paragraph, w.Line}
		if j, ok := last[k]; ok && words[j].X1 > w.X0 && w.X0 > words[j].X0 {
			words[j].X1 = w.X0
		}
		last[k] = i
	}
}

// closeGaps joins the words of one OCR line that stand a character's width
// apart or less: Tesseract splits Chinese prose into words with gaps that
// a text layer does not have, and the table reader would take them for
// columns. A wider gap (between a table's cells) stays.
func closeGaps(words []ocr.Word, table image.Rectangle) {
	type lineKey struct{ b, p, l int }
	byLine := map[lineKey][]int{}
	for i, w := range words {
		if image.Pt(w.X0, w.Y0).In(table) {
			continue // inside a ruled table the cells place the words
		}
		k := lineKey{w.Block, w.Paragraph, w.Line}
		byLine[k] = append(byLine[k], i)
	}
	for _, idx := range byLine {
		sort.Slice(idx, func(a, b int) bool { return words[idx[a]].X0 < words[idx[b]].X0 })
		for k := 0; k+1 < len(idx); k++ {
			a, b := &words[idx[k]], &words[idx[k+1]]
			if gap, h := b.X0-a.X1, a.Y1-a.Y0; gap > 0 && gap <= h*3/2 {
				a.X1 = b.X0
			}
		}
	}
}
