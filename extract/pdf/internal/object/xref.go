package object

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
)

// The cross-reference layer: the file's cross-reference data, followed
// through /Prev and /XRefStm (hybrid files, which Word writes, list their
// compressed objects only in the stream), each section read once (a /Prev
// that loops is cut), checked object by object, and rebuilt by scanning
// the file (scan.go) when it is wrong.

// xent says where an object is.
type xent struct {
	kind int   // 1: at offset off; 2: number idx in object stream off
	off  int64 // byte offset, or the object stream's number
	gen  int
	idx  int
}

// xref is what the layer learned of a file.
type xref struct {
	ents    map[int]xent
	trailer syntax.Object // /Root, /Info, /Encrypt, /ID, from the newest section having each
	streams bool          // some objects live in object streams
	hybrid  bool          // an /XRefStm lists objects the tables do not
	scanned bool          // rebuilt by scanning: the file's own data was wrong
	bad     bool          // an object number or /Size beyond maxObjNum
}

// maxObjNum bounds object numbers: a number or /Size in the billions marks
// damaged data (the table is rebuilt by scanning), and real reports have a
// few thousand objects.
const maxObjNum = 1 << 20

func (x *xref) root() (syntax.Object, bool) {
	r, ok := x.trailer.Get("Root")
	return r, ok && r.Kind == syntax.Ref
}

// source reads a file through a small block cache: objects are read in
// file order, so most reads hit the block of the previous one.
type source struct {
	ra    io.ReaderAt
	size  int64
	mem   []byte // the whole file, when the reader holds it in memory: read in place
	block []byte
	at    int64
	crypt *crypt // set by File.Decrypt: objects read after are decrypted
}

const blockSize = 64 << 10

// bytesAt returns up to n bytes from off (fewer at the end of the file).
func (s *source) bytesAt(off, n int64) []byte {
	if off < 0 || off >= s.size {
		return nil
	}
	n = min(n, s.size-off)
	if s.mem != nil {
		return s.mem[off : off+n : off+n]
	}
	if s.block != nil && off >= s.at && off+n <= s.at+int64(len(s.block)) {
		return s.block[off-s.at : off-s.at+n]
	}
	if n <= blockSize/2 {
		s.at = off
		s.block = make([]byte, min(blockSize, s.size-off))
		k, _ := s.ra.ReadAt(s.block, off)
		s.block = s.block[:k]
		return s.block[:min(int64(k), n)]
	}
	b := make([]byte, n)
	k, _ := s.ra.ReadAt(b, off)
	return b[:k]
}

// ownBytes is bytesAt for data kept after the read: a stream's, which the
// object cache holds. A slice of the block would keep all 64 KB of it alive
// for a stream of a few hundred bytes (9 MB on a 1000-page file).
func (s *source) ownBytes(off, n int64) []byte {
	b := s.bytesAt(off, n)
	if len(b) > 0 && len(s.block) > 0 && &b[:cap(b)][cap(b)-1] == &s.block[:cap(s.block)][cap(s.block)-1] {
		return bytes.Clone(b)
	}
	return b
}

var errShort = errors.New("section runs past the bytes read")

// readXref reads the file's cross-reference sections, newest first.
func readXref(s *source) (*xref, error) {
	tail := s.bytesAt(max(0, s.size-1024), 1024)
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	lx := &syntax.Lexer{B: tail, I: i + len("startxref")}
	lx.SkipSpace()
	start, err := strconv.ParseInt(string(lx.Token()), 10, 64)
	if err != nil {
		return nil, errors.New("startxref without an offset")
	}
	x := &xref{ents: map[int]xent{}, trailer: syntax.Object{Kind: syntax.Dict}}
	seen := map[int64]bool{}
	queue := []int64{start}
	for len(queue) > 0 && len(seen) < 1000 {
		off := queue[0]
		queue = queue[1:]
		if seen[off] {
			continue
		}
		seen[off] = true
		trailer, err := x.section(s, off)
		if err != nil {
			return nil, fmt.Errorf("xref section at %d: %w", off, err)
		}
		if v, ok := trailer.Get("Size"); ok && (v.Int() < 0 || v.Int() > maxObjNum) {
			x.bad = true
		}
		for _, k := range []string{"Root", "Info", "Encrypt", "ID"} {
			if _, have := x.trailer.Get(k); !have {
				if v, ok := trailer.Get(k); ok {
					x.trailer.Arr = append(x.trailer.Arr, syntax.Object{Kind: syntax.Name, Str: k}, v)
				}
			}
		}
		// a hybrid file's stream belongs to the same update as its table
		if v, ok := trailer.Get("XRefStm"); ok && v.Int() >= 0 {
			x.hybrid = true
			queue = append([]int64{int64(v.Int())}, queue...)
		}
		if v, ok := trailer.Get("Prev"); ok && v.Int() >= 0 {
			queue = append(queue, int64(v.Int()))
		}
	}
	return x, nil
}

// claim records an object unless a newer section already placed it.
func (x *xref) claim(num int, e xent) {
	if num > maxObjNum {
		x.bad = true
		return
	}
	if _, ok := x.ents[num]; !ok && num > 0 {
		x.ents[num] = e
		if e.kind == 2 {
			x.streams = true
		}
	}
}

// section reads the table or stream at off, growing the window it reads
// until the section fits.
func (x *xref) section(s *source, off int64) (syntax.Object, error) {
	for n := int64(64 << 10); ; n *= 8 {
		b := s.bytesAt(off, n)
		t, err := x.parseSection(s, b, off)
		if !errors.Is(err, errShort) || int64(len(b)) < n || n > s.size {
			return t, err
		}
	}
}

func (x *xref) parseSection(s *source, b []byte, off int64) (syntax.Object, error) {
	lx := &syntax.Lexer{B: b, Refs: true}
	lx.SkipSpace()
	if !bytes.HasPrefix(b[lx.I:], []byte("xref")) {
		o, err := parseIndirect(s, off)
		if err != nil {
			return syntax.Object{}, err
		}
		if t, _ := o.v.Get("Type"); t.Str != "XRef" || o.data == nil {
			return syntax.Object{}, fmt.Errorf("object %d is no xref stream", o.num)
		}
		return o.v, x.streamEntries(o.v, o.data)
	}
	lx.I += 4
	pending := map[int]xent{} // this section's entries; claimed at the end
	for {
		lx.SkipSpace()
		if lx.I >= len(b) {
			return syntax.Object{}, errShort
		}
		if !syntax.IsNumStart(b[lx.I]) {
			if w := lx.Word(); w != "trailer" {
				return syntax.Object{}, fmt.Errorf("%q in xref table", w)
			}
			lx.SkipSpace()
			if lx.I >= len(b) {
				return syntax.Object{}, errShort
			}
			t := lx.Value(0)
			if t.Kind != syntax.Dict || lx.I >= len(b) {
				return syntax.Object{}, errShort
			}
			for num, e := range pending {
				x.claim(num, e)
			}
			return t, nil
		}
		first, _ := strconv.Atoi(string(lx.Token()))
		lx.SkipSpace()
		count, err := strconv.Atoi(string(lx.Token()))
		if err != nil || count < 0 || first < 0 {
			return syntax.Object{}, errors.New("bad subsection header")
		}
		for k := 0; k < count; k++ {
			lx.SkipSpace()
			o, err1 := strconv.ParseInt(string(lx.Token()), 10, 64)
			lx.SkipSpace()
			g, err2 := strconv.Atoi(string(lx.Token()))
			lx.SkipSpace()
			use := lx.Word()
			if lx.I >= len(b) {
				return syntax.Object{}, errShort
			}
			if err1 != nil || err2 != nil || use != "n" && use != "f" {
				return syntax.Object{}, errors.New("bad xref entry")
			}
			if use == "n" {
				pending[first+k] = xent{kind: 1, off: o, gen: g}
			}
		}
	}
}

// streamEntries reads the entries of an xref stream.
func (x *xref) streamEntries(dict syntax.Object, data []byte) error {
	data, err := decode(dict, data, MaxDecoded)
	if err != nil {
		return err
	}
	wv, _ := dict.Get("W")
	if len(wv.Arr) < 3 {
		return errors.New("xref stream without /W")
	}
	var w [3]int
	for i := range w {
		if w[i] = wv.Arr[i].Int(); w[i] < 0 || w[i] > 8 {
			return errors.New("bad /W")
		}
	}
	size, _ := dict.Get("Size")
	index := []syntax.Object{{Kind: syntax.Number}, size}
	if v, ok := dict.Get("Index"); ok && v.Kind == syntax.Array {
		index = v.Arr
	}
	field := func(b []byte, def int64) int64 {
		if len(b) == 0 {
			return def
		}
		var v int64
		for _, c := range b {
			v = v<<8 | int64(c)
		}
		return v
	}
	n := w[0] + w[1] + w[2]
	for i := 0; i+1 < len(index); i += 2 {
		first, count := index[i].Int(), index[i+1].Int()
		for k := 0; k < count && len(data) >= n && n > 0; k++ {
			e := data[:n]
			data = data[n:]
			typ := field(e[:w[0]], 1)
			f2, f3 := field(e[w[0]:w[0]+w[1]], 0), field(e[w[0]+w[1]:], 0)
			switch typ {
			case 1:
				x.claim(first+k, xent{kind: 1, off: f2, gen: int(f3)})
			case 2:
				x.claim(first+k, xent{kind: 2, off: f2, idx: int(f3)})
			}
		}
	}
	return nil
}

// indirect is an object read from the file: "N G obj <value> endobj", or
// a stream with its raw data.
type indirect struct {
	num, gen int
	v        syntax.Object
	data     []byte // raw stream data; nil for other objects
	end      int64  // offset after the value or the stream data
}

// parseIndirect reads the object at off, decrypted where the file is.
func parseIndirect(s *source, off int64) (indirect, error) {
	o, err := parseStored(s, off)
	if err == nil && s.crypt != nil {
		s.crypt.object(&o)
	}
	return o, err
}

// parseStored reads the object at off as stored.
func parseStored(s *source, off int64) (o indirect, err error) {
	b := s.bytesAt(off, 32<<10)
	lx := &syntax.Lexer{B: b, Refs: true}
	lx.SkipSpace()
	num, err1 := strconv.Atoi(string(lx.Token()))
	lx.SkipSpace()
	gen, err2 := strconv.Atoi(string(lx.Token()))
	lx.SkipSpace()
	if err1 != nil || err2 != nil || lx.Word() != "obj" {
		return o, fmt.Errorf("no object at offset %d", off)
	}
	o.num, o.gen = num, gen
	lx.SkipSpace()
	if lx.I >= len(b) {
		return o, errShort
	}
	o.v = lx.Value(0)
	lx.SkipSpace()
	o.end = off + int64(lx.I)
	if o.v.Kind != syntax.Dict || !bytes.HasPrefix(b[lx.I:], []byte("stream")) {
		return o, nil
	}
	lx.I += len("stream")
	if lx.I < len(b) && b[lx.I] == '\r' {
		lx.I++
	}
	if lx.I < len(b) && b[lx.I] == '\n' {
		lx.I++
	}
	start := off + int64(lx.I)
	if l, ok := o.v.Get("Length"); ok && l.Int() >= 0 {
		o.data = s.ownBytes(start, int64(l.Int()))
		o.end = start + int64(len(o.data))
		after := s.bytesAt(o.end, 32)
		if bytes.HasPrefix(bytes.TrimLeft(after, "\r\n \t"), []byte("endstream")) {
			return o, nil
		}
	}
	// no usable /Length (indirect, or wrong): up to "endstream"
	o.end = findForward(s, start, []byte("endstream"))
	if o.end < 0 {
		o.end = s.size
	}
	o.data = bytes.TrimRight(s.ownBytes(start, o.end-start), "\r\n")
	return o, nil
}

// findForward returns the offset of the first pat at or after off, or -1.
func findForward(s *source, off int64, pat []byte) int64 {
	const chunk = 1 << 20
	for off < s.size {
		b := s.bytesAt(off, chunk+int64(len(pat)))
		if i := bytes.Index(b, pat); i >= 0 {
			return off + int64(i)
		}
		off += chunk
	}
	return -1
}

// valid checks that every object the table places at an offset is there.
func (x *xref) valid(s *source) bool {
	if x.bad {
		return false
	}
	var nums []int
	for num, e := range x.ents {
		if e.kind == 1 {
			nums = append(nums, num)
		}
	}
	sort.Slice(nums, func(i, j int) bool { return x.ents[nums[i]].off < x.ents[nums[j]].off })
	for _, num := range nums {
		e := x.ents[num]
		b := s.bytesAt(e.off, 32)
		lx := &syntax.Lexer{B: b}
		lx.SkipSpace()
		n, err1 := strconv.Atoi(string(lx.Token()))
		lx.SkipSpace()
		g, err2 := strconv.Atoi(string(lx.Token()))
		lx.SkipSpace()
		if err1 != nil || err2 != nil || n != num || g != e.gen || lx.Word() != "obj" {
			return false
		}
	}
	return true
}

var errNoObject = errors.New("object not found")

// rootOK checks that the trailer's /Root names a catalog the table places.
func (x *xref) rootOK(s *source) bool {
	r, ok := x.root()
	if !ok {
		return false
	}
	e, ok := x.ents[int(r.Num)]
	if !ok {
		return false
	}
	if e.kind != 1 {
		return true // checked when its object stream is read
	}
	o, err := parseIndirect(s, e.off)
	_, pages := o.v.Get("Pages")
	return err == nil && pages
}
