package docx

import (
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// stream is one stream of a compound file fixture.
type stream struct {
	name string
	data []byte
}

// cfbOf writes a minimal OLE2 compound file (version 3, 512-byte sectors):
// sector 0 holds the FAT, sector 1 the directory, then each stream's
// sectors in order. Streams should be over 4096 bytes, the size below
// which real files keep them in the mini stream (not written here).
func cfbOf(t testing.TB, streams ...stream) []byte {
	t.Helper()
	const ss = 512
	le := binary.LittleEndian
	if len(streams) > 3 {
		t.Fatal("cfbOf: one directory sector holds the root and 3 streams")
	}
	fat := []uint32{0xFFFFFFFD, 0xFFFFFFFE} // FAT sector, directory sector
	dir := make([]byte, ss)
	entry := func(i int, name string, kind byte, start uint32, size uint64, child, right uint32) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			le.PutUint16(e[2*k:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = kind, 1
		le.PutUint32(e[68:], 0xFFFFFFFF) // left sibling
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	for i := len(streams) + 1; i < 4; i++ {
		entry(i, "", 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF) // unused entries
	}
	var data []byte
	for i, s := range streams {
		start := uint32(len(fat))
		n := (len(s.data) + ss - 1) / ss
		for k := 0; k < n; k++ {
			next := uint32(len(fat) + 1)
			if k == n-1 {
				next = 0xFFFFFFFE
			}
			fat = append(fat, next)
		}
		padded := make([]byte, n*ss)
		copy(padded, s.data)
		data = append(data, padded...)
		right := uint32(0xFFFFFFFF)
		if i+2 <= len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, start, uint64(len(s.data)), 0xFFFFFFFF, right)
	}
	if len(fat) > ss/4 {
		t.Fatal("cfbOf: streams too large for one FAT sector")
	}
	entry(0, "Root Entry", 5, 0xFFFFFFFE, 0, 1, 0xFFFFFFFF)
	for len(fat) < ss/4 {
		fat = append(fat, 0xFFFFFFFF)
	}
	h := make([]byte, ss)
	copy(h, ole2Magic)
	le.PutUint16(h[0x18:], 0x3E)
	le.PutUint16(h[0x1A:], 3)
	le.PutUint16(h[0x1C:], 0xFFFE)
	le.PutUint16(h[0x1E:], 9)
	le.PutUint16(h[0x20:], 6)
	le.PutUint32(h[0x2C:], 1) // FAT sectors
	le.PutUint32(h[0x30:], 1) // first directory sector
	le.PutUint32(h[0x38:], 4096)
	le.PutUint32(h[0x3C:], 0xFFFFFFFE)
	le.PutUint32(h[0x44:], 0xFFFFFFFE)
	for i := 0; i < 109; i++ {
		le.PutUint32(h[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(h[0x4C:], 0) // the FAT is sector 0
	out := append(h, make([]byte, ss)...)
	for i, v := range fat {
		le.PutUint32(out[ss+4*i:], v)
	}
	out = append(out, dir...)
	return append(out, data...)
}

// wordFIB is the start of a WordDocument stream: the FIB identifier and,
// when encrypted, the fEncrypted flag.
func wordFIB(encrypted bool) []byte {
	b := make([]byte, 5000)
	binary.LittleEndian.PutUint16(b, 0xA5EC)
	binary.LittleEndian.PutUint16(b[2:], 0x00C1)
	if encrypted {
		binary.LittleEndian.PutUint16(b[0x0A:], 0x0100)
	}
	return b
}

func filler(n int) []byte { return make([]byte, n) }
