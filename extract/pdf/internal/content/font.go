package content

import (
	"bytes"
	"sort"
	"strings"
	"sync"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
)

// font decodes the strings shown with one font object: codes to text and
// to advance widths. It is built once per font object and shared by every
// page that uses the object (see Fonts).
type font struct {
	name  string
	cid   bool   // Type0 (composite) font
	toUni *cmap  // ToUnicode, preferred whenever it maps a code
	enc   *cmap  // embedded encoding CMap of a Type0 font
	pre   string // predefined CMap name of a Type0 font
	pcm   *cmap  // that CMap, where we hold it (see cjk.go)
	coll  string // the collection its CIDs belong to (Adobe-GB1, …), or ""
	// A TrueType CIDFont without ToUnicode is read through its program's
	// cmap, on first need: CID → GID (CIDToGIDMap) → character.
	ttf      object.Value
	cidToGID []byte
	ttfOnce  sync.Once
	gidRunes map[uint16]rune
	// simple fonts
	simple *[256]rune
	// A simple font without a base encoding uses its program's own (fd's
	// FontFile), read at the first code ToUnicode and Differences leave
	// to it: most such fonts have a ToUnicode that maps every code.
	builtinFD   object.Value
	builtinOnce sync.Once
	diff        map[byte]rune
	sw          [256]float64
	swSet       [256]bool
	missingW    float64
	// composite fonts
	w   map[uint32]float64 // from /W arrays: one entry a width printed
	wrg []widthRange       // from /W ranges, sorted by first CID
	rch []uint32           // rch[k]: the highest CID ranges 0..k reach
	dw  float64
	// scale turns glyph-space widths into text space: 1/1000, or a Type3
	// font's FontMatrix.
	scale float64
}

// maxStream bounds what we read from one font or CMap stream.
const maxStream = 8 << 20

func readStream(v object.Value) []byte { return v.Data(maxStream) }

// loadFont reads a font dictionary. Damaged parts leave the font without
// that part (and so without text).
func loadFont(v object.Value) *font {
	f := &font{name: v.Key("BaseFont").Name(), scale: 0.001, dw: 1000}
	if tu := v.Key("ToUnicode"); tu.Kind() == object.Stream {
		f.toUni = parseCMap(readStream(tu))
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.loadComposite(v)
	default:
		f.loadSimple(v)
	}
	return f
}

func (f *font) loadComposite(v object.Value) {
	f.cid = true
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case object.Name:
		f.pre = enc.Name()
		if p := predefinedCMap(f.pre); p != nil {
			f.pcm, f.coll = p.m, p.coll
		}
	case object.Stream:
		f.enc = parseCMap(readStream(enc))
	}
	d := v.Key("DescendantFonts").Index(0)
	if csi := d.Key("CIDSystemInfo"); f.coll == "" && csi.Key("Registry").RawString() == "Adobe" {
		f.coll = "Adobe-" + csi.Key("Ordering").RawString()
	}
	if d.Key("Subtype").Name() == "CIDFontType2" {
		f.ttf = d.Key("FontDescriptor").Key("FontFile2")
		if m := d.Key("CIDToGIDMap"); m.Kind() == object.Stream {
			f.cidToGID = readStream(m)
		}
	}
	if dw := d.Key("DW"); dw.Kind() == object.Number {
		f.dw = dw.Float64()
	}
	w := d.Key("W")
	for i := 0; i < w.Len(); {
		first := w.Index(i).Int()
		next := w.Index(i + 1)
		if next.Kind() == object.Array {
			if f.w == nil {
				f.w = map[uint32]float64{}
			}
			for j := 0; j < next.Len() && j < maxRange; j++ {
				f.w[uint32(first)+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if last := next.Int(); first >= 0 && last >= first {
			f.wrg = append(f.wrg, widthRange{uint32(first), uint32(last), w.Index(i + 2).Float64()})
		}
		i += 3
	}
	sort.SliceStable(f.wrg, func(i, j int) bool { return f.wrg[i].lo < f.wrg[j].lo })
	f.rch = make([]uint32, len(f.wrg))
	for k, r := range f.wrg {
		f.rch[k] = r.hi
		if k > 0 {
			f.rch[k] = max(r.hi, f.rch[k-1])
		}
	}
}

// widthRange gives the CIDs lo..hi of a composite font one width. A /W
// entry "1 65535 1000" is one range, not 65,535 map entries.
type widthRange struct {
	lo, hi uint32
	w      float64
}

// cidWidth looks a CID's width up.
func (f *font) cidWidth(cid uint32) (float64, bool) {
	if w, ok := f.w[cid]; ok {
		return w, true
	}
	i := sort.Search(len(f.wrg), func(i int) bool { return f.wrg[i].lo > cid })
	for k := i - 1; k >= 0 && f.rch[k] >= cid; k-- {
		if r := f.wrg[k]; cid >= r.lo && cid <= r.hi {
			return r.w, true
		}
	}
	return 0, false
}

func (f *font) loadSimple(v object.Value) {
	first := int(v.Key("FirstChar").Int())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len() && first+i < 256; i++ {
		if c := first + i; c >= 0 {
			f.sw[c], f.swSet[c] = ws.Index(i).Float64(), true
		}
	}
	f.missingW = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if v.Key("Subtype").Name() == "Type3" {
		if fm := v.Key("FontMatrix"); fm.Len() >= 1 && fm.Index(0).Float64() != 0 {
			f.scale = fm.Index(0).Float64()
		}
	}
	enc := v.Key("Encoding")
	base := enc.Name()
	if enc.Kind() == object.Dict {
		base = enc.Key("BaseEncoding").Name()
		d := enc.Key("Differences")
		code := 0
		for i := 0; i < d.Len(); i++ {
			x := d.Index(i)
			switch x.Kind() {
			case object.Number:
				code = int(x.Int())
			case object.Name:
				if code >= 0 && code < 256 {
					if f.diff == nil {
						f.diff = map[byte]rune{}
					}
					r, _ := glyphRune(x.Name())
					f.diff[byte(code)] = r // 0: a named glyph we cannot read
				}
				code++
			}
		}
	}
	f.simple = baseEncoding(base)
	if base == "" {
		f.builtinFD = v.Key("FontDescriptor")
	}
}

// simpleEncoding is the simple font's encoding: code → character.
func (f *font) simpleEncoding() *[256]rune {
	f.builtinOnce.Do(func() {
		if f.builtinFD.Kind() == object.Dict {
			if b := builtinEncoding(f.builtinFD); b != nil {
				f.simple = b
			}
		}
	})
	return f.simple
}

// builtinEncoding reads the encoding an embedded font program has of its
// own, which a font dictionary without a base encoding uses: code → glyph
// name → character.
func builtinEncoding(fd object.Value) *[256]rune {
	var names map[byte]string
	if ff := fd.Key("FontFile"); ff.Kind() == object.Stream {
		// The encoding is in the program's clear-text part, /Length1 bytes
		// long: only that much is inflated, not the whole program (which
		// was a seventh of the time a document took).
		// A /Length1 that stops short of "eexec" is wrong: then the whole.
		var b []byte
		if l := ff.Key("Length1").Int(); l > 0 && l < maxStream {
			b = ff.Data(l)
		}
		if !bytes.Contains(b, []byte("eexec")) {
			b = readStream(ff)
		}
		names = type1Encoding(b)
	}
	if names == nil {
		return nil
	}
	var enc [256]rune
	for c, name := range names {
		enc[c], _ = glyphRune(name)
	}
	return &enc
}

// glyph is one decoded character code.
type glyph struct {
	text  string  // "" when the code cannot be decoded
	width float64 // advance in text space units (before font size)
	space bool    // single-byte code 32: word spacing applies
}

// decode splits a shown string into codes and decodes each.
func (f *font) decode(s string, out []glyph) []glyph {
	for i := 0; i < len(s); {
		n := f.codeLen(s[i:])
		c := code(s[i : i+n])
		g := glyph{text: f.text(s[i:i+n], c), width: f.width(c, n) * f.scale, space: n == 1 && c == 32}
		out = append(out, g)
		i += n
	}
	return out
}

func (f *font) codeLen(s string) int {
	def := 1
	if f.cid {
		def = 2
		switch {
		case f.enc != nil && len(f.enc.space) > 0:
			return min(f.enc.codeLen(s, 2), len(s))
		case f.pcm != nil && len(f.pcm.space) > 0:
			return min(f.pcm.codeLen(s, 2), len(s))
		case strings.HasPrefix(f.pre, "Identity"):
			def = 2
		case strings.Contains(f.pre, "UTF16"):
			if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
				return 4
			}
		case strings.Contains(f.pre, "EUC") || strings.Contains(f.pre, "GBK"):
			if s[0] < 0x80 {
				return 1
			}
		}
	}
	if f.cid && f.toUni != nil && len(f.toUni.space) > 0 {
		def = f.toUni.codeLen(s, def)
	}
	return min(def, len(s))
}

func (f *font) text(raw string, c uint32) string {
	if f.toUni != nil {
		if t, ok := f.toUni.uni[c]; ok {
			return t
		}
	}
	if !f.cid {
		if r, ok := f.diff[byte(c)]; ok {
			if r == 0 {
				return ""
			}
			return string(r)
		}
		if r := f.simpleEncoding()[byte(c)]; r != 0 {
			return string(r)
		}
		return ""
	}
	if strings.Contains(f.pre, "UCS2") || strings.Contains(f.pre, "UTF16") {
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	if cid, ok := f.cidOf(c); ok {
		if t := cidText(f.coll, cid); t != "" {
			return t
		}
		if f.ttf.Kind() == object.Stream {
			if r, ok := f.trueTypeRunes()[f.gid(cid)]; ok {
				return string(r)
			}
		}
	}
	if strings.HasPrefix(f.pre, "GB") { // a GB CMap we do not hold
		if b, err := simplifiedchinese.GBK.NewDecoder().String(raw); err == nil {
			return b
		}
	}
	return ""
}

// cidOf maps a composite font's code to its CID.
func (f *font) cidOf(c uint32) (uint32, bool) {
	switch {
	case f.enc != nil:
		return f.enc.lookupCID(c)
	case f.pcm != nil:
		return f.pcm.lookupCID(c)
	case strings.HasPrefix(f.pre, "Identity"):
		return c, true
	}
	return 0, false
}

// gid maps a TrueType CIDFont's CID to its glyph.
func (f *font) gid(cid uint32) uint16 {
	if f.cidToGID == nil {
		return uint16(cid)
	}
	if i := 2 * int(cid); i+2 <= len(f.cidToGID) {
		return uint16(f.cidToGID[i])<<8 | uint16(f.cidToGID[i+1])
	}
	return 0
}

func (f *font) trueTypeRunes() map[uint16]rune {
	f.ttfOnce.Do(func() { f.gidRunes = trueTypeRunes(readStream(f.ttf)) })
	return f.gidRunes
}

func (f *font) width(c uint32, n int) float64 {
	if !f.cid {
		if f.swSet[byte(c)] {
			return f.sw[byte(c)]
		}
		if f.missingW > 0 {
			return f.missingW
		}
		return 500 // a standard font without widths: an average advance
	}
	cid, ok := f.cidOf(c)
	if !ok {
		if f.enc == nil && n == 1 {
			return 500
		}
		if f.enc == nil {
			return f.dw
		}
		cid = c
	}
	if w, ok := f.cidWidth(cid); ok {
		return w
	}
	return f.dw
}
