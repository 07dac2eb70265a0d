package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
)

// A scan's picture is decoded here, exactly, into gray for OCR: a JPEG as
// stored, or samples (Flate, LZW, CCITT fax…) of any depth in the common
// colour spaces. What is not decoded here (JPEG 2000, JBIG2, Separation
// inks) is rendered by a viewer instead (render.go).

// maxPicture bounds the bytes of one picture decoded for OCR.
const maxPicture = 64 << 20

// errPictureFormat says a picture is in a form decodePicture does not
// decode.
var errPictureFormat = errors.New("the picture is in a format gongkai does not decode")

// decodePicture decodes an image XObject.
func decodePicture(v object.Value) (image.Image, error) {
	if v.Filter() == "DCTDecode" && v.Key("Filter").Kind() != object.Array {
		img, err := jpeg.Decode(bytes.NewReader(v.Raw(maxPicture)))
		if err != nil {
			return nil, fmt.Errorf("pdf: the page's JPEG picture: %v", err)
		}
		return img, nil
	}
	w, h := v.Key("Width").Int(), v.Key("Height").Int()
	mask := v.Key("ImageMask").Bool()
	bpc := v.Key("BitsPerComponent").Int()
	space := colorSpace{n: 1}
	if !mask {
		var ok bool
		if space, ok = readColorSpace(v.Key("ColorSpace")); !ok {
			return nil, fmt.Errorf("%w: colour space %s", errPictureFormat, v.Key("ColorSpace").Name())
		}
	} else {
		bpc = 1
	}
	if w <= 0 || h <= 0 || w*h > maxPicture || bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16 {
		return nil, fmt.Errorf("%w: %d×%d, %d bits", errPictureFormat, w, h, bpc)
	}
	stride := (w*space.n*bpc + 7) / 8
	data, err := v.Decode(min(maxPicture, stride*h))
	if len(data) < stride*h {
		if err == nil {
			err = fmt.Errorf("%w: its data is short", errPictureFormat)
		}
		return nil, fmt.Errorf("pdf: the page's picture: %w", err)
	}
	if bpc == 8 && space.n == 1 && space.palette == nil && v.Key("Decode").IsNull() {
		return &image.Gray{Pix: data[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}, nil
	}
	// Each sample maps through the Decode array to a level in [0, 1] (to
	// an index for a palette); an image mask paints where it is 0.
	maxV := float64(int(1)<<bpc - 1)
	lo, hi := make([]float64, space.n), make([]float64, space.n)
	for c := range space.n {
		lo[c], hi[c] = 0, 1
		if space.palette != nil {
			hi[c] = maxV
		}
		if d := v.Key("Decode"); d.Len() >= 2*space.n {
			lo[c], hi[c] = d.Index(2*c).Float64(), d.Index(2*c+1).Float64()
		}
	}
	if mask { // 0 paints (black) unless Decode is [1 0]
		lo[0], hi[0] = 0, 1
		if d := v.Key("Decode"); d.Len() == 2 && d.Index(0).Float64() == 1 {
			lo[0], hi[0] = 1, 0
		}
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	comp := make([]float64, space.n)
	for y := range h {
		row := data[y*stride : (y+1)*stride]
		bit := 0
		for x := range w {
			for c := range space.n {
				s := sample(row, bit, bpc)
				bit += bpc
				comp[c] = lo[c] + float64(s)*(hi[c]-lo[c])/maxV
			}
			g.Pix[y*g.Stride+x] = space.gray(comp)
		}
	}
	return g, nil
}

// sample is the bpc-bit sample at bit offset bit of row, most significant
// bit first.
func sample(row []byte, bit, bpc int) int {
	switch bpc {
	case 8:
		return int(row[bit/8])
	case 16:
		return int(row[bit/8])<<8 | int(row[bit/8+1])
	}
	return int(row[bit/8]>>(8-bpc-bit%8)) & (1<<bpc - 1)
}

// colorSpace is a picture's colour space, as far as gray needs it.
type colorSpace struct {
	n       int    // components a sample has
	base    int    // for a palette: its base space's components
	palette []byte // an Indexed space's table of base-space colours
}

// readColorSpace reads the colour spaces a scan is stored in; others (a
// Separation ink, DeviceN, Lab) are rendered instead.
func readColorSpace(v object.Value) (colorSpace, bool) {
	name := v.Name()
	if v.Kind() == object.Array && v.Len() > 0 {
		name = v.Index(0).Name()
	}
	switch name {
	case "DeviceGray", "CalGray", "G":
		return colorSpace{n: 1}, true
	case "DeviceRGB", "CalRGB", "RGB":
		return colorSpace{n: 3}, true
	case "DeviceCMYK", "CMYK":
		return colorSpace{n: 4}, true
	case "ICCBased":
		switch n := v.Index(1).Key("N").Int(); n {
		case 1, 3, 4:
			return colorSpace{n: n}, true
		}
	case "Indexed", "I":
		if v.Len() != 4 {
			return colorSpace{}, false
		}
		base, ok := readColorSpace(v.Index(1))
		if !ok || base.palette != nil {
			return colorSpace{}, false
		}
		table := v.Index(3)
		pal := []byte(table.RawString())
		if table.Kind() != object.String {
			pal = table.Data(256 * 4)
		}
		if len(pal) < base.n {
			return colorSpace{}, false
		}
		return colorSpace{n: 1, base: base.n, palette: pal}, true
	}
	return colorSpace{}, false
}

// gray is the gray level of one sample's components, each in [0, 1] (an
// index for a palette).
func (s colorSpace) gray(c []float64) byte {
	if s.palette != nil {
		i := int(c[0]+0.5) * s.base
		if i < 0 || i+s.base > len(s.palette) {
			i = 0
		}
		var comp [4]float64
		for k := range s.base {
			comp[k] = float64(s.palette[i+k]) / 255
		}
		return colorSpace{n: s.base}.gray(comp[:s.base])
	}
	var l float64
	switch s.n {
	case 1:
		l = c[0]
	case 3:
		l = 0.299*c[0] + 0.587*c[1] + 0.114*c[2]
	case 4: // CMYK, naively: ink darkens
		l = (1 - min(1, c[3]+0.299*c[0]+0.587*c[1]+0.114*c[2]))
	}
	return byte(max(0, min(255, l*255+0.5)))
}
