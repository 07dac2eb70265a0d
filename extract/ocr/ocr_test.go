package ocr

import (
	"context"
	"image"
	"image/draw"
	"math"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// page draws a ruled table — 3 rows by 3 columns — and, apart, a tall
// stroke such as a heading's character has; a heading's stroke standing on
// the table's top rule; and a character's stroke set tight between the
// rules of a row, touching both.
func page() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 1000, 1400))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	ink := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				g.Pix[y*g.Stride+x] = 20
			}
		}
	}
	for _, y := range []int{400, 460, 520, 580} {
		ink(100, y, 900, y+3)
	}
	for _, x := range []int{100, 500, 700, 897} {
		ink(x, 400, x+3, 583)
	}
	ink(300, 100, 306, 200) // a stroke of a big title, meeting no rule
	ink(200, 362, 205, 400) // a heading's stroke on the top rule
	ink(600, 463, 603, 520) // a stroke between a row's rules
	return g
}

func TestLines(t *testing.T) {
	h, v := Lines(page())
	if len(h) != 4 || len(v) != 4 {
		t.Fatalf("%d horizontal, %d vertical lines: %v %v", len(h), len(v), h, v)
	}
	if l := h[0]; l.X0 != 100 || l.X1 != 900 || l.Y0 != 401 || l.Thick != 3 {
		t.Errorf("first rule %+v", l)
	}
	g := page()
	Erase(g, h, v)
	for _, x := range []int{100, 500, 897} {
		if g.Pix[450*g.Stride+x+1] != 255 {
			t.Errorf("rule at x %d not erased", x)
		}
	}
	for _, p := range []image.Point{{302, 150}, {202, 380}, {601, 490}} {
		if g.Pix[p.Y*g.Stride+p.X] == 255 {
			t.Errorf("the stroke at %v was erased", p)
		}
	}
}

func TestMerge(t *testing.T) {
	words := []Word{
		{Text: "予以公开", X0: 100, Y0: 400, X1: 300, Y1: 440, Confidence: 95},
		{Text: "遇", X0: 520, Y0: 400, X1: 540, Y1: 440, Confidence: 40},   // a 0 read as a character
		{Text: "。2", X0: 600, Y0: 400, X1: 630, Y1: 440, Confidence: 80},  // a stray mark
		{Text: "二", X0: 700, Y0: 400, X1: 720, Y1: 440, Confidence: 30},   // a speck among the numbers
		{Text: "|-3", X0: 900, Y0: 400, X1: 930, Y1: 440, Confidence: 70}, // a fall, beside a rule's remains
		{Text: "元", X0: 760, Y0: 400, X1: 780, Y1: 440, Confidence: 23},   // a unit among the numbers, however doubtful
	}
	digits := []Word{
		{Text: "0", X0: 521, Y0: 402, X1: 538, Y1: 438, Confidence: 90},
		{Text: "7", X0: 800, Y0: 402, X1: 815, Y1: 438, Confidence: 88}, // seen by the digits pass only
	}
	var got []string
	for _, w := range Merge(words, digits) {
		got = append(got, w.Text)
	}
	if want := "予以公开 0 2 -3 元 7"; strings.Join(got, " ") != want {
		t.Errorf("merged %q, want %q", strings.Join(got, " "), want)
	}
}

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t10\t20\t100\t40\t96.5\t总计\n" +
		"5\t1\t1\t1\t1\t2\t150\t20\t40\t40\t91\t102\n" +
		// A word that is a quotation mark opens no quoted field: the lines
		// after it are words of their own.
		"5\t1\t1\t1\t2\t1\t10\t80\t10\t40\t40\t\"\n" +
		"5\t1\t1\t1\t2\t2\t30\t80\t40\t40\t90\t58\n"
	// The images of one run are its pages: a word goes to its own.
	tsv += "1\t2\t0\t0\t0\t0\t0\t0\t50\t50\t-1\t\n" +
		"5\t2\t1\t1\t1\t1\t5\t6\t7\t8\t88\t7\n" +
		"5\t9\t1\t1\t1\t1\t5\t6\t7\t8\t88\t9\n" // no such page
	pages, err := parseTSV(strings.NewReader(tsv), 2)
	if err != nil || len(pages) != 2 {
		t.Fatalf("%+v, %v", pages, err)
	}
	ws := pages[0]
	if len(ws) != 4 || ws[1].Text != "102" || ws[1].X1 != 190 || ws[0].Confidence != 96.5 || ws[2].Text != `"` || ws[3].Text != "58" {
		t.Errorf("page 1: %+v", ws)
	}
	if len(pages[1]) != 1 || pages[1][0].Text != "7" || pages[1][0].Y1 != 14 {
		t.Errorf("page 2: %+v", pages[1])
	}
}

// A page scanned at a slant is straightened: its rules are found again.
func TestDeskew(t *testing.T) {
	g := page()
	// slant it by 1.5°, as a scanner might
	slanted := image.NewGray(g.Rect)
	s, c := math.Sincos(1.5 * math.Pi / 180)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x-w/2), float64(y-h/2)
			sx, sy := int(dx*c-dy*s)+w/2, int(dx*s+dy*c)+h/2
			v := byte(255)
			if sx >= 0 && sx < w && sy >= 0 && sy < h {
				v = g.Pix[sy*g.Stride+sx]
			}
			slanted.Pix[y*slanted.Stride+x] = v
		}
	}
	thickest := func(hs []Line) int {
		n := 0
		for _, l := range hs {
			n = max(n, l.Thick)
		}
		return n
	}
	if hs, _ := Lines(slanted); thickest(hs) < 10 {
		t.Fatal("the slanted page's rules are not slanted: the test shows nothing")
	}
	straight, angle := Deskew(slanted)
	if math.Abs(math.Abs(angle)-1.5) > 0.2 {
		t.Errorf("angle %.1f°, want ±1.5°", angle)
	}
	if hs, vs := Lines(straight); len(hs) != 4 || len(vs) != 4 || thickest(hs) > 5 {
		t.Errorf("after deskewing: %d horizontal rules (thickest %d px), %d vertical", len(hs), thickest(hs), len(vs))
	}
}

// TestLinesFaintScan: the rules of a blurred, unevenly lit scan come out
// light gray, lighter than a fixed threshold's ink, on paper that darkens
// towards one corner; measured against the paper around them, they are
// found all the same.
func TestLinesFaintScan(t *testing.T) {
	g := page()
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			shade := 255 - 60*(x+y)/(w+h) // paper from 255 down to 195
			p := &g.Pix[y*g.Stride+x]
			if *p < 128 {
				*p = byte(shade - 55) // a rule: 55 levels under its paper, lighter than dark in places
			} else {
				*p = byte(shade)
			}
		}
	}
	hs, vs := Lines(g)
	if len(hs) != 4 || len(vs) != 4 {
		t.Errorf("%d horizontal, %d vertical lines on the faint scan; want 4 and 4", len(hs), len(vs))
	}
}

// figureImage draws s in a 7×13 bitmap face scaled by 4, black on white,
// with a margin: a table cell's figure at some 50 pixels a line.
func figureImage(s string) *image.Gray {
	const k = 4
	small := image.NewGray(image.Rect(0, 0, 7*len(s)+16, 13+16))
	draw.Draw(small, small.Rect, image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: small, Src: image.Black, Face: basicfont.Face7x13, Dot: fixed.P(8, 8+11)}
	d.DrawString(s)
	g := image.NewGray(image.Rect(0, 0, small.Rect.Dx()*k, small.Rect.Dy()*k))
	for y := range g.Rect.Dy() {
		for x := range g.Rect.Dx() {
			g.Pix[y*g.Stride+x] = small.Pix[(y/k)*small.Stride+x/k]
		}
	}
	return g
}

// Many images read in one run of Tesseract read as each does alone.
func TestReadMany(t *testing.T) {
	if !Available() {
		t.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
	}
	figures := []string{"102", "58", "3001", "7"}
	var imgs []image.Image
	for _, f := range figures {
		imgs = append(imgs, figureImage(f))
	}
	ctx := context.Background()
	all, err := FigureLine.Read(ctx, imgs...)
	if err != nil || len(all) != len(imgs) {
		t.Fatalf("%d readings, %v", len(all), err)
	}
	read := ""
	for i, img := range imgs {
		alone, err := FigureLine.Read(ctx, img)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(alone[0], all[i]) {
			t.Errorf("%s: alone %+v, among others %+v", figures[i], alone[0], all[i])
		}
		for _, w := range all[i] {
			read += w.Text
		}
	}
	if read == "" {
		t.Error("nothing read: the comparison says nothing")
	}
	if none, err := FigureLine.Read(ctx); none != nil || err != nil {
		t.Errorf("no images: %v, %v", none, err)
	}
}

// A thin rule of a rough scan, tilted a little, is one line: it steps
// from one column to the next along its length.
func TestLinesSteppingRule(t *testing.T) {
	g := page()
	// A rule a pixel wide dividing the second and third rows.
	for y := 462; y < 520; y++ {
		x := 300 + (y/20)%2 // it steps between two columns every 20 rows
		g.Pix[y*g.Stride+x] = 20
	}
	for y := 523; y < 580; y++ {
		x := 301 - (y/20)%2
		g.Pix[y*g.Stride+x] = 20
	}
	_, v := Lines(g)
	found := false
	for _, l := range v {
		found = found || abs(l.X0-300) <= 1 && l.Y0 <= 463 && l.Y1 >= 578
	}
	if !found {
		t.Errorf("the rule at x 300 not found whole: %v", v)
	}
}

// A light rule that noise broke every few pixels is still a rule where it
// runs from rule to rule in two cells or more; a column of figures that
// stop short of the rules, and a stroke in one cell, are not.
func TestLinesFaintRule(t *testing.T) {
	g := page()
	set := func(x, y int, p byte) { g.Pix[y*g.Stride+x] = p }
	for y := 400; y < 583; y++ {
		if y%10 < 7 { // broken for 3 pixels in 10: pieces far shorter than a rule
			set(300, y, 170)
		}
	}
	for x := 100; x < 700; x++ {
		if x%10 < 7 {
			set(x, 490, 170)
		}
	}
	for _, y0 := range []int{468, 528} { // figures 1 in two rows, 5 pixels from the rules
		for y := y0; y < y0+45; y++ {
			set(650, y, 20)
		}
	}
	h, v := Lines(g)
	var faintV, faintH, figures bool
	for _, l := range v {
		faintV = faintV || abs(l.X0-300) <= 1 && l.Y0 <= 462 && l.Y1 >= 578
		figures = figures || abs(l.X0-650) <= 3
	}
	for _, l := range h {
		faintH = faintH || abs(l.Y0-490) <= 1 && l.X0 <= 103 && l.X1 >= 697
	}
	if !faintV || !faintH {
		t.Errorf("faint rules found: vertical %v, horizontal %v\n%v\n%v", faintV, faintH, h, v)
	}
	if figures {
		t.Errorf("a column of figures read as a rule: %v", v)
	}
}
