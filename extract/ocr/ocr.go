// Package ocr reads the text of page images for the extract stage: scanned
// reports, and tables printed as pictures. It finds a table's ruling lines
// in the image (long runs of dark pixels), erases them so that they do not
// read as letters, and runs Tesseract (its command-line program, found on
// PATH, with the chi_sim language) for words with their boxes and
// confidences. The format readers turn those into the same characters and
// segments as a text layer, so that one table reader serves both.
package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// ErrNoTesseract says the OCR program is not installed.
var ErrNoTesseract = errors.New("ocr: tesseract not found on PATH; install it with: apt-get install tesseract-ocr tesseract-ocr-chi-sim")

// Word is one word Tesseract read, in image pixels (origin top left).
type Word struct {
	Text                   string
	X0, Y0, X1, Y1         int
	Confidence             float64 // 0–100
	Block, Paragraph, Line int
}

// Line is a ruling line found in the image, in pixels: horizontal when
// Y0 == Y1 (its middle row), vertical when X0 == X1.
type Line struct {
	X0, Y0, X1, Y1 int
	Thick          int // rows (or columns) of ink across the line
}

// Available reports whether Tesseract can be run.
func Available() bool {
	_, err := exec.LookPath("tesseract")
	return err == nil
}

// Gray turns an image into 8-bit gray.
func Gray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x-b.Min.X, y-b.Min.Y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return g
}

// dark is the gray level below which a pixel is ink.
const dark = 140

// margin is how many gray levels under the paper around it a pixel is
// ink: more than a scan's noise.
const margin = 28

// Lines finds the ruling lines of tables: runs of ink at least a tenth of
// the page's width (or height) long, grouped across the rows (or columns)
// a line's thickness covers.
func Lines(g *image.Gray) (h, v []Line) {
	w, ht := g.Rect.Dx(), g.Rect.Dy()
	mask := Ink(g)
	// A rule a pixel or two wide, tilted by less than a scan's deskewing
	// undoes, steps from one row (or column) to the next along its
	// length, each broken where it leaves off: ink in the next row (or
	// column) counts as ink in this one, and a line's first row (or
	// column) is the one before its ink.
	across := func(x, y int) bool { return mask[y*w+x] || y+1 < ht && mask[(y+1)*w+x] }
	down := func(x, y int) bool { return mask[y*w+x] || x+1 < w && mask[y*w+x+1] }
	// Horizontal rules span a table; vertical ones only the rows they
	// divide, a single row at the least.
	rows := inkRuns(ht, w, max(w/10, 40), func(y, x int) bool { return across(x, y) })
	h = groupRuns(rows, func(a, b, first, last int) Line {
		mid := (first + 1 + last) / 2
		return Line{a, mid, b, mid, max(1, last-first)}
	})
	cols := inkRuns(w, ht, max(ht/60, 30), down)
	v = groupRuns(cols, func(a, b, first, last int) Line {
		mid := (first + 1 + last) / 2
		return Line{mid, a, mid, b, max(1, last-first)}
	})
	// A table's vertical rule meets or crosses three horizontal ones (it
	// divides two rows at least: a table continued from the page before
	// has no rule at its top, nor one at its foot when it runs on), or
	// meets one at each end and lines up with one near it that crosses
	// three; or it is long, and meets one at an end. A stroke of a character in a
	// row printed tight between its rules meets those two and no third; a
	// tall stroke of a heading just above a table meets one.
	minV := max(ht/60, 30)
	spans := make([]bool, len(v))
	for i, l := range v {
		spans[i] = crossings(l, l.Y0, l.Y1, h) >= 3
	}
	kept := v[:0]
	for i, l := range v {
		top, bottom := crossings(l, l.Y0, l.Y0, h) > 0, crossings(l, l.Y1, l.Y1, h) > 0
		lined := false
		for j, o := range v {
			// In the same table: no further off than three times the
			// piece's length (a row of the full width may stand between;
			// a stroke of 止 in a header row otherwise lines up with a
			// rule of the table below).
			gap := max(o.Y0-l.Y1, l.Y0-o.Y1)
			lined = lined || spans[j] && abs(o.X0-l.X0) <= 3 && gap <= 3*max(l.Y1-l.Y0, 20)
		}
		if spans[i] || top && bottom && lined || (top || bottom) && l.Y1-l.Y0 >= 3*minV {
			kept = append(kept, l)
		}
	}
	// A faint rule is told from the paper around it, not from the mean
	// around it: beside a figure, or between two rules, that mean is
	// darker than the paper, and a light gray rule no longer under it.
	// Faint rules are sought across the rules found, then along them.
	paper := paperMean(g, mask)
	faint := func(x, y int) bool { return int(g.Pix[y*g.Stride+x]) < paper(x, y)-margin }
	v = kept
	for _, s := range faintRules(func(x, y int) bool { return faint(x, y) || x+1 < w && faint(x+1, y) }, w, horizontal(h), vertical(v)) {
		v = append(v, Line{s.at, s.from, s.at, s.to, s.thick})
	}
	for _, s := range faintRules(func(y, x int) bool { return faint(x, y) || y+1 < ht && faint(x, y+1) }, ht, vertical(v), horizontal(h)) {
		h = append(h, Line{s.from, s.at, s.to, s.at, s.thick})
	}
	return h, v
}

// faintRules finds the rules whose ink runs noise broke: a light rule of
// a rough scan (the lighter line of a double border) reads as pieces
// shorter than a rule, and without it two columns' figures run together
// (1 and 9 read as 19), or two rows' labels. A line of pixels that is ink
// from rule to rule, never more than maxGap pixels short, is one where it
// carries on a rule already found, or runs on to the table's edge, in two
// neighbouring cells or more; in one, where it carries on a rule; and no
// wider than a rule. A rule of its own that stops short of both edges is
// a piece of one only partly ruled (a table's foot at a page break). A character's
// stroke, however long, stands in one cell, and stops short of the rules
// around it by the cell's padding.
//
// It works along one direction: at is a rule's row (or column), from and
// to its ends; ink(at, k) is the pixel k along the line at; rules are the
// lines across, those found the lines along.
func faintRules(ink func(at, k int) bool, n int, rules, found []seg) []seg {
	const (
		maxGap   = 3
		minCell  = 8 // pixels between two rules: less is a double rule
		maxWidth = 6 // pixels across: more is a filled area
		near     = 4 // pixels from a rule already found
	)
	rules = append([]seg(nil), rules...)
	sort.Slice(rules, func(i, j int) bool { return rules[i].at < rules[j].at })
	carries := func(at, end int) bool {
		for _, f := range found {
			if abs(f.at-at) <= 1 && (abs(f.from-end) <= near || abs(f.to-end) <= near) {
				return true
			}
		}
		return false
	}
	var spans []seg
	for at := 0; at < n; at++ {
		// The rules across at, in order, a double rule as one: its first
		// line's near side and its last line's far side.
		type rule struct{ lo, hi int }
		var across []rule
		for _, l := range rules {
			if l.from >= at || at >= l.to {
				continue
			}
			lo, hi := l.at-l.thick/2, l.at+(l.thick+1)/2
			if k := len(across); k > 0 && lo-across[k-1].hi < minCell {
				across[k-1].hi = max(across[k-1].hi, hi)
				continue
			}
			across = append(across, rule{lo, hi})
		}
		start := 0
		for i := range across {
			ruled := i+1 < len(across)
			if ruled {
				gap := 0
				for k := across[i].hi; k < across[i+1].lo && gap <= maxGap; k++ {
					if ink(at, k) {
						gap = 0
					} else {
						gap++
					}
				}
				ruled = gap <= maxGap
			}
			if ruled {
				continue
			}
			from, to := across[start].lo, across[i].hi
			carried := carries(at, from) || carries(at, to)
			edge := start == 0 || i == len(across)-1
			if cells := i - start; cells >= 2 && (carried || edge) || cells == 1 && carried {
				spans = append(spans, seg{at, from, to, 1})
			}
			start = i + 1
		}
	}
	// Neighbouring lines ruled over the same stretch are one rule.
	var out []seg
	used := make([]bool, len(spans))
	for i, s := range spans {
		if used[i] {
			continue
		}
		lo, hi := s.at, s.at
		for grew := true; grew; {
			grew = false
			for j, t := range spans {
				if !used[j] && j != i && t.from < s.to && t.to > s.from && t.at >= lo-1 && t.at <= hi+1 {
					used[j], grew = true, true
					lo, hi = min(lo, t.at), max(hi, t.at)
					s.from, s.to = min(s.from, t.from), max(s.to, t.to)
				}
			}
		}
		if hi-lo+1 > maxWidth {
			continue
		}
		mid := (lo + hi) / 2
		known := false
		for _, f := range found {
			known = known || abs(f.at-mid) <= near && f.from <= s.from+near && f.to >= s.to-near
		}
		if !known {
			out = append(out, seg{mid, s.from, s.to, hi - lo + 1})
		}
	}
	return out
}

// seg is a line along one direction: at its row (or column), from and to
// its ends.
type seg struct{ at, from, to, thick int }

func horizontal(ls []Line) []seg {
	out := make([]seg, len(ls))
	for i, l := range ls {
		out[i] = seg{l.Y0, l.X0, l.X1, l.Thick}
	}
	return out
}

func vertical(ls []Line) []seg {
	out := make([]seg, len(ls))
	for i, l := range ls {
		out[i] = seg{l.X0, l.Y0, l.Y1, l.Thick}
	}
	return out
}

// Ink says which pixels are ink, row by row: those darker than the paper
// around them (the mean of a window 31 pixels wide) by a clear margin, or
// darker than dark wherever they are. A fixed threshold loses the lines of
// a blurred or unevenly lit scan, which come out light gray; the paper's
// own brightness, which varies across such a page, sets the bar instead.
func Ink(g *image.Gray) []bool {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	mean := localMean(g)
	mask := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := int(g.Pix[y*g.Stride+x])
			mask[y*w+x] = p < dark || p < mean(x, y)-margin
		}
	}
	return mask
}

// localMean returns the mean gray level of the window 31 pixels wide
// around a pixel, from an integral image.
func localMean(g *image.Gray) func(x, y int) int {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	const r = 15                       // the window's reach
	sum := make([]uint32, (w+1)*(h+1)) // integral image, a row and column of zeros first
	for y := 0; y < h; y++ {
		var row uint32
		for x := 0; x < w; x++ {
			row += uint32(g.Pix[y*g.Stride+x])
			sum[(y+1)*(w+1)+x+1] = sum[y*(w+1)+x+1] + row
		}
	}
	return func(x, y int) int {
		y0, y1 := max(0, y-r), min(h, y+r+1)
		x0, x1 := max(0, x-r), min(w, x+r+1)
		s := sum[y1*(w+1)+x1] - sum[y0*(w+1)+x1] - sum[y1*(w+1)+x0] + sum[y0*(w+1)+x0]
		return int(s) / ((x1 - x0) * (y1 - y0))
	}
}

// paperMean returns the mean gray level of the paper in the window 31
// pixels wide around a pixel: of the pixels there that are not ink.
func paperMean(g *image.Gray, ink []bool) func(x, y int) int {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	const r = 15
	sum := make([]uint32, (w+1)*(h+1)) // integral images of the paper's gray and its pixels
	n := make([]uint32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var row, count uint32
		for x := 0; x < w; x++ {
			if !ink[y*w+x] {
				row += uint32(g.Pix[y*g.Stride+x])
				count++
			}
			sum[(y+1)*(w+1)+x+1] = sum[y*(w+1)+x+1] + row
			n[(y+1)*(w+1)+x+1] = n[y*(w+1)+x+1] + count
		}
	}
	return func(x, y int) int {
		y0, y1 := max(0, y-r), min(h, y+r+1)
		x0, x1 := max(0, x-r), min(w, x+r+1)
		at := func(a []uint32) uint32 { return a[y1*(w+1)+x1] - a[y0*(w+1)+x1] - a[y1*(w+1)+x0] + a[y0*(w+1)+x0] }
		if c := at(n); c > 0 {
			return int(at(sum) / c)
		}
		return 255
	}
}

// run is a stretch [a, b) of ink along one row or column.
type run struct{ a, b int }

// inkRuns finds, along each of n lines of length m, the runs of ink at
// least minLen long, tolerating a broken pixel or two; ink(i, j) is the
// pixel j of line i.
func inkRuns(n, m, minLen int, ink func(i, j int) bool) [][]run {
	out := make([][]run, n)
	for i := 0; i < n; i++ {
		for j := 0; j < m; {
			if !ink(i, j) {
				j++
				continue
			}
			s, gap := j, 0
			for j < m && gap <= 2 {
				if ink(i, j) {
					gap = 0
				} else {
					gap++
				}
				j++
			}
			if e := j - gap; e-s >= minLen {
				out[i] = append(out[i], run{s, e})
			}
		}
	}
	return out
}

// crossings counts the horizontal rules that pass the vertical line v
// between its rows y0 and y1: with y0 == y1, near one of its ends. Lines a
// few rows apart are one rule (a rule found twice, over parts of its
// length).
func crossings(v Line, y0, y1 int, h []Line) int {
	const near = 10
	var ys []int
	for _, l := range h {
		if v.X0 >= l.X0-near && v.X0 <= l.X1+near && l.Y0 >= y0-near && l.Y0 <= y1+near {
			ys = append(ys, l.Y0)
		}
	}
	sort.Ints(ys)
	n := 0
	for i, y := range ys {
		if i == 0 || y-ys[i-1] > 3 {
			n++
		}
	}
	return n
}

func abs(n int) int { return max(n, -n) }

// groupRuns merges the runs of neighbouring rows (or columns) that overlap
// into one line each, from its first row (or column) to its last.
func groupRuns(rows [][]run, mk func(a, b, first, last int) Line) []Line {
	type open struct{ a, b, first, last int }
	var out []Line
	var cur []open
	flush := func(o open) { out = append(out, mk(o.a, o.b, o.first, o.last)) }
	for i, rs := range rows {
		var next []open
		used := make([]bool, len(cur))
		for _, r := range rs {
			a, b := r.a, r.b
			merged := false
			for k, o := range cur {
				if !used[k] && a < o.b && b > o.a {
					used[k] = true
					next = append(next, open{min(a, o.a), max(b, o.b), o.first, i})
					merged = true
					break
				}
			}
			if !merged {
				next = append(next, open{a, b, i, i})
			}
		}
		for k, o := range cur {
			if !used[k] {
				flush(o)
			}
		}
		cur = next
	}
	for _, o := range cur {
		flush(o)
	}
	return out
}

// Erase paints the lines white, thickness included, so that Tesseract
// does not read them as letters (|, [, 1, l): within a line's reach, what
// is darker than the paper around it, the light halo a blurred scan
// spreads around a rule included (left, it reads as marks).
func Erase(g *image.Gray, h, v []Line) {
	w, ht := g.Rect.Dx(), g.Rect.Dy()
	mean := localMean(g)
	// Pixels from a line's middle: half its thickness, and the blur a
	// scan spreads around it.
	reach := func(l Line) int { return l.Thick/2 + 2 }
	var paint []int
	erase := func(x, y int) {
		if p := int(g.Pix[y*g.Stride+x]); p < dark+40 || p < mean(x, y)-halo {
			paint = append(paint, y*g.Stride+x)
		}
	}
	for _, l := range h {
		for y := max(0, l.Y0-reach(l)); y <= min(ht-1, l.Y0+reach(l)); y++ {
			for x := max(0, l.X0); x < min(w, l.X1); x++ {
				erase(x, y)
			}
		}
	}
	for _, l := range v {
		for x := max(0, l.X0-reach(l)); x <= min(w-1, l.X0+reach(l)); x++ {
			for y := max(0, l.Y0); y < min(ht, l.Y1); y++ {
				erase(x, y)
			}
		}
	}
	// Painted after: the paper around a pixel is measured on the page as
	// scanned.
	for _, i := range paint {
		g.Pix[i] = 255
	}
}

// halo is how much darker than the paper around it a pixel near a line
// is taken for the line's: about a scan's noise.
const halo = 8

// A Pass is one way Tesseract reads images: its model, the layout it
// expects, the characters it may find (its command-line settings).
type Pass []string

var (
	// Block reads a block of Chinese text, figures included. psm 6 (one
	// uniform block) keeps a table row's cells on one text line.
	Block = Pass{"-l", "chi_sim", "--psm", "6", "-c", "preserve_interword_spaces=1"}
	// Figures reads a block for numbers only: the values of a table,
	// which the Chinese model, seeing a lone 0 or 1 in a cell, may take
	// for a character.
	Figures = Pass{"-l", "eng", "--psm", "6", "-c", digitsOnly, "-c", "preserve_interword_spaces=1"}
	// TextLine reads one line in the Chinese model, which reads figures
	// too: a cell of figures at a scale or in a face where the digits-only
	// model reads nothing.
	TextLine = Pass{"-l", "chi_sim", "--psm", "7"}
	// FigureLine reads one line of digits: a table cell by itself.
	FigureLine = Pass{"-l", "eng", "--psm", "7", "-c", digitsOnly}
	// Digit reads one digit alone.
	Digit = Pass{"-l", "eng", "--psm", "10", "-c", digitsOnly}
)

// running holds a token for each Tesseract program running: no more run
// at once than there are CPUs, however many files and pages are read at
// once.
var running = make(chan struct{}, runtime.GOMAXPROCS(0))

// digitsOnly limits Tesseract to the characters of a figure, its sign
// included: 本年增/减 prints +12, which digits alone read as 412.
const digitsOnly = "tessedit_char_whitelist=0123456789.-+,%"

// Read runs Tesseract once over the images and returns the words of each.
// One run reads them all: starting the program and loading its model
// costs more than reading a table cell (0.2 s against some 0.02), and its
// models learn nothing from one image for the next, so that an image
// reads as it would alone.
func (p Pass) Read(ctx context.Context, imgs ...image.Image) ([][]Word, error) {
	if len(imgs) == 0 {
		return nil, nil
	}
	bin, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, ErrNoTesseract
	}
	pngs := make([][]byte, len(imgs))
	for i, g := range imgs {
		var b bytes.Buffer
		if err := png.Encode(&b, g); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		pngs[i] = b.Bytes()
	}
	// One image goes in on stdin; many as files named in a list, which
	// Tesseract reads as the pages of one document.
	in := "stdin"
	var stdin io.Reader
	if len(imgs) == 1 {
		stdin = bytes.NewReader(pngs[0])
	} else {
		dir, err := os.MkdirTemp("", "gongkai-ocr-")
		if err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		defer os.RemoveAll(dir)
		var list strings.Builder
		for i, b := range pngs {
			name := filepath.Join(dir, fmt.Sprintf("%04d.png", i))
			if err := os.WriteFile(name, b, 0o600); err != nil {
				return nil, fmt.Errorf("ocr: %w", err)
			}
			list.WriteString(name + "\n")
		}
		in = filepath.Join(dir, "list.txt")
		if err := os.WriteFile(in, []byte(list.String()), 0o600); err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
	}
	select {
	case running <- struct{}{}:
		defer func() { <-running }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	cmd := exec.CommandContext(ctx, bin, append(append([]string{in, "stdout"}, p...), "tsv")...)
	cmd.Stdin = stdin
	// One thread: Tesseract's OpenMP threads spin more than they work on
	// one page (system time twice the user time, here), and gongkai's
	// workers already use the CPUs. OMP_THREAD_LIMIT set by the user wins.
	if os.Getenv("OMP_THREAD_LIMIT") == "" {
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("ocr: tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	out, err := parseTSV(&stdout, len(imgs))
	if d := os.Getenv("GONGKAI_OCR_DEBUG"); d != "" {
		keep(d, pngs, p, out)
	}
	return out, err
}

// keep writes each image given to Tesseract and the words it read,
// numbered in order, into dir: GONGKAI_OCR_DEBUG=dir shows a developer
// what OCR saw (the page with its rules erased, the strips of cells, each
// cell read again) and read. Errors are ignored: it is a window, not
// output.
func keep(dir string, pngs [][]byte, p Pass, words [][]Word) {
	for i, img := range pngs {
		n := kept.Add(1)
		_ = os.WriteFile(fmt.Sprintf("%s/%04d.png", dir, n), img, 0o644)
		var b strings.Builder
		b.WriteString(strings.Join(p, " ") + "\nleft\ttop\tright\tbottom\tconf\ttext\n")
		for _, w := range words[i] {
			fmt.Fprintf(&b, "%d\t%d\t%d\t%d\t%.1f\t%s\n", w.X0, w.Y0, w.X1, w.Y1, w.Confidence, w.Text)
		}
		_ = os.WriteFile(fmt.Sprintf("%s/%04d.tsv", dir, n), []byte(b.String()), 0o644)
	}
}

var kept atomic.Int64

// parseTSV reads Tesseract's TSV (level, page, block, paragraph, line,
// word, left, top, width, height, conf, text) into the words of each of
// n pages.
func parseTSV(r io.Reader, n int) ([][]Word, error) {
	// Split by hand, not with encoding/csv: a word that is a quotation
	// mark (OCR reads “ as ") would open a quoted field there and swallow
	// the lines after it. Tesseract's TSV quotes nothing.
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	pages := make([][]Word, n)
	for sc.Scan() {
		rec := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if len(rec) < 12 || rec[0] != "5" || strings.TrimSpace(rec[11]) == "" {
			continue // the header, a block's or a line's row, a blank
		}
		f := make([]int, 10)
		for i := range f {
			f[i], _ = strconv.Atoi(rec[i])
		}
		if f[1] < 1 || f[1] > n {
			continue
		}
		conf, _ := strconv.ParseFloat(rec[10], 64)
		pages[f[1]-1] = append(pages[f[1]-1], Word{Text: strings.TrimSpace(strings.Join(rec[11:], " ")), X0: f[6], Y0: f[7], X1: f[6] + f[8], Y1: f[7] + f[9],
			Confidence: conf, Block: f[2], Paragraph: f[3], Line: f[4]})
	}
	if err := sc.Err(); err != nil {
		return pages, fmt.Errorf("ocr: tesseract output: %w", err)
	}
	return pages, nil
}

// units are the characters of the money units a table prints after a
// figure (73802895.90元, 25.1万元): none is a speck, however doubtful.
const units = "元万亿"

// Merge takes the digits pass's reading of numbers over the full pass's:
// where a word of the full pass is not a number, or a doubtful one, and
// numbers of the digits pass cover it, they replace it. A number only the
// digits pass saw, over no word, is added.
func Merge(words, digits []Word) []Word {
	values := span(digits)
	var out []Word
	used := make([]bool, len(digits))
	for _, w := range words {
		var cover []int
		for k, d := range digits {
			if isNumber(d.Text) && d.Confidence >= 50 && overlap(w, d) >= 0.5*float64(area(d)) {
				cover = append(cover, k)
			}
		}
		short := len([]rune(w.Text)) <= 3
		if t := TrimMarks(w.Text, "。，、|·'\"‘’“”:;.,-_[](){}<>"); t != w.Text && isNumber(t) {
			w.Text = t // a number with a stray mark beside it (。2, 5|)
		}
		if len(cover) == 0 && len([]rune(w.Text)) == 1 && !isNumber(w.Text) && !strings.Contains(units, w.Text) && w.Confidence < 70 && inside(w, values) {
			continue // a lone doubtful mark among the numbers: a speck, a rule's remains
		}
		if len(cover) == 0 || !(short && !isNumber(w.Text) || isNumber(w.Text) && w.Confidence < 80) {
			out = append(out, w)
			continue
		}
		for _, k := range cover {
			used[k] = true
			out = append(out, digits[k])
		}
	}
	for k, d := range digits {
		if used[k] || !isNumber(d.Text) || d.Confidence < 70 {
			continue
		}
		alone := true
		for _, w := range words {
			if overlap(w, d) > 0 {
				alone = false
				break
			}
		}
		if alone {
			out = append(out, d)
		}
	}
	return out
}

// TrimMarks trims the marks (any of the runes of marks) around a word,
// but not the minus sign of a figure: -15 is a fall of 15 (本年增/减), not
// 15 after a dash.
func TrimMarks(s, marks string) string {
	s = strings.TrimRight(s, marks)
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !strings.ContainsRune(marks, r) || r == '-' && n < len(s) && s[n] >= '0' && s[n] <= '9' {
			break
		}
		s = s[n:]
	}
	return s
}

func isNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == '-' || r == '+' || r == ',' || r == '%':
		default:
			return false
		}
	}
	return digits > 0
}

func area(w Word) int { return max(0, w.X1-w.X0) * max(0, w.Y1-w.Y0) }

func overlap(a, b Word) float64 {
	x := min(a.X1, b.X1) - max(a.X0, b.X0)
	y := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	if x <= 0 || y <= 0 {
		return 0
	}
	return float64(x * y)
}

// span is the box the words cover (the digits pass's: the table's value
// area); the zero box for none.
func span(ws []Word) image.Rectangle {
	var r image.Rectangle
	for _, w := range ws {
		r = r.Union(image.Rect(w.X0, w.Y0, w.X1, w.Y1))
	}
	return r
}

// inside says whether w's middle lies within r.
func inside(w Word, r image.Rectangle) bool {
	cx, cy := (w.X0+w.X1)/2, (w.Y0+w.Y1)/2
	return !r.Empty() && cx >= r.Min.X && cx <= r.Max.X && cy >= r.Min.Y && cy <= r.Max.Y
}

// Deskew straightens a page scanned at a slant: the angle whose rows of
// ink are the most sharply separated (the variance of a projection
// profile, over ±3° in steps of 0.1°) is undone by rotating the image
// about its centre. A page within 0.1° is returned as it is.
func Deskew(g *image.Gray) (*image.Gray, float64) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	const step = 4 // sample every 4th pixel: enough for the angle
	var xs, ys []float64
	for y := 0; y < h; y += step {
		for x := 0; x < w; x += step {
			if g.Pix[y*g.Stride+x] < dark {
				xs, ys = append(xs, float64(x-w/2)), append(ys, float64(y-h/2))
			}
		}
	}
	if len(xs) < 100 {
		return g, 0
	}
	score := func(deg float64) float64 {
		s, c := math.Sincos(deg * math.Pi / 180)
		rows := make(map[int]int, h/step)
		for i := range xs {
			rows[int(math.Round((ys[i]*c-xs[i]*s)/step))]++ // bins of the sampling step: none left empty at 0°
		}
		var sum float64
		for _, n := range rows {
			sum += float64(n * n)
		}
		return sum
	}
	best, bestScore := 0.0, score(0)
	for d := -30; d <= 30; d++ {
		if d == 0 {
			continue
		}
		deg := float64(d) / 10
		if sc := score(deg); sc > bestScore {
			best, bestScore = deg, sc
		}
	}
	if math.Abs(best) < 0.1 {
		return g, 0
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	s, c := math.Sincos(best * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// the source of output pixel (x, y): rotate back by the angle
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := int(math.Round(dx*c-dy*s+cx)), int(math.Round(dx*s+dy*c+cy))
			v := byte(255)
			if sx >= 0 && sx < w && sy >= 0 && sy < h {
				v = g.Pix[sy*g.Stride+sx]
			}
			out.Pix[y*out.Stride+x] = v
		}
	}
	return out, best
}
