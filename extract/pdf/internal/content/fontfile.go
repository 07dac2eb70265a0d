package content

import (
	"bytes"
	"encoding/binary"
)

// Embedded font programs, read only for what text extraction needs when a
// font has no ToUnicode map: a TrueType font's cmap (glyph → character) and
// a Type 1 font's built-in encoding (code → glyph name).

// trueTypeRunes reads the Unicode cmap of a TrueType (or OpenType) font
// and returns, for each glyph id, a character drawn with it.
func trueTypeRunes(b []byte) map[uint16]rune {
	u16 := func(o int) int {
		if o < 0 || o+2 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[o:]))
	}
	u32 := func(o int) int {
		if o < 0 || o+4 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint32(b[o:]))
	}
	base := 0
	if string(b[:min(4, len(b))]) == "ttcf" {
		base = u32(12) // the collection's first font
	}
	cmapAt := -1
	for i, n := 0, u16(base+4); i < n && i < 64; i++ {
		rec := base + 12 + 16*i
		if string(b[min(rec, len(b)):min(rec+4, len(b))]) == "cmap" {
			cmapAt = u32(rec + 8)
		}
	}
	if cmapAt < 0 {
		return nil
	}
	// The best Unicode subtable: full repertoire, then BMP, then any
	// Unicode-platform one.
	sub, rank := -1, 0
	for i, n := 0, u16(cmapAt+2); i < n && i < 64; i++ {
		rec := cmapAt + 4 + 8*i
		r := 0
		switch p, e := u16(rec), u16(rec+2); {
		case p == 3 && e == 10:
			r = 3
		case p == 3 && e == 1:
			r = 2
		case p == 0:
			r = 1
		}
		if r > rank {
			sub, rank = cmapAt+u32(rec+4), r
		}
	}
	if sub < 0 {
		return nil
	}
	m := map[uint16]rune{}
	add := func(r rune, gid int) {
		if gid == 0 || gid > 0xFFFF {
			return
		}
		if old, ok := m[uint16(gid)]; !ok || secondary(old) && !secondary(r) {
			m[uint16(gid)] = r
		}
	}
	const maxCodes = 1 << 17 // a damaged table cannot run for long
	count := 0
	switch u16(sub) {
	case 4:
		segs := u16(sub+6) / 2
		ends, starts := sub+14, sub+16+2*segs
		deltas, offsets := starts+2*segs, starts+4*segs
		for s := 0; s < segs; s++ {
			lo, hi := u16(starts+2*s), u16(ends+2*s)
			delta, ro := u16(deltas+2*s), u16(offsets+2*s)
			for c := lo; c <= hi && c != 0xFFFF && count < maxCodes; c++ {
				count++
				gid := (c + delta) & 0xFFFF
				if ro != 0 {
					if gid = u16(offsets + 2*s + ro + 2*(c-lo)); gid != 0 {
						gid = (gid + delta) & 0xFFFF
					}
				}
				add(rune(c), gid)
			}
		}
	case 6:
		first, n := u16(sub+6), u16(sub+8)
		for i := 0; i < n; i++ {
			add(rune(first+i), u16(sub+10+2*i))
		}
	case 12:
		for g, n := 0, u32(sub+12); g < n && count < maxCodes; g++ {
			rec := sub + 16 + 12*g
			lo, hi, gid := u32(rec), u32(rec+4), u32(rec+8)
			for c := lo; c <= hi && c <= 0x10FFFF && count < maxCodes; c++ {
				count++
				add(rune(c), gid+c-lo)
			}
		}
	}
	return m
}

// secondary says a character is a second name for a glyph that usually has
// a first one: Kangxi and supplementary radicals, compatibility
// ideographs, the private use area.
func secondary(r rune) bool {
	return r >= 0x2E80 && r <= 0x2FDF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xE000 && r <= 0xF8FF || r >= 0x2F800 && r <= 0x2FA1F
}

// encodingPart is the part of a Type 1 font program that defines its
// encoding, nil for StandardEncoding or none.
func encodingPart(b []byte) []byte {
	if i := bytes.Index(b, []byte("eexec")); i >= 0 {
		b = b[:i]
	}
	i := bytes.Index(b, []byte("/Encoding"))
	if i < 0 {
		return nil
	}
	b = b[i+len("/Encoding"):]
	if bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("StandardEncoding")) {
		return nil
	}
	if j := bytes.Index(b, []byte("readonly def")); j >= 0 {
		b = b[:j]
	}
	return b
}

// dupPut finds the next "dup <code> /<name> put" in b, and returns the
// code, the name and what follows. (A hand-written scan: the regular
// expression it replaces was a twelfth of the allocations of a document
// whose fonts have built-in encodings.)
func dupPut(b []byte) (code int, name string, rest []byte, ok bool) {
	space := func(i int) int {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\f' || b[i] == '\r') {
			i++
		}
		return i
	}
	for {
		i := bytes.Index(b, []byte("dup"))
		if i < 0 {
			return 0, "", nil, false
		}
		b = b[i:]
		d := space(3) // the digits start here, after one space or more
		j := d
		code = 0
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			code = min(code*10+int(b[j]-'0'), 1<<20)
			j++
		}
		k := space(j)
		if d > 3 && j > d && k < len(b) && b[k] == '/' {
			n := k + 1
			for n < len(b) && !bytes.ContainsRune([]byte(" \t\n\f\r/[]{}()<>"), rune(b[n])) {
				n++
			}
			e := space(n)
			if n > k+1 && e > n && bytes.HasPrefix(b[e:], []byte("put")) {
				return code, string(b[k+1 : n]), b[e+3:], true
			}
		}
		b = b[1:]
	}
}

// type1Encoding reads the built-in encoding of a Type 1 font program
// (the clear-text part, before eexec): code → glyph name, nil where the
// program says StandardEncoding or has no encoding we can read.
func type1Encoding(b []byte) map[byte]string {
	b = encodingPart(b)
	m := map[byte]string{}
	for n := 0; n < 256; n++ {
		c, name, rest, ok := dupPut(b)
		if !ok {
			break
		}
		if c < 256 {
			m[byte(c)] = name
		}
		b = rest
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
