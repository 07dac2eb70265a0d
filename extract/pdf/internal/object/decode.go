package object

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	kzlib "github.com/klauspost/compress/zlib"
	"golang.org/x/image/ccitt"
	tifflzw "golang.org/x/image/tiff/lzw"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
	"github.com/gongkai/gongkai/internal/freelist"
)

// Stream filters: Flate and LZW (with PNG predictors), ASCIIHex, ASCII85
// and RunLength — what text, fonts, cross-reference and object streams use;
// and CCITT fax, the bilevel scans' filter, which decodes exactly to the
// picture's samples (for OCR). The other image filters are not decoded
// here: a JPEG is decoded whole by image/jpeg, and JPX and JBIG2 pages are
// rendered by a viewer.

// MaxDecoded bounds one decoded stream: a compressed bomb stops here.
const MaxDecoded = 64 << 20

// ErrFilter says a stream is in a filter this package does not decode.
var ErrFilter = errors.New("a filter gongkai does not decode")

// decode applies a stream's filters to its raw data, keeping at most limit
// decoded bytes. What a broken filter decoded before failing is returned
// with the error.
func decode(dict syntax.Object, raw []byte, limit int) ([]byte, error) {
	f, _ := dict.Get("Filter")
	p, _ := dict.Get("DecodeParms")
	filters, parms := []syntax.Object{f}, []syntax.Object{p}
	if f.Kind == syntax.Array {
		filters, parms = f.Arr, make([]syntax.Object, len(f.Arr))
		if p.Kind == syntax.Array {
			copy(parms, p.Arr)
		}
	}
	b := raw
	for i, f := range filters {
		if f.Kind == syntax.Null {
			continue
		}
		var err error
		switch f.Str {
		case "FlateDecode", "Fl":
			b, err = inflate(b, limit)
			if err == nil {
				b, err = unpredict(b, parms[i])
			}
		case "ASCIIHexDecode", "AHx":
			b, err = hex.DecodeString(string(bytes.Map(func(r rune) rune {
				if syntax.IsSpace(byte(r)) || r == '>' {
					return -1
				}
				return r
			}, b)))
		case "ASCII85Decode", "A85":
			b = bytes.TrimSuffix(bytes.TrimSpace(b), []byte("~>"))
			b, err = io.ReadAll(io.LimitReader(ascii85.NewDecoder(bytes.NewReader(b)), int64(limit)))
		case "LZWDecode", "LZW":
			b, err = unLZW(b, parms[i], limit)
			if err == nil {
				b, err = unpredict(b, parms[i])
			}
		case "RunLengthDecode", "RL":
			b = runLength(b, limit)
		case "CCITTFaxDecode", "CCF":
			b, err = unfax(b, parms[i], limit)
		case "Crypt":
			// Decrypted when the object was read (crypt.go).
		default:
			return nil, fmt.Errorf("%w: /%s", ErrFilter, f.Str)
		}
		if err != nil {
			return b, fmt.Errorf("damaged /%s data: %w", f.Str, err)
		}
	}
	return b, nil
}

// decodeTo appends to dst what decode returns. A stream whose one filter
// is Flate without a predictor — nearly every content stream — inflates
// straight into dst: copied out of a buffer of inflate's, content streams
// were a twentieth of a document's garbage.
func decodeTo(dst *bytes.Buffer, dict syntax.Object, raw []byte, limit int) error {
	f, _ := dict.Get("Filter")
	p, _ := dict.Get("DecodeParms")
	if pred, _ := p.Get("Predictor"); f.Kind == syntax.Name && (f.Str == "FlateDecode" || f.Str == "Fl") && pred.Int() < 10 {
		if err := inflateTo(dst, raw, limit); err != nil {
			return fmt.Errorf("damaged /%s data: %w", f.Str, err)
		}
		return nil
	}
	b, err := decode(dict, raw, limit)
	dst.Write(b)
	return err
}

// inflaters holds zlib readers for the next stream: each holds a 32 KB
// window, and a page has dozens of streams. The readers are
// klauspost/compress's (in the build already, for Parquet's codecs): its
// inflater, compress/flate's with decoders specialised by input, takes a
// quarter fewer instructions on the corpus's streams.
var inflaters = freelist.New[io.ReadCloser](8)

// inflated holds buffers that streams inflate into.
var inflated = freelist.NewBuffers(8, 1<<20)

// inflate decompresses zlib data into a slice of its own size.
func inflate(b []byte, limit int) ([]byte, error) {
	// The stream inflates into a kept buffer and is copied out at its
	// size: a buffer of its own, grown as it fills, allocated two to three
	// times what a content stream (compressed five to ten times) holds.
	buf := inflated.Get()
	defer inflated.Put(buf)
	err := inflateTo(buf, b, limit)
	var out []byte
	if err == nil || buf.Len() > 0 {
		out = bytes.Clone(buf.Bytes())
	}
	return out, err
}

// inflateTo decompresses zlib data onto dst, at most limit bytes; what
// decodes before an error in a truncated stream is kept, as viewers do.
func inflateTo(dst *bytes.Buffer, b []byte, limit int) error {
	n := dst.Len()
	err := fastInflate(dst, b, limit)
	if err != nil {
		// A damaged stream. The fast reader reads ahead and stops some
		// bytes before the damage; compress/zlib's decodes up to it, and
		// those bytes may hold a page's last figure.
		dst.Truncate(n)
		var zr io.ReadCloser
		if zr, err = zlib.NewReader(bytes.NewReader(b)); err == nil {
			_, err = dst.ReadFrom(io.LimitReader(zr, int64(limit)))
		}
	}
	if dst.Len() > n && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum)) {
		err = nil
	}
	return err
}

// fastInflate is inflateTo with klauspost/compress's reader.
func fastInflate(dst *bytes.Buffer, b []byte, limit int) error {
	var zr io.ReadCloser
	var err error
	if kept, ok := inflaters.Get(); ok {
		zr = kept
		err = zr.(kzlib.Resetter).Reset(bytes.NewReader(b), nil)
	} else {
		zr, err = kzlib.NewReader(bytes.NewReader(b))
	}
	if err != nil {
		return err
	}
	defer inflaters.Put(zr)
	_, err = dst.ReadFrom(io.LimitReader(zr, int64(limit)))
	return err
}

// unpredict undoes a PNG predictor (/Predictor 10–15), the one cross-
// reference streams use; the TIFF predictor (2) is not used for them.
func unpredict(b []byte, parms syntax.Object) ([]byte, error) {
	pred, _ := parms.Get("Predictor")
	if pred.Int() < 10 {
		return b, nil
	}
	cols, colors, bpc := 1, 1, 8
	if v, ok := parms.Get("Columns"); ok && v.Int() > 0 {
		cols = v.Int()
	}
	if v, ok := parms.Get("Colors"); ok && v.Int() > 0 {
		colors = v.Int()
	}
	if v, ok := parms.Get("BitsPerComponent"); ok && v.Int() > 0 {
		bpc = v.Int()
	}
	bpp := max(1, colors*bpc/8)
	row := (cols*colors*bpc + 7) / 8
	if row <= 0 || row > 1<<20 {
		return nil, fmt.Errorf("predictor row of %d bytes", row)
	}
	out := make([]byte, 0, len(b)/(row+1)*row)
	prev := make([]byte, row)
	for len(b) >= row+1 {
		typ, cur := b[0], append([]byte(nil), b[1:row+1]...)
		b = b[row+1:]
		for i := range cur {
			var left, upLeft byte
			if i >= bpp {
				left, upLeft = cur[i-bpp], prev[i-bpp]
			}
			up := prev[i]
			switch typ {
			case 1:
				cur[i] += left
			case 2:
				cur[i] += up
			case 3:
				cur[i] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[i] += paeth(left, up, upLeft)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// runLength undoes RunLengthDecode: a length byte n, then n+1 bytes to copy
// (n < 128) or one byte to repeat 257-n times (n > 128); 128 ends the data.
func runLength(b []byte, limit int) []byte {
	var out []byte
	for len(b) > 0 && len(out) < limit {
		n := int(b[0])
		b = b[1:]
		switch {
		case n < 128:
			k := min(n+1, len(b))
			out = append(out, b[:k]...)
			b = b[k:]
		case n > 128 && len(b) > 0:
			out = append(out, bytes.Repeat(b[:1], 257-n)...)
			b = b[1:]
		default:
			return out
		}
	}
	return out[:min(len(out), limit)]
}

// unLZW undoes LZWDecode. PDF's default (/EarlyChange 1) widens the codes
// one code early, as TIFF does; /EarlyChange 0 is the GIF-like variant of
// compress/lzw. What decodes before an error is kept.
func unLZW(b []byte, parms syntax.Object, limit int) ([]byte, error) {
	var r io.ReadCloser
	if ec, ok := parms.Get("EarlyChange"); ok && ec.Kind == syntax.Number && ec.Num == 0 {
		r = lzw.NewReader(bytes.NewReader(b), lzw.MSB, 8)
	} else {
		r = tifflzw.NewReader(bytes.NewReader(b), tifflzw.MSB, 8)
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)))
	if len(out) > 0 && err != nil {
		err = nil
	}
	return out, err
}

// unfax decodes CCITT Group 3 (one-dimensional) or Group 4 fax data into
// rows of one bit a pixel, 0 for black as PDF's BlackIs1 false has it.
// Group 3's two-dimensional mode (K > 0) is not decoded.
func unfax(b []byte, parms syntax.Object, limit int) ([]byte, error) {
	get := func(k string, def int) int {
		if v, ok := parms.Get(k); ok && v.Kind == syntax.Number {
			return v.Int()
		}
		return def
	}
	flag := func(k string) bool { v, ok := parms.Get(k); return ok && v.Kind == syntax.Bool && v.Num != 0 }
	cols, rows, k := get("Columns", 1728), get("Rows", 0), get("K", 0)
	if cols <= 0 || cols > 1<<16 || rows < 0 || k > 0 {
		return nil, fmt.Errorf("%w: /CCITTFaxDecode with /K %d, /Columns %d", ErrFilter, k, cols)
	}
	if rows == 0 {
		rows = ccitt.AutoDetectHeight
	}
	sf := ccitt.Group3
	if k < 0 {
		sf = ccitt.Group4
	}
	r := ccitt.NewReader(bytes.NewReader(b), ccitt.MSB, sf, cols, rows,
		&ccitt.Options{Align: flag("EncodedByteAlign"), Invert: flag("BlackIs1")})
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)))
	if len(out) > 0 && errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil // a fax cut short keeps its rows, as viewers do
	}
	return out, err
}
