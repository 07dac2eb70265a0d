package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"sort"

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

// maxPicture bounds the bytes of one picture decoded for OCR.
const maxPicture = 64 << 20

var errPictureFormat = errors.New("the picture is in a format gongkai does not decode (only JPEG, and 8-bit gray or RGB)")

// ocrPage fills c from the page's largest picture, in place of its text
// layer. It says nothing was done when no picture is large enough to be
// the page's scan.
func ocrPage(ctx context.Context, c *content.Content) (bool, error) {
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
	if best == nil || area(best) < minScanCover*c.Width*c.Height {
		return false, nil
	}
	img, err := decodePicture(best.Image)
	if err != nil {
		return false, err
	}
	layer := c.Chars
	c.Chars = nil
	if err := ocrInto(ctx, c, img, *best); err != nil {
		c.Chars = layer
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
	words, err := ocr.Words(ctx, clean)
	if err != nil {
		return err
	}
	area, ruled := tableArea(h, v, clean.Rect)
	if r := area; ruled {
		digits, err := ocr.Digits(ctx, clean.SubImage(r))
		if err != nil {
			return err
		}
		for i := range digits {
			d := &digits[i]
			d.X0, d.X1, d.Y0, d.Y1 = d.X0+r.Min.X, d.X1+r.Min.X, d.Y0+r.Min.Y, d.Y1+r.Min.Y
		}
		words = ocr.Merge(words, digits)
	}
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
	closeGaps(words, area)
	for _, wd := range words {
		rs := []rune(wd.Text)
		step := float64(wd.X1-wd.X0) / float64(len(rs))
		top, bottom := py(wd.Y0), py(wd.Y1)
		for i, r := range rs {
			x0 := px(wd.X0) + float64(i)*step*sx
			c.Chars = append(c.Chars, content.Char{S: string(r), X0: x0, X1: x0 + step*sx, Y0: bottom, Y1: top,
				Base: bottom, Size: top - bottom, OK: true, Upright: true, Confidence: wd.Confidence})
		}
	}
	return nil
}

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
	blocks := blocks([]*pageResult{analysePage(1, c)})
	for _, bl := range blocks {
		if bl.Table != nil {
			bl.Table.Index += first - 1
		}
	}
	return blocks, nil
}

func area(p *content.Picture) float64 { return (p.X1 - p.X0) * (p.Y1 - p.Y0) }

// decodePicture decodes an image XObject: a JPEG as stored (exact, no
// rendering), or 8-bit gray or RGB samples.
func decodePicture(v object.Value) (image.Image, error) {
	if v.Filter() == "DCTDecode" && v.Key("Filter").Kind() != object.Array {
		img, err := jpeg.Decode(bytes.NewReader(v.Raw(maxPicture)))
		if err != nil {
			return nil, fmt.Errorf("pdf: the page's JPEG picture: %v", err)
		}
		return img, nil
	}
	w, h, bpc := v.Key("Width").Int(), v.Key("Height").Int(), v.Key("BitsPerComponent").Int()
	if w <= 0 || h <= 0 || bpc != 8 || w*h > maxPicture {
		return nil, errPictureFormat
	}
	data := v.Data(maxPicture)
	switch v.Key("ColorSpace").Name() {
	case "DeviceGray", "CalGray":
		if len(data) < w*h {
			return nil, errPictureFormat
		}
		return &image.Gray{Pix: data[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}, nil
	case "DeviceRGB", "CalRGB":
		if len(data) < 3*w*h {
			return nil, errPictureFormat
		}
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range w * h {
			r, gr, b := int(data[3*i]), int(data[3*i+1]), int(data[3*i+2])
			g.Pix[i] = byte((299*r + 587*gr + 114*b) / 1000)
		}
		return g, nil
	}
	return nil, errPictureFormat
}

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
