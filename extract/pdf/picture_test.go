package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"
	"github.com/gongkai/gongkai/extract/pdf/internal/object"
)

// bilevel is wordsPicture with every pixel black or white, so that each
// encoding below holds it exactly.
func bilevel(t *testing.T, s string) *image.Gray {
	g := wordsPicture(t, s)
	for i, p := range g.Pix {
		g.Pix[i] = 255
		if p < 128 {
			g.Pix[i] = 0
		}
	}
	return g
}

// imagePDF is a one-page PDF whose page is one image XObject: dict's
// entries (Width and Height, Length added) and data as stored. extra are
// objects from number 6 on.
func imagePDF(w, h int, dict string, data []byte, extra ...string) []byte {
	page := fmt.Sprintf("q 0 g %d 0 0 %d 0 0 cm /Im1 Do Q", w, h)
	return writeClassic(append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>", w, h),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(page)+1, page),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>\nstream\n%s\nendstream", w, h, dict, len(data), data),
	}, extra...), "/Root 1 0 R")
}

// pictureOf is the picture on the first page of a PDF.
func pictureOf(t *testing.T, b []byte) object.Value {
	t.Helper()
	rd, err := open(context.Background(), bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	c := content.Read(context.Background(), rd.pages[0], &rd.fonts)
	if len(c.Pictures) == 0 {
		t.Fatal("no picture on the page")
	}
	return c.Pictures[0].Image
}

// samples packs one row after another of n components of bpc bits, the
// component c of pixel (x, y) being at(x, y, c).
func samples(w, h, n, bpc int, at func(x, y, c int) int) []byte {
	stride := (w*n*bpc + 7) / 8
	out := make([]byte, stride*h)
	for y := range h {
		bit := 0
		for x := range w {
			for c := range n {
				v := at(x, y, c)
				for k := bpc - 1; k >= 0; k-- {
					if v>>k&1 != 0 {
						out[y*stride+bit/8] |= 0x80 >> (bit % 8)
					}
					bit++
				}
			}
		}
	}
	return out
}

// samePicture says where got differs from want, a bilevel picture.
func samePicture(got image.Image, want *image.Gray) string {
	g := ocr.Gray(got)
	if g.Rect.Size() != want.Rect.Size() {
		return fmt.Sprintf("size %v, want %v", g.Rect.Size(), want.Rect.Size())
	}
	for y := range want.Rect.Dy() {
		for x := range want.Rect.Dx() {
			a, b := g.Pix[y*g.Stride+x], want.Pix[y*want.Stride+x]
			if (a < 128) != (b < 128) {
				return fmt.Sprintf("pixel (%d, %d) is %d, want %d", x, y, a, b)
			}
		}
	}
	return ""
}

// TestDecodePicture: a scan's picture decodes exactly whatever its depth,
// colour space, Decode array or filter.
func TestDecodePicture(t *testing.T) {
	ref := bilevel(t, "2024 365")
	w, h := ref.Rect.Dx(), ref.Rect.Dy()
	ink := func(x, y int) bool { return ref.Pix[y*ref.Stride+x] == 0 }
	level := func(bpc int, dark bool) func(x, y, c int) int {
		return func(x, y, c int) int {
			if ink(x, y) == dark {
				return 1<<bpc - 1
			}
			return 0
		}
	}
	cmyk := func(x, y, c int) int {
		if c == 3 && ink(x, y) {
			return 255
		}
		return 0
	}
	for _, tc := range []struct {
		name, dict string
		data       []byte
		extra      []string
	}{
		{"gray, 8 bits", "/ColorSpace /DeviceGray /BitsPerComponent 8", ref.Pix, nil},
		{"gray, 1 bit, Flate", "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode", flate(samples(w, h, 1, 1, level(1, false))), nil},
		{"gray, 1 bit, Decode [1 0]", "/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0]", samples(w, h, 1, 1, level(1, true)), nil},
		{"gray, 4 bits", "/ColorSpace /CalGray /BitsPerComponent 4", samples(w, h, 1, 4, level(4, false)), nil},
		{"image mask", "/ImageMask true", samples(w, h, 1, 1, level(1, false)), nil},
		{"image mask, Decode [1 0]", "/ImageMask true /Decode [1 0]", samples(w, h, 1, 1, level(1, true)), nil},
		{"RGB, 8 bits", "/ColorSpace /DeviceRGB /BitsPerComponent 8", samples(w, h, 3, 8, level(8, false)), nil},
		{"RGB, 16 bits", "/ColorSpace /DeviceRGB /BitsPerComponent 16 /Filter /FlateDecode", flate(samples(w, h, 3, 16, level(16, false))), nil},
		{"CMYK", "/ColorSpace /DeviceCMYK /BitsPerComponent 8", samples(w, h, 4, 8, cmyk), nil},
		{"ICC-based RGB", "/ColorSpace [/ICCBased 6 0 R] /BitsPerComponent 8", samples(w, h, 3, 8, level(8, false)),
			[]string{"<< /N 3 /Length 1 >>\nstream\n\nendstream"}},
		{"indexed, 2 bits", "/ColorSpace [/Indexed /DeviceRGB 1 <FFFFFF000000>] /BitsPerComponent 2", samples(w, h, 1, 2, func(x, y, c int) int {
			if ink(x, y) {
				return 1
			}
			return 0
		}), nil},
	} {
		img, err := decodePicture(pictureOf(t, imagePDF(w, h, tc.dict, tc.data, tc.extra...)))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if d := samePicture(img, ref); d != "" {
			t.Errorf("%s: %s", tc.name, d)
		}
	}
	// Forms not decoded here say so, for the page to be rendered instead.
	for _, dict := range []string{"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /JPXDecode", "/ColorSpace [/Separation /Black /DeviceGray 6 0 R] /BitsPerComponent 8"} {
		if _, err := decodePicture(pictureOf(t, imagePDF(w, h, dict, ref.Pix))); err == nil {
			t.Errorf("%s: decoded", dict)
		}
	}
}

// tool finds a program a test needs, or skips saying what to install.
func tool(t *testing.T, name, pkg string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (Debian package %s)", name, pkg)
	}
	return p
}

func runTool(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// faxPDF is a PDF of the picture stored as CCITT fax (Group 4, or Group
// 3 for g3), made by libtiff's tools as a scanner's software would.
func faxPDF(t *testing.T, g *image.Gray, compression string) []byte {
	for _, p := range [][2]string{{"ppm2tiff", "libtiff-tools"}, {"tiffcp", "libtiff-tools"}, {"tiff2pdf", "libtiff-tools"}} {
		tool(t, p[0], p[1])
	}
	dir := t.TempDir()
	pbm := fmt.Appendf(nil, "P4\n%d %d\n", g.Rect.Dx(), g.Rect.Dy())
	pbm = append(pbm, samples(g.Rect.Dx(), g.Rect.Dy(), 1, 1, func(x, y, c int) int {
		if g.Pix[y*g.Stride+x] == 0 {
			return 1 // PBM's 1 is black
		}
		return 0
	})...)
	in := filepath.Join(dir, "in.pbm")
	if err := os.WriteFile(in, pbm, 0o644); err != nil {
		t.Fatal(err)
	}
	runTool(t, "ppm2tiff", "-R", "72", in, filepath.Join(dir, "raw.tif")) // a point a pixel
	runTool(t, "tiffcp", "-c", compression, "-r", "100000", filepath.Join(dir, "raw.tif"), filepath.Join(dir, "fax.tif"))
	runTool(t, "tiff2pdf", "-o", filepath.Join(dir, "fax.pdf"), filepath.Join(dir, "fax.tif"))
	b, err := os.ReadFile(filepath.Join(dir, "fax.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeFax: CCITT fax pictures, Group 4 and Group 3, decode exactly.
func TestDecodeFax(t *testing.T) {
	ref := bilevel(t, "2024 365")
	for _, c := range []string{"g4", "g3:1d"} {
		b := faxPDF(t, ref, c)
		v := pictureOf(t, b)
		if f := v.Filter(); f != "CCITTFaxDecode" {
			t.Fatalf("%s: tiff2pdf stored the picture as %s", c, f)
		}
		img, err := decodePicture(v)
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if d := samePicture(img, ref); d != "" {
			t.Errorf("%s: %s", c, d)
		}
	}
}

// jbig2 wraps bilevel T.6 (Group 4) data as a PDF's embedded JBIG2
// stream: a page, one immediate generic region coded MMR, the page's end.
func jbig2(w, h int, t6 []byte) []byte {
	var b []byte
	u32 := func(v int) { b = binary.BigEndian.AppendUint32(b, uint32(v)) }
	segment := func(n, kind int, data []byte) {
		u32(n)
		b = append(b, byte(kind), 0, 1) // type; no referred segments; page 1
		u32(len(data))
		b = append(b, data...)
	}
	var info []byte
	for _, v := range []int{w, h, 0, 0} {
		info = binary.BigEndian.AppendUint32(info, uint32(v))
	}
	segment(0, 48, append(info, 0, 0, 0)) // page information: no flags, no striping
	region := binary.BigEndian.AppendUint32(nil, uint32(w))
	for _, v := range []int{h, 0, 0} {
		region = binary.BigEndian.AppendUint32(region, uint32(v))
	}
	region = append(region, 0, 1) // combination OR; MMR
	segment(1, 38, append(region, t6...))
	segment(2, 49, nil) // end of page
	return b
}

// outlinesPDF is a page on which the words are drawn as filled glyph
// outlines, with no text layer: as some PDF printers "convert text to
// curves".
func outlinesPDF(t *testing.T, s string) []byte {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	var page strings.Builder
	const size, w, h = 36, 500, 100
	x := fixed.I(20)
	pt := func(p fixed.Point26_6) string {
		return fmt.Sprintf("%.2f %.2f", float64(x+p.X)/64, h-40-float64(p.Y)/64)
	}
	for _, r := range s {
		i, err := f.GlyphIndex(&buf, r)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := f.LoadGlyph(&buf, i, fixed.I(size), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, sg := range segs {
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				fmt.Fprintf(&page, "%s m\n", pt(sg.Args[0]))
			case sfnt.SegmentOpLineTo:
				fmt.Fprintf(&page, "%s l\n", pt(sg.Args[0]))
			case sfnt.SegmentOpQuadTo: // as a cubic through the control point
				fmt.Fprintf(&page, "%s %s %s c\n", pt(sg.Args[0]), pt(sg.Args[0]), pt(sg.Args[1]))
			case sfnt.SegmentOpCubeTo:
				fmt.Fprintf(&page, "%s %s %s c\n", pt(sg.Args[0]), pt(sg.Args[1]), pt(sg.Args[2]))
			}
		}
		page.WriteString("f\n")
		adv, err := f.GlyphAdvance(&buf, i, fixed.I(size), 0)
		if err != nil {
			t.Fatal(err)
		}
		x += adv
	}
	c := page.String()
	return writeClassic([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>", w, h),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c)+1, c),
	}, "/Root 1 0 R")
}

// TestRenderedOCR: a page whose picture is in a form not decoded here
// (JPEG 2000, JBIG2), or whose text is drawn as outlines, is rendered by
// pdftoppm and read by OCR; with OCR off it is refused, saying why.
func TestRenderedOCR(t *testing.T) {
	ref := bilevel(t, "2024 365")
	w, h := ref.Rect.Dx(), ref.Rect.Dy()
	docs := map[string]func(t *testing.T) []byte{
		"outlines": func(t *testing.T) []byte { return outlinesPDF(t, "Report 2024 365") },
		"JPEG 2000": func(t *testing.T) []byte {
			tool(t, "opj_compress", "libopenjp2-tools")
			dir := t.TempDir()
			pgm := append(fmt.Appendf(nil, "P5\n%d %d\n255\n", w, h), ref.Pix...)
			in, out := filepath.Join(dir, "in.pgm"), filepath.Join(dir, "out.jp2")
			if err := os.WriteFile(in, pgm, 0o644); err != nil {
				t.Fatal(err)
			}
			runTool(t, "opj_compress", "-i", in, "-o", out)
			jp2, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			return imagePDF(w, h, "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /JPXDecode", jp2)
		},
		"JBIG2": func(t *testing.T) []byte {
			t6 := pictureOf(t, faxPDF(t, ref, "g4")).Raw(1 << 20)
			return imagePDF(w, h, "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode", jbig2(w, h, t6))
		},
	}
	for name, make := range docs {
		t.Run(name, func(t *testing.T) {
			b := make(t)
			in, err := extract.NewInput("x.pdf", bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			in.OCR = extract.OCROff
			if _, err := New().Extract(context.Background(), in); !errors.Is(err, extract.ErrNoTextLayer) {
				t.Errorf("OCR off: err = %v, want ErrNoTextLayer", err)
			}
			if !ocr.Available() {
				t.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
			}
			tool(t, "pdftoppm", "poppler-utils")
			in.OCR = extract.OCRAuto
			doc, err := New().Extract(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if text := doc.Text(); !strings.Contains(text, "2024") || doc.OCRPages != 1 {
				t.Errorf("read %q, %d pages OCR'd; want 2024, 1", text, doc.OCRPages)
			}
		})
	}
}

// TestOCRStopsOnOtherScript: a scan in another script is not OCR'd past
// its first pages, which say it is no report in Chinese; forced, it is.
func TestOCRStopsOnOtherScript(t *testing.T) {
	if !ocr.Available() {
		t.Skip("tesseract not installed (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
	}
	line := wordsPicture(t, "The quick brown fox jumps over the lazy dog")
	w, lh := line.Rect.Dx(), line.Rect.Dy()
	page := image.NewGray(image.Rect(0, 0, w, 6*lh))
	for i := range 6 {
		copy(page.Pix[i*lh*w:], line.Pix)
	}
	h := page.Rect.Dy()
	draw := fmt.Sprintf("q %d 0 0 %d 0 0 cm /Im1 Do Q", w, h)
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [4 0 R 5 0 R 6 0 R] /Count 3 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw)+1, draw)}
	for range 3 {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 3 0 R /Resources << /XObject << /Im1 7 0 R >> >> >>", w, h))
	}
	objs = append(objs, fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", w, h, len(page.Pix), page.Pix))
	b := writeClassic(objs, "/Root 1 0 R")
	for mode, want := range map[extract.OCRMode]int{extract.OCRAuto: 1, extract.OCRForce: 3} {
		in, err := extract.NewInput("x.pdf", bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		in.OCR = mode
		doc, err := New().Extract(context.Background(), in)
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		if doc.OCRPages != want {
			t.Errorf("%v: %d pages OCR'd, want %d", mode, doc.OCRPages, want)
		}
	}
}
