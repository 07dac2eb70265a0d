package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// The cross-reference layer. ledongthuc/pdf reads classic xref tables and
// xref streams, but it re-decompresses a whole object stream at every
// access to an object inside it, ignores the /XRefStm of hybrid files
// (Word writes them; their compressed objects are listed nowhere else),
// and panics on an offset that points nowhere. So the file's cross-
// reference data is read here first: followed through /Prev and /XRefStm,
// checked object by object, and rebuilt by scanning the file when it is
// wrong. When the file needs it, ledongthuc/pdf is then handed a rebuilt
// file (see rebuild.go).

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
	trailer operand // /Root, /Info, /Encrypt, /ID, from the newest section having each
	streams bool    // some objects live in object streams
	hybrid  bool    // an /XRefStm lists objects the tables do not
	scanned bool    // rebuilt by scanning: the file's own data was wrong
	bad     bool    // an object number or /Size beyond maxObjNum
}

// maxObjNum bounds object numbers. ledongthuc/pdf allocates its table to
// the highest number or /Size, and an out-of-memory error cannot be
// recovered from; real reports have a few thousand objects.
const maxObjNum = 1 << 20

func (x *xref) root() (operand, bool) {
	r, ok := x.trailer.get("Root")
	return r, ok && r.kind == opRef
}

// source reads a file through a small block cache: objects are read in
// file order, so most reads hit the block of the previous one.
type source struct {
	ra    io.ReaderAt
	size  int64
	block []byte
	at    int64
}

const blockSize = 64 << 10

// bytesAt returns up to n bytes from off (fewer at the end of the file).
func (s *source) bytesAt(off, n int64) []byte {
	if off < 0 || off >= s.size {
		return nil
	}
	n = min(n, s.size-off)
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

var errShort = errors.New("section runs past the bytes read")

// readXref reads the file's cross-reference sections, newest first.
func readXref(s *source) (*xref, error) {
	tail := s.bytesAt(max(0, s.size-1024), 1024)
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	lx := &lexer{b: tail, i: i + len("startxref")}
	lx.skipSpace()
	start, err := strconv.ParseInt(lx.word(), 10, 64)
	if err != nil {
		return nil, errors.New("startxref without an offset")
	}
	x := &xref{ents: map[int]xent{}, trailer: operand{kind: opDict}}
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
		if v, ok := trailer.get("Size"); ok && (v.int() < 0 || v.int() > maxObjNum) {
			x.bad = true
		}
		for _, k := range []string{"Root", "Info", "Encrypt", "ID"} {
			if _, have := x.trailer.get(k); !have {
				if v, ok := trailer.get(k); ok {
					x.trailer.arr = append(x.trailer.arr, operand{kind: opName, s: k}, v)
				}
			}
		}
		// a hybrid file's stream belongs to the same update as its table
		if v, ok := trailer.get("XRefStm"); ok && v.int() >= 0 {
			x.hybrid = true
			queue = append([]int64{int64(v.int())}, queue...)
		}
		if v, ok := trailer.get("Prev"); ok && v.int() >= 0 {
			queue = append(queue, int64(v.int()))
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
func (x *xref) section(s *source, off int64) (operand, error) {
	for n := int64(64 << 10); ; n *= 8 {
		b := s.bytesAt(off, n)
		t, err := x.parseSection(s, b, off)
		if !errors.Is(err, errShort) || int64(len(b)) < n || n > s.size {
			return t, err
		}
	}
}

func (x *xref) parseSection(s *source, b []byte, off int64) (operand, error) {
	lx := &lexer{b: b, refs: true}
	lx.skipSpace()
	if !bytes.HasPrefix(b[lx.i:], []byte("xref")) {
		o, err := parseIndirect(s, off)
		if err != nil {
			return operand{}, err
		}
		if t, _ := o.v.get("Type"); t.s != "XRef" || o.data == nil {
			return operand{}, fmt.Errorf("object %d is no xref stream", o.num)
		}
		return o.v, x.streamEntries(o.v, o.data)
	}
	lx.i += 4
	pending := map[int]xent{} // this section's entries; claimed at the end
	for {
		lx.skipSpace()
		if lx.i >= len(b) {
			return operand{}, errShort
		}
		if !isNumStart(b[lx.i]) {
			if w := lx.word(); w != "trailer" {
				return operand{}, fmt.Errorf("%q in xref table", w)
			}
			lx.skipSpace()
			if lx.i >= len(b) {
				return operand{}, errShort
			}
			t := lx.value(0)
			if t.kind != opDict || lx.i >= len(b) {
				return operand{}, errShort
			}
			for num, e := range pending {
				x.claim(num, e)
			}
			return t, nil
		}
		first, _ := strconv.Atoi(lx.word())
		lx.skipSpace()
		count, err := strconv.Atoi(lx.word())
		if err != nil || count < 0 || first < 0 {
			return operand{}, errors.New("bad subsection header")
		}
		for k := 0; k < count; k++ {
			lx.skipSpace()
			o, err1 := strconv.ParseInt(lx.word(), 10, 64)
			lx.skipSpace()
			g, err2 := strconv.Atoi(lx.word())
			lx.skipSpace()
			use := lx.word()
			if lx.i >= len(b) {
				return operand{}, errShort
			}
			if err1 != nil || err2 != nil || use != "n" && use != "f" {
				return operand{}, errors.New("bad xref entry")
			}
			if use == "n" {
				pending[first+k] = xent{kind: 1, off: o, gen: g}
			}
		}
	}
}

// streamEntries reads the entries of an xref stream.
func (x *xref) streamEntries(dict operand, data []byte) error {
	data, err := decodeStream(dict, data)
	if err != nil {
		return err
	}
	wv, _ := dict.get("W")
	if len(wv.arr) < 3 {
		return errors.New("xref stream without /W")
	}
	var w [3]int
	for i := range w {
		if w[i] = wv.arr[i].int(); w[i] < 0 || w[i] > 8 {
			return errors.New("bad /W")
		}
	}
	size, _ := dict.get("Size")
	index := []operand{{kind: opNum}, size}
	if v, ok := dict.get("Index"); ok && v.kind == opArray {
		index = v.arr
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
		first, count := index[i].int(), index[i+1].int()
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
	v        operand
	data     []byte // raw stream data; nil for other objects
	end      int64  // offset after the value or the stream data
}

// parseIndirect reads the object at off.
func parseIndirect(s *source, off int64) (o indirect, err error) {
	b := s.bytesAt(off, 32<<10)
	lx := &lexer{b: b, refs: true}
	lx.skipSpace()
	num, err1 := strconv.Atoi(lx.word())
	lx.skipSpace()
	gen, err2 := strconv.Atoi(lx.word())
	lx.skipSpace()
	if err1 != nil || err2 != nil || lx.word() != "obj" {
		return o, fmt.Errorf("no object at offset %d", off)
	}
	o.num, o.gen = num, gen
	lx.skipSpace()
	if lx.i >= len(b) {
		return o, errShort
	}
	o.v = lx.value(0)
	lx.skipSpace()
	o.end = off + int64(lx.i)
	if o.v.kind != opDict || !bytes.HasPrefix(b[lx.i:], []byte("stream")) {
		return o, nil
	}
	lx.i += len("stream")
	if lx.i < len(b) && b[lx.i] == '\r' {
		lx.i++
	}
	if lx.i < len(b) && b[lx.i] == '\n' {
		lx.i++
	}
	start := off + int64(lx.i)
	if l, ok := o.v.get("Length"); ok && l.int() >= 0 {
		o.data = s.bytesAt(start, int64(l.int()))
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
	o.data = bytes.TrimRight(s.bytesAt(start, o.end-start), "\r\n")
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
		lx := &lexer{b: b}
		lx.skipSpace()
		n, err1 := strconv.Atoi(lx.word())
		lx.skipSpace()
		g, err2 := strconv.Atoi(lx.word())
		lx.skipSpace()
		if err1 != nil || err2 != nil || n != num || g != e.gen || lx.word() != "obj" {
			return false
		}
	}
	return true
}
