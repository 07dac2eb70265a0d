package review

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gongkai/gongkai"
)

func TestParseGeometry(t *testing.T) {
	out := []byte("Page    2 size:  842 x 595 pts\nPage    2 rot:   270\nPage    2 MediaBox:  0.00 0.00 612.00 792.00\nPage    2 CropBox:     10.00    20.00   602.00   782.00\n")
	g, err := parseGeometry(out, 2)
	if err != nil || g != (geometry{10, 20, 602, 782, 270}) {
		t.Fatalf("%+v %v", g, err)
	}
	if _, err := parseGeometry(out, 1); err == nil {
		t.Error("page 1 is not in the output")
	}
	for _, tc := range []struct {
		g    geometry
		in   box
		want box
	}{
		{geometry{0, 0, 100, 200, 0}, box{X: 10, Y: 20, W: 30, H: 40}, box{X: 10, Y: 140, W: 30, H: 40}},
		{geometry{10, 20, 110, 220, 0}, box{X: 20, Y: 40, W: 30, H: 40}, box{X: 10, Y: 140, W: 30, H: 40}},
		{geometry{0, 0, 100, 200, 90}, box{X: 10, Y: 20, W: 30, H: 40}, box{X: 20, Y: 10, W: 40, H: 30}},
		{geometry{0, 0, 100, 200, 180}, box{X: 10, Y: 20, W: 30, H: 40}, box{X: 60, Y: 20, W: 30, H: 40}},
		{geometry{0, 0, 100, 200, 270}, box{X: 10, Y: 20, W: 30, H: 40}, box{X: 140, Y: 60, W: 40, H: 30}},
	} {
		if got := tc.g.place(tc.in); got != tc.want {
			t.Errorf("%+v.place(%+v) = %+v, want %+v", tc.g, tc.in, got, tc.want)
		}
	}
}

// On a page turned by /Rotate, a value's box outlines the same pixels that
// it outlines on the page upright: what pdftoppm draws is what the box
// says.
func TestRotatedPageBoxes(t *testing.T) {
	src := "../../shared/corpus/real/huaian-hongze-district-2023.pdf"
	if _, err := os.Stat(src); err != nil {
		t.Skip("../shared/corpus is not here: the rotated page test skipped")
	}
	for _, tool := range []string{"qpdf", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (.ci/apt-packages installs it)", tool)
		}
	}
	rec := gongkai.New().File(context.Background(), src)
	const page = 2
	boxes := boxesOn(rec, page)
	if len(boxes) == 0 {
		t.Fatal("no boxes on page 2")
	}
	dir := t.TempDir()
	r := newPageRenderer()
	draw := func(path string) (image.Image, geometry) {
		b, err := r.png(path, page)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		g, err := pageGeometry(context.Background(), path, page)
		if err != nil {
			t.Fatal(err)
		}
		return img, g
	}
	upright, g0 := draw(src)
	for _, rot := range []int{90, 180, 270} {
		turned := filepath.Join(dir, "turned.pdf")
		if out, err := exec.Command("qpdf", "--rotate=+"+strconv.Itoa(rot)+":"+strconv.Itoa(page), src, turned).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v %s", err, out)
		}
		r = newPageRenderer()
		img, g := draw(turned)
		if g.Rot != rot {
			t.Fatalf("rotation %d, want %d", g.Rot, rot)
		}
		for _, b := range boxes[:min(len(boxes), 8)] {
			a, c := ink(upright, g0.place(b)), ink(img, g.place(b))
			if math.Abs(a-c) > 0.02 || a == 0 {
				t.Errorf("rotated %d: %s: ink %.3f upright, %.3f turned", rot, b.Key, a, c)
			}
		}
	}
}

// ink is the share of dark pixels inside a box (points from the top left).
func ink(img image.Image, b box) float64 {
	s := float64(pageDPI) / 72
	x0, y0, x1, y1 := int(b.X*s)+2, int(b.Y*s)+2, int((b.X+b.W)*s)-2, int((b.Y+b.H)*s)-2
	dark, all := 0, 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				dark++
			}
			all++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(dark) / float64(all)
}
