package object

import (
	"bytes"
	stdzlib "compress/zlib"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// stdInflate is inflateTo with compress/zlib, the reader it replaced.
func stdInflate(b []byte, limit int) ([]byte, error) {
	zr, err := stdzlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var dst bytes.Buffer
	_, err = dst.ReadFrom(io.LimitReader(zr, int64(limit)))
	if dst.Len() > 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, stdzlib.ErrChecksum)) {
		err = nil
	}
	return dst.Bytes(), err
}

// inflateStreams are zlib streams to inflate: made here at every level
// from text, a content stream's kind and noise, and those of the PDFs in
// testdata and the corpus.
func inflateStreams(t testing.TB) [][]byte {
	var plain [][]byte
	x := uint32(1)
	noise := make([]byte, 70000)
	for i := range noise {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		noise[i] = byte(x)
	}
	content := bytes.Repeat([]byte("BT /F1 12 Tf 72 712 Td (2024) Tj ET 0.5 w 72 700 m 540 700 l S\n"), 900)
	plain = append(plain, nil, []byte("a"), content, noise[:5000], append(content[:3000:3000], noise[:40000]...))
	var streams [][]byte
	for _, p := range plain {
		for _, level := range []int{stdzlib.NoCompression, stdzlib.BestSpeed, stdzlib.DefaultCompression, stdzlib.BestCompression, stdzlib.HuffmanOnly} {
			var b bytes.Buffer
			w, _ := stdzlib.NewWriterLevel(&b, level)
			w.Write(p)
			w.Close()
			streams = append(streams, b.Bytes())
		}
	}
	files, _ := filepath.Glob("../../testdata/*.pdf")
	corpus, _ := filepath.Glob("../../../../../shared/corpus/*/*.pdf")
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, f := range append(files, corpus...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(data, -1) {
			if len(m[1]) > 2 && m[1][0] == 0x78 {
				streams = append(streams, m[1])
			}
		}
	}
	return streams
}

// klauspost/compress's inflater gives what compress/zlib's gave: the same
// bytes and the same failures, on whole streams, streams cut short (kept
// up to the cut), streams with a byte changed, and at a limit.
func TestInflateAsStdlib(t *testing.T) {
	compare := func(name string, b []byte, limit int) {
		t.Helper()
		want, wantErr := stdInflate(b, limit)
		var dst bytes.Buffer
		err := inflateTo(&dst, b, limit)
		if !bytes.Equal(dst.Bytes(), want) || (err == nil) != (wantErr == nil) {
			t.Errorf("%s (%d bytes, limit %d): %d bytes, error %v; compress/zlib %d bytes, error %v", name, len(b), limit, dst.Len(), err, len(want), wantErr)
		}
	}
	streams := inflateStreams(t)
	for i, s := range streams {
		compare("whole", s, 1<<24)
		compare("limited", s, len(s)/3)
		for _, cut := range []int{0, 1, 2, 3, len(s) / 2, len(s) - 5, len(s) - 1} {
			if cut >= 0 && cut < len(s) && i%3 == 0 {
				compare("cut", s[:cut], 1<<24)
			}
		}
		if i%4 == 0 && len(s) > 8 {
			for _, at := range []int{2, 3, len(s) / 3, len(s) / 2, len(s) - 3} {
				bad := bytes.Clone(s)
				bad[at] ^= 0x55
				compare("changed", bad, 1<<24)
			}
		}
	}
}

// FuzzInflate: whatever the bytes, inflateTo gives what compress/zlib
// gives.
func FuzzInflate(f *testing.F) {
	for _, s := range inflateStreams(f)[:25] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want, wantErr := stdInflate(b, 1<<20)
		var dst bytes.Buffer
		err := inflateTo(&dst, b, 1<<20)
		if !bytes.Equal(dst.Bytes(), want) || (err == nil) != (wantErr == nil) {
			t.Errorf("%d bytes, error %v; compress/zlib %d bytes, error %v", dst.Len(), err, len(want), wantErr)
		}
	})
}
