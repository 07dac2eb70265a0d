package object

import (
	"bytes"
	"regexp"
	"strconv"
	"sync"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
)

// When a file's cross-reference data is missing or wrong (offsets that
// point elsewhere after an edit, a truncated table, no trailer), the
// objects are found by scanning the file for "N G obj", in order, stepping
// over stream data; a later definition of an object replaces an earlier
// one, as an incremental update does. The trailer entries come from the
// last trailer or xref stream, and a missing /Root from the last catalog.

// objHeader is compiled at first use: only a damaged file needs it, and
// compiling it at start-up cost every run 17 page faults.
var objHeader = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(\d{1,10})[ \t\r\n\f\x00]+(\d{1,5})[ \t\r\n\f\x00]+obj\b`)
})

const scanChunk = 1 << 20

// scan rebuilds the cross-reference data of a file from its objects.
func scan(s *source) *xref {
	sc := &scanner{s: s, x: &xref{ents: map[int]xent{}, trailer: syntax.Object{Kind: syntax.Dict}, scanned: true}}
	for off := int64(0); off < s.size; off += scanChunk {
		sc.chunk(off)
	}
	sc.objectStreams()
	x := sc.x
	if r, ok := x.root(); !ok || !x.has(int(r.Num)) {
		if sc.catalog.Kind == syntax.Ref {
			x.trailer = withKey(x.trailer, "Root", sc.catalog)
		}
	}
	return x
}

// scanner is the state of a scan: what was found so far.
type scanner struct {
	s       *source
	x       *xref
	stms    []int         // object streams, in file order
	catalog syntax.Object // the last catalog seen, as a reference
	end     int64         // objects starting before end lie inside the last one's stream
}

// setTrailer takes the trailer entries a trailer or xref stream names.
func (sc *scanner) setTrailer(d syntax.Object) {
	for _, k := range []string{"Root", "Info", "ID", "Encrypt"} {
		if v, ok := d.Get(k); ok {
			sc.x.trailer = withKey(sc.x.trailer, k, v)
		}
	}
}

// chunk reads the objects and trailers that start in the chunk at off.
func (sc *scanner) chunk(off int64) {
	s, x := sc.s, sc.x
	from := max(0, off-64)
	b := s.bytesAt(from, off-from+scanChunk+64)
	for _, m := range objHeader().FindAllSubmatchIndex(b, -1) {
		at := from + int64(m[0])
		if at < off || at >= off+scanChunk || at < sc.end || m[0] > 0 && !syntax.IsSpace(b[m[0]-1]) && !syntax.IsDelim(b[m[0]-1]) {
			continue
		}
		o, err := parseIndirect(s, at)
		if err != nil || o.num > maxObjNum {
			continue
		}
		sc.end = o.end
		x.ents[o.num] = xent{kind: 1, off: at, gen: o.gen}
		switch t, _ := o.v.Get("Type"); t.Str {
		case "ObjStm":
			sc.stms = append(sc.stms, o.num)
		case "XRef":
			sc.setTrailer(o.v)
		case "Catalog":
			sc.catalog = syntax.Object{Kind: syntax.Ref, Num: float64(o.num), Gen: int32(o.gen)}
		}
	}
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("trailer"))
		if k < 0 {
			break
		}
		i += k + len("trailer")
		if at := from + int64(i); at >= off && at < off+scanChunk {
			lx := &syntax.Lexer{B: b, I: i, Refs: true}
			lx.SkipSpace()
			if lx.I < len(b) && b[lx.I] == '<' {
				sc.setTrailer(lx.Value(0))
			}
		}
	}
}

// objectStreams places the objects of the object streams found, unless a
// plain definition after the stream is newer.
func (sc *scanner) objectStreams() {
	x := sc.x
	for _, num := range sc.stms {
		stm, err := loadObjStm(sc.s, x, num)
		if err != nil {
			continue
		}
		for idx, on := range stm.nums {
			if on <= 0 || on > maxObjNum {
				continue
			}
			if e, ok := x.ents[on]; ok && e.kind == 1 && e.off > x.ents[num].off {
				continue
			}
			x.ents[on] = xent{kind: 2, off: int64(num), idx: idx}
			x.streams = true
			if body, ok := stm.object(idx); ok && bytes.Contains(body, []byte("/Catalog")) {
				lx := &syntax.Lexer{B: body, Refs: true}
				lx.SkipSpace()
				if t, _ := lx.Value(0).Get("Type"); t.Str == "Catalog" {
					sc.catalog = syntax.Object{Kind: syntax.Ref, Num: float64(on)}
				}
			}
		}
	}
}

func (x *xref) has(num int) bool {
	_, ok := x.ents[num]
	return ok
}

// withKey sets a dictionary entry.
func withKey(d syntax.Object, key string, v syntax.Object) syntax.Object {
	out := syntax.Object{Kind: syntax.Dict}
	for i := 0; i+1 < len(d.Arr); i += 2 {
		if d.Arr[i].Str != key {
			out.Arr = append(out.Arr, d.Arr[i], d.Arr[i+1])
		}
	}
	out.Arr = append(out.Arr, syntax.Object{Kind: syntax.Name, Str: key}, v)
	return out
}

// objStm is a decoded object stream.
type objStm struct {
	data  []byte
	first int
	nums  []int // object numbers by index
	offs  []int // their offsets after first
}

func loadObjStm(s *source, x *xref, num int) (*objStm, error) {
	e, ok := x.ents[num]
	if !ok || e.kind != 1 {
		return nil, errNoObject
	}
	o, err := parseIndirect(s, e.off)
	if err != nil {
		return nil, err
	}
	data, err := decode(o.v, o.data, MaxDecoded)
	if err != nil {
		return nil, err
	}
	n, _ := o.v.Get("N")
	first, _ := o.v.Get("First")
	stm := &objStm{data: data, first: first.Int()}
	if stm.first < 0 || stm.first > len(data) {
		return nil, errNoObject
	}
	lx := &syntax.Lexer{B: data[:stm.first]}
	for k := 0; k < n.Int(); k++ {
		lx.SkipSpace()
		a, err1 := strconv.Atoi(string(lx.Token()))
		lx.SkipSpace()
		b, err2 := strconv.Atoi(string(lx.Token()))
		if err1 != nil || err2 != nil || b < 0 {
			break
		}
		stm.nums, stm.offs = append(stm.nums, a), append(stm.offs, b)
	}
	return stm, nil
}

// object returns the text of the object at idx.
func (m *objStm) object(idx int) ([]byte, bool) {
	if idx < 0 || idx >= len(m.offs) {
		return nil, false
	}
	// up to the next object, whatever the order of the offsets
	start, end := m.first+m.offs[idx], len(m.data)
	for _, o := range m.offs {
		if m.first+o > start && m.first+o < end {
			end = m.first + o
		}
	}
	if start > end {
		return nil, false
	}
	return m.data[start:end], true
}
