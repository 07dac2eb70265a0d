package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"
)

// scanPage is a one-page PDF covered by a gray picture of the words pic
// (in the Go font at 48 pixels), with a text layer saying layer unless it
// is empty.
func scanPage(t *testing.T, layer, pic string) []byte {
	img := wordsPicture(t, pic)
	w, h, big := img.Rect.Dx(), img.Rect.Dy(), img.Pix
	content := fmt.Sprintf("q %d 0 0 %d 0 0 cm /Im1 Do Q", w, h)
	if layer != "" {
		content += " BT /F1 12 Tf 20 20 Td (" + layer + ") Tj ET"
	}
	return writeClassic([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>", w, h),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", w, h, len(big), big),
	}, "/Root 1 0 R")
}

// wordsPicture is a gray picture of the words s, in the Go font at 48
// pixels.
func wordsPicture(t *testing.T, s string) *image.Gray {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 48, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	d := font.Drawer{Src: image.Black, Face: face, Dot: fixed.P(40, 90)}
	img := image.NewGray(image.Rect(0, 0, d.MeasureString(s).Ceil()+80, 140))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	d.Dst = img
	d.DrawString(s)
	return img
}

// --ocr: auto reads a page that is only a picture and leaves a text layer
// alone; off refuses the scan, saying so; force reads the picture in
// place of the text layer.
func TestOCRModes(t *testing.T) {
	for _, tc := range []struct {
		mode           extract.OCRMode
		layer          string
		want, wantErr  string
		ocrPages       int
		needsTesseract bool
	}{
		{mode: extract.OCROff, wantErr: "a scan, and OCR was turned off"},
		{mode: extract.OCROff, layer: "Report text", want: "Report text"},
		{mode: extract.OCRAuto, layer: "Report text", want: "Report text"},
		{mode: extract.OCRAuto, want: "2024", ocrPages: 1, needsTesseract: true},
		{mode: extract.OCRForce, layer: "Report text", want: "2024", ocrPages: 1, needsTesseract: true},
	} {
		name := fmt.Sprintf("%v/layer=%q", tc.mode, tc.layer)
		if tc.needsTesseract && !ocr.Available() {
			t.Logf("%s: skipped, tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)", name)
			continue
		}
		b := scanPage(t, tc.layer, "2024 365")
		in, err := extract.NewInput("scan.pdf", bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		in.OCR = tc.mode
		doc, err := New().Extract(context.Background(), in)
		if tc.wantErr != "" {
			if !errors.Is(err, extract.ErrNoTextLayer) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: err = %v, want ErrNoTextLayer saying %q", name, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		text := doc.Text()
		if !strings.Contains(text, tc.want) || doc.OCRPages != tc.ocrPages {
			t.Errorf("%s: text %q, %d pages OCR'd; want %q, %d", name, text, doc.OCRPages, tc.want, tc.ocrPages)
		}
		if tc.mode == extract.OCRForce && strings.Contains(text, "Report") {
			t.Errorf("%s: the text layer was kept beside the OCR: %q", name, text)
		}
	}
}

// TestPickReadings: cell by cell, the surer reading wins — the page's where
// Tesseract was surer of it, the cell's own where it was surer there, and
// either where the other read nothing; words outside every cell stay.
func TestPickReadings(t *testing.T) {
	w := func(text string, x, conf float64) ocr.Word {
		return ocr.Word{Text: text, X0: int(x), X1: int(x) + 20, Y0: 10, Y1: 30, Confidence: conf}
	}
	page := []ocr.Word{w("申请", 10, 95), w("]", 110, 40), w("5", 210, 90), w("IT", 410, 90), w("标题", 500, 90)}
	cells := []cellReading{
		{box: image.Rect(0, 0, 100, 40), words: []ocr.Word{w("甲请", 10, 60)}, figure: true},   // the page was surer; a label, though in a column of figures
		{box: image.Rect(100, 0, 200, 40), words: []ocr.Word{w("1", 110, 92)}},               // the cell was surer
		{box: image.Rect(200, 0, 300, 40)},                                                   // the cell read nothing
		{box: image.Rect(300, 0, 400, 40), words: []ocr.Word{w("0", 310, 30)}},               // the page read nothing
		{box: image.Rect(400, 0, 480, 40), words: []ocr.Word{w("7", 410, 50)}, figure: true}, // a figure over a surer speck
	}
	var got []string
	words, unread := pickReadings(page, cells)
	for _, x := range words {
		got = append(got, x.Text)
	}
	sort.Strings(got)
	if want := []string{"0", "1", "5", "7", "标题", "申请"}; !slices.Equal(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
	if len(unread) != 0 {
		t.Errorf("unread %v; every figure cell read as a figure", unread)
	}
	// A speck of a reading in a column of figures, which no pass read as
	// a figure: its cell is unread, its text kept.
	words, unread = pickReadings([]ocr.Word{w("了", 10, 80)}, []cellReading{{box: image.Rect(0, 0, 100, 40), figure: true, below: true}})
	if len(words) != 1 || len(unread) != 1 || unread[0] != image.Rect(0, 0, 100, 40) {
		t.Errorf("a speck in a column of figures: %v, unread %v", words, unread)
	}
	// A header's words cut short (本年增 for 本年增/减), under the figures
	// of the block above: words, not a speck.
	for _, header := range []string{"本年增", "年增/", "采购总"} {
		if _, unread = pickReadings([]ocr.Word{w(header, 10, 80)}, []cellReading{{box: image.Rect(0, 0, 100, 40), figure: true, below: true}}); len(unread) != 0 {
			t.Errorf("a header %q read as a speck of a figure", header)
		}
	}
	// Outside every cell, a line of nothing but specks (a rough scan's
	// noise read as text) goes; a speck in a line of words stays.
	speck := func(text string, line int, conf float64) ocr.Word {
		return ocr.Word{Text: text, X0: 500, X1: 520, Y0: 100 * line, Y1: 100*line + 20, Confidence: conf, Line: line}
	}
	words, _ = pickReadings([]ocr.Word{speck("全", 1, 3), speck("1", 1, 9), speck("王", 2, 12), speck("改进措施", 2, 90)}, nil)
	if got := fmt.Sprint(words); !strings.Contains(got, "王") || strings.Contains(got, "全") || len(words) != 2 {
		t.Errorf("specks outside the cells: kept %v, want the line of words only", words)
	}
	// Ink no pass read, there: a figure lost, not a blank (which would
	// read as the template's 0).
	words, unread = pickReadings(nil, []cellReading{{box: image.Rect(0, 0, 100, 40), figure: true, below: true}})
	if len(words) != 1 || words[0].Text != "\ufffd" || len(unread) != 1 {
		t.Errorf("an unread figure: %v, unread %v", words, unread)
	}
	// The page's figure read as a guess (confidence 13) is no evidence
	// against the cell's, even one read by its shape (confidence 0).
	words, _ = pickReadings([]ocr.Word{w("2", 10, 13)}, []cellReading{{box: image.Rect(0, 0, 100, 40), words: []ocr.Word{w("1", 10, 0)}, figure: true, below: true}})
	if len(words) != 1 || words[0].Text != "1" {
		t.Errorf("a guess on the page against the cell's figure: %v, want 1", words)
	}
	// A figure settled by a vote that heard the page's reading stands,
	// however sure the page was.
	words, _ = pickReadings([]ocr.Word{w("301", 10, 95)}, []cellReading{{box: image.Rect(0, 0, 100, 40), words: []ocr.Word{w("3001", 10, 81)}, figure: true, below: true, settled: true}})
	if len(words) != 1 || words[0].Text != "3001" {
		t.Errorf("a settled figure against the page's surer reading: %v, want 3001", words)
	}
	// A cell's own word whose box reaches past its rule (a label's last
	// character pressed against it) stays inside the cell.
	words, _ = pickReadings(nil, []cellReading{{box: image.Rect(0, 0, 100, 40), words: []ocr.Word{w("开未", 90, 90)}}})
	if c := center(words[0]); len(words) != 1 || c.X >= 100-cellReach {
		t.Errorf("a cell's word reaching past its rule: centre %v, want inside the cell's crop", c)
	}
}

// TestDropMarks: a rule's remains or a speck beside a figure go; a label's
// punctuation, or marks beside what is no figure, stay.
func TestDropMarks(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"|，", "0"}, []string{"0"}},
		{[]string{"、", "12", "|"}, []string{"12"}},
		{[]string{"102"}, []string{"102"}},
		{[]string{"(一)", "予以公开"}, []string{"(一)", "予以公开"}},
		{[]string{"|", "了"}, []string{"|", "了"}},
		{[]string{"-15"}, []string{"-15"}},    // a fall, its sign kept
		{[]string{"|-15|"}, []string{"-15"}},  // beside a rule's remains
		{[]string{"-", "15"}, []string{"15"}}, // a dash apart is a mark
		{[]string{"—15"}, []string{"15"}},     // and a long one
	} {
		c := &crop{}
		for _, s := range tc.in {
			c.text = append(c.text, ocr.Word{Text: s})
		}
		c.text = c.text.withoutMarks()
		var got []string
		for _, w := range c.text {
			got = append(got, w.Text)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestClipOverlaps: a word whose box reaches over the next words of its
// line ends where the next begins, so that its characters keep their
// order; words of other lines, and words read cell by cell, are left be.
func TestClipOverlaps(t *testing.T) {
	words := []ocr.Word{
		{Text: "淮安", X0: 520, X1: 818, Line: 1},
		{Text: "市", X0: 668, X1: 725, Line: 1},
		{Text: "洪", X0: 725, X1: 792, Line: 1},
		{Text: "2024", X0: 360, X1: 476, Line: 2},
		{Text: "12", X0: 10, X1: 900},
		{Text: "3", X0: 20, X1: 40},
	}
	clipOverlaps(words)
	if words[0].X1 != 668 || words[1].X1 != 725 || words[3].X1 != 476 || words[4].X1 != 900 {
		t.Errorf("%+v", words)
	}
}

func TestConfusedDigits(t *testing.T) {
	for _, tc := range []struct {
		in     string
		single bool
		want   string
	}{
		{"IT", false, ""}, {"IT", true, "1"}, {"I", false, "1"}, {"]", true, "1"}, {"l0", false, "10"},
		{"O", false, "0"}, {"1S", false, "15"}, {"了", true, ""}, {"申请", false, ""}, {"", true, ""},
	} {
		if got := confusedDigits(tc.in, tc.single); got != tc.want {
			t.Errorf("confusedDigits(%q, %v) = %q, want %q", tc.in, tc.single, got, tc.want)
		}
	}
}

// TestEvenLines: the words of one OCR line take the line's height (a
// label's 数量 boxed a pixel high would sort out of its line); other lines
// and words of no line keep theirs.
func TestEvenLines(t *testing.T) {
	words := []ocr.Word{
		{Text: "上年", Y0: 10, Y1: 40, Line: 1},
		{Text: "数量", Y0: 25, Y1: 26, Line: 1},
		{Text: "申请", Y0: 50, Y1: 80, Line: 2},
		{Text: "5", Y0: 0, Y1: 5},
	}
	evenLines(words)
	want := [][2]int{{10, 40}, {10, 40}, {50, 80}, {0, 5}}
	for i, w := range words {
		if got := [2]int{w.Y0, w.Y1}; got != want[i] {
			t.Errorf("%s: rows %v, want %v", w.Text, got, want[i])
		}
	}
}

// TestPasteWhitensPaper: a cell of a dim, noisy scan is pasted into the
// strip with its paper white and its ink dark, as a clean scan's would be;
// scaled up, the stroke keeps its place and width (smoothing grays only
// its edges).
func TestPasteWhitensPaper(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 40, 20))
	for i := range g.Pix {
		g.Pix[i] = byte(185 + (i*7919)%21) // paper at 185–205: dim, speckled
	}
	for x := 10; x < 14; x++ { // a stroke of ink
		for y := 4; y < 16; y++ {
			g.Pix[y*g.Stride+x] = 60
		}
	}
	for _, k := range []float64{1, 2, 2.5} {
		sz := scaledSize(g.Rect, k)
		dst := image.NewGray(image.Rect(0, 0, sz.X, sz.Y))
		paste(dst, image.Point{}, g, g.Rect, k)
		for y := range sz.Y {
			for x := range sz.X {
				// The source pixel's centre, and its distance from the stroke.
				sx, sy := (float64(x)+0.5)/k, (float64(y)+0.5)/k
				out := max(10-sx, sx-14, 4-sy, sy-16)
				v := dst.Pix[y*dst.Stride+x]
				if out >= 2 && v != 255 || out <= -1 && v >= 128 {
					t.Fatalf("scale %g: pixel (%d, %d) is %d, %.1f pixels outside the stroke", k, x, y, v, out)
				}
			}
		}
	}
}

// TestWidthMiss: a figure's width, from its digits, against its ink's: a
// blurred 11 read as 1 is as wide as 11 and twice as wide as 1.
func TestWidthMiss(t *testing.T) {
	for _, tc := range []struct {
		figure string
		w, h   int
		fits   bool
	}{
		{"1", 3, 15, true},
		{"1", 12, 14, false}, // the ink of 11
		{"11", 12, 14, true},
		{"58", 20, 13, true},
		{"102", 26, 15, true},
		{"8", 26, 15, false}, // a digit of three
	} {
		if got := typicalDigits.widthMiss(tc.figure, tc.w, tc.h) <= maxWidthMiss; got != tc.fits {
			t.Errorf("%q in ink %d×%d: fits %v, want %v", tc.figure, tc.w, tc.h, got, tc.fits)
		}
	}
	// A face whose 1 is wide (a sans serif's, with its flag and foot)
	// measures so from the page's one-digit cells.
	var crops []*crop
	img := image.NewGray(image.Rect(0, 0, 400, 40))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for i := range 6 {
		x := 10 + 60*i
		for y := 10; y < 30; y++ { // a 1 ten pixels wide, twenty high
			for dx := range 10 {
				img.Pix[y*img.Stride+x+dx] = 0
			}
		}
		crops = append(crops, &crop{r: image.Rect(x-8, 2, x+18, 38), text: reading{{Text: "1"}}})
	}
	if d := measureDigits(img, crops); d.one < 0.45 || d.one > 0.55 || d.other != typicalDigits.other {
		t.Errorf("measured %+v, want a 1 half its height wide and other digits typical", d)
	}
}

// TestIsOne: ink as tall as the page's digits and as narrow as its 1s is a
// 1; wider ink, or a speck, is not.
func TestIsOne(t *testing.T) {
	d := digitWidths{one: 0.3, other: 0.6, height: 20}
	for _, tc := range []struct {
		w, h int
		want bool
	}{
		{6, 20, true},
		{7, 19, true},
		{12, 20, false}, // another digit's width
		{3, 8, false},   // a speck
		{0, 0, false},
	} {
		if got := d.isOne(tc.w, tc.h); got != tc.want {
			t.Errorf("isOne(%d, %d) = %v", tc.w, tc.h, got)
		}
	}
	if (digitWidths{one: 0.3, other: 0.6}).isOne(6, 20) {
		t.Error("isOne without the page's digit height measured")
	}
}

// TestOnes: two 1s whose feet blur into one, read as 1, are 11 by their
// two stems; a lone 1 stays 1.
func TestOnes(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 60, 40))
	for i := range img.Pix {
		img.Pix[i] = 230
	}
	paint := func(x0, y0, x1, y1 int, v byte) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.Pix[y*img.Stride+x] = v
			}
		}
	}
	paint(20, 10, 23, 30, 40)  // a stem
	paint(30, 10, 33, 30, 40)  // another
	paint(17, 28, 36, 30, 120) // their feet, blurred into one
	cr := &crop{r: img.Rect}
	d := digitWidths{one: 0.3, other: 0.6, height: 20}
	if got := cr.ones(img, "1", 19, 20, d); got != "11" {
		t.Errorf("two stems read 1: %q, want 11", got)
	}
	lone := image.NewGray(image.Rect(0, 0, 60, 40))
	copy(lone.Pix, img.Pix)
	for y := 10; y < 30; y++ {
		for x := 30; x < 36; x++ {
			lone.Pix[y*lone.Stride+x] = 230
		}
	}
	if got := (&crop{r: lone.Rect}).ones(lone, "1", 6, 20, d); got != "" {
		t.Errorf("one stem read 1: %q, want the reading to stand", got)
	}
}

// TestWordCharsKeepRepeats: a figure whose box OCR drew as tall as its
// line keeps its repeated digits: they are not taken for one digit
// printed twice (fake bold).
func TestWordCharsKeepRepeats(t *testing.T) {
	cs := wordChars(ocr.Word{Text: "3001"}, 100, 116, 500, 514, false) // 16 pt wide, 14 pt tall
	ps := make([]*content.Char, len(cs))
	for i := range cs {
		ps[i] = &cs[i]
	}
	if got := joinChars(dedupe(ps)); got != "3001" {
		t.Errorf("3001 boxed tall reads %q", got)
	}
}

// The words of a line Tesseract read share the line's top and bottom (a
// large title's words are boxed by their own ink, a third apart), except
// a word not across the line's middle.
func TestLevelLines(t *testing.T) {
	words := []ocr.Word{
		{Text: "2019年", X0: 0, Y0: 90, X1: 60, Y1: 112, Line: 1},
		{Text: "人民", X0: 60, Y0: 86, X1: 100, Y1: 124, Line: 1},
		{Text: "政府", X0: 100, Y0: 90, X1: 140, Y1: 112, Line: 1},
		{Text: "办公厅", X0: 140, Y0: 90, X1: 200, Y1: 113, Line: 1},
		{Text: "，", X0: 200, Y0: 120, X1: 205, Y1: 126, Line: 1}, // below the middle
		{Text: "发布", X0: 0, Y0: 150, X1: 40, Y1: 170, Line: 2},
	}
	levelLines(words)
	for i, w := range words[:4] {
		if w.Y0 != 90 || w.Y1 != 113 {
			t.Errorf("word %d %q: rows %d–%d, want the line's 90–113", i, w.Text, w.Y0, w.Y1)
		}
	}
	if w := words[4]; w.Y0 != 120 || w.Y1 != 126 {
		t.Errorf("a word below the line's middle moved: %+v", w)
	}
	if w := words[5]; w.Y0 != 150 || w.Y1 != 170 {
		t.Errorf("a line of one word moved: %+v", w)
	}
}
