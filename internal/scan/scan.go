// Package scan makes scans of documents, for measuring and testing OCR:
// each page rendered by poppler's pdftoppm in gray, and written as an
// image-only PDF, clean (200 dpi, JPEG quality 85) or rough, as the
// corpus's generated/scans/MANIFEST.md says its scans were made (150–165
// dpi; tilted up to 1.5°, blurred, noisy, lit unevenly from a corner; JPEG
// quality 60). It is shared by the project's tests and scripts only.
package scan

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/pdftest"
)

// PDF scans the pages of the PDF file src (first to last, 1-based; 0, 0
// for all): clean when rough is nil, rough with the settings it draws
// otherwise. It needs pdftoppm (Debian package poppler-utils).
func PDF(src string, first, last int, rough *rand.Rand) ([]byte, error) {
	dpi, quality := 200, 85
	if rough != nil {
		dpi, quality = 150+rough.IntN(16), 60
	}
	tmp, err := os.MkdirTemp("", "scan")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	args := []string{"-r", strconv.Itoa(dpi), "-gray", "-png"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	if b, err := exec.Command("pdftoppm", append(args, src, filepath.Join(tmp, "p"))...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("scan: pdftoppm (Debian package poppler-utils): %v: %s", err, strings.TrimSpace(string(b)))
	}
	pages, _ := filepath.Glob(filepath.Join(tmp, "p-*.png"))
	slices.Sort(pages) // pdftoppm pads the numbers to one width
	var jpegs [][]byte
	var sizes []image.Point
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("scan: %s: %w", p, err)
		}
		g := gray(img)
		if rough != nil {
			g = Degrade(g, rough)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: quality}); err != nil {
			return nil, err
		}
		jpegs, sizes = append(jpegs, buf.Bytes()), append(sizes, g.Rect.Size())
	}
	if len(jpegs) == 0 {
		return nil, fmt.Errorf("scan: pdftoppm rendered no page of %s", src)
	}
	return imagePDF(jpegs, sizes, dpi), nil
}

// gray is img in 8-bit gray (pdftoppm's gray PNG may decode as RGBA).
func gray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	r := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			g.Set(x, y, color.GrayModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)))
		}
	}
	return g
}

// Degrade does to a page what the manifest's rough scans went through: a
// tilt of up to 1.5° (white brought in at the edges), a Gaussian blur of
// radius 0.6–0.9, Gaussian noise of σ 9–12, and light falling linearly to
// 0.78–0.9 towards one corner.
func Degrade(g *image.Gray, rng *rand.Rand) *image.Gray {
	angle := (rng.Float64()*3 - 1.5) * math.Pi / 180
	blur := 0.6 + rng.Float64()*0.3
	sigma := 9 + rng.Float64()*3
	light := 0.78 + rng.Float64()*0.12
	w, h := g.Rect.Dx(), g.Rect.Dy()
	corner := [2]float64{float64(rng.IntN(2) * w), float64(rng.IntN(2) * h)}

	src := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			src[y*w+x] = float64(g.Pix[y*g.Stride+x])
		}
	}
	// Tilt about the centre, bilinear.
	rot := make([]float64, w*h)
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sincos(angle)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			rot[y*w+x] = bilinear(src, w, h, cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy)
		}
	}
	rot = gauss(rot, w, h, blur)
	far := math.Hypot(float64(w), float64(h))
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			d := math.Hypot(float64(x)-corner[0], float64(y)-corner[1]) / far
			v := rot[y*w+x]*(light+(1-light)*d) + rng.NormFloat64()*sigma
			out.Pix[y*w+x] = uint8(math.Max(0, math.Min(255, math.Round(v))))
		}
	}
	return out
}

// bilinear samples p (w × h) at (x, y), white outside.
func bilinear(p []float64, w, h int, x, y float64) float64 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return p[y*w+x]
	}
	return (at(x0, y0)*(1-fx)+at(x0+1, y0)*fx)*(1-fy) + (at(x0, y0+1)*(1-fx)+at(x0+1, y0+1)*fx)*fy
}

// gauss blurs p (w × h) with a separable Gaussian of standard deviation s.
func gauss(p []float64, w, h int, s float64) []float64 {
	r := int(math.Ceil(3 * s))
	k := make([]float64, 2*r+1)
	var sum float64
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * s * s))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp, out := make([]float64, len(p)), make([]float64, len(p))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var v float64
			for i, kv := range k {
				v += kv * p[y*w+min(max(x+i-r, 0), w-1)]
			}
			tmp[y*w+x] = v
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var v float64
			for i, kv := range k {
				v += kv * tmp[min(max(y+i-r, 0), h-1)*w+x]
			}
			out[y*w+x] = v
		}
	}
	return out
}

// imagePDF writes one page a JPEG, each filling a page of its size at dpi:
// no text layer, no font.
func imagePDF(jpegs [][]byte, sizes []image.Point, dpi int) []byte {
	kids := make([]string, len(jpegs))
	for i := range jpegs {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", len(jpegs), strings.Join(kids, " "))}
	for i, j := range jpegs {
		w, h := float64(sizes[i].X)*72/float64(dpi), float64(sizes[i].Y)*72/float64(dpi)
		draw := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, 4+3*i, 5+3*i),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", sizes[i].X, sizes[i].Y, len(j), j),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw))
	}
	return pdftest.Classic(objs, "/Root 1 0 R")
}

// Seed is the generator of rough scan n of the document named name: the
// same scan each time.
func Seed(name string, n int) *rand.Rand {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * 1099511628211
	}
	return rand.New(rand.NewPCG(uint64(n), h))
}
