// Package object is the object and repair layer of gongkai's PDF reader: it
// reads a file's cross-reference data (classic tables, xref streams, hybrid
// files, /Prev chains with loops cut), rebuilds it by scanning the file when
// it is wrong, resolves references through a bounded cache (object streams
// decoded once, not at every access), decodes streams with a bound on their
// size, and walks the page tree once, with inherited attributes and loops
// and absurd /Count values cut. It never panics on a damaged file: what
// cannot be read is a null object. An encrypted file is decrypted as its
// objects are read, once the caller asks for it (Decrypt, crypt.go).
package object

import (
	"bytes"
	"errors"
	"io"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
)

// ErrNoCatalog says the file has no document catalog to start from.
var ErrNoCatalog = errors.New("no document catalog (/Root) in the trailer or among the objects")

// File is an open PDF's objects.
type File struct {
	src *source
	x   *xref
	// objects caches parsed objects by number; stms caches decoded object
	// streams. Both are emptied when they pass their bound, so memory stays
	// flat on files of any size.
	objects   map[int]entry
	stms      map[int]*objStm
	stmsBytes int
}

// entry is a parsed object: a value, and for a stream its raw data.
type entry struct {
	o      syntax.Object
	stream bool
	data   []byte
}

const (
	maxCachedObjects = 1 << 14
	maxCachedStreams = 32 << 20 // bytes of decoded object streams
	maxRefDepth      = 32       // references to references
)

// Open reads the cross-reference data of a file, rebuilding it by scanning
// the file when it is missing or wrong.
//
// A reader with a Bytes method (extract.Memory) is read in place: objects
// and streams are slices of its bytes, which are never changed.
func Open(ra io.ReaderAt, size int64) (*File, error) {
	s := &source{ra: ra, size: size}
	if m, ok := ra.(interface{ Bytes() []byte }); ok && int64(len(m.Bytes())) == size {
		s.mem = m.Bytes()
	}
	x, err := readXref(s)
	if err != nil || !x.valid(s) || !x.rootOK(s) {
		x = scan(s)
	}
	if _, ok := x.root(); !ok {
		return nil, ErrNoCatalog
	}
	return &File{src: s, x: x, objects: map[int]entry{}, stms: map[int]*objStm{}}, nil
}

// Repaired reports whether the cross-reference data was rebuilt by
// scanning the file.
func (f *File) Repaired() bool { return f.x.scanned }

// Trailer is the trailer dictionary (merged over the file's updates).
func (f *File) Trailer() Value { return f.value(f.x.trailer, 0) }

// Root is the document catalog.
func (f *File) Root() Value {
	r, _ := f.x.root()
	return f.value(r, 0)
}

// value resolves o, which was found in object num (0: direct).
func (f *File) value(o syntax.Object, num int) Value {
	for depth := 0; o.Kind == syntax.Ref; depth++ {
		if depth >= maxRefDepth {
			return Value{}
		}
		num = int(o.Num)
		e, ok := f.load(num)
		if !ok {
			return Value{}
		}
		if e.stream {
			return Value{f: f, o: e.o, num: num, stream: true, data: e.data}
		}
		o = e.o
	}
	return Value{f: f, o: o, num: num}
}

// load returns object num, parsed, from the cache or the file.
func (f *File) load(num int) (entry, bool) {
	if e, ok := f.objects[num]; ok {
		return e, true
	}
	xe, ok := f.x.ents[num]
	if !ok {
		return entry{}, false
	}
	var e entry
	switch xe.kind {
	case 1:
		o, err := parseIndirect(f.src, xe.off)
		if err != nil || o.num != num {
			return entry{}, false
		}
		e = entry{o: o.v, stream: o.data != nil, data: o.data}
	case 2:
		stm := f.objStm(int(xe.off))
		if stm == nil || xe.idx >= len(stm.nums) || stm.nums[xe.idx] != num {
			return entry{}, false
		}
		body, ok := stm.object(xe.idx)
		if !ok {
			return entry{}, false
		}
		lx := &syntax.Lexer{B: body, Refs: true}
		lx.SkipSpace()
		if lx.I >= len(body) {
			return entry{}, false
		}
		e = entry{o: lx.Value(0)}
	default:
		return entry{}, false
	}
	if len(f.objects) >= maxCachedObjects {
		clear(f.objects)
	}
	if len(e.data) <= 1<<20 { // large stream data is read again when needed
		f.objects[num] = e
	}
	return e, true
}

// objStm returns object stream num, decoded once and cached.
func (f *File) objStm(num int) *objStm {
	if stm, ok := f.stms[num]; ok {
		return stm
	}
	stm, err := loadObjStm(f.src, f.x, num)
	if err != nil {
		stm = nil // remembered as unreadable
	} else if f.stmsBytes += len(stm.data); f.stmsBytes > maxCachedStreams {
		clear(f.stms)
		f.stmsBytes = len(stm.data)
	}
	f.stms[num] = stm
	return stm
}

// Kind is the type of a Value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Name
	Array
	Dict
	Stream
)

// Value is an object of the file, references resolved. The zero Value is
// the null object; every method of a Value of another kind than it expects
// returns the zero of its result, so damaged files read as missing parts.
type Value struct {
	f      *File
	o      syntax.Object
	num    int // the object it was read from; 0 for a direct object
	stream bool
	data   []byte // a stream's raw data
}

// Kind is the value's type.
func (v Value) Kind() Kind {
	if v.stream {
		return Stream
	}
	switch v.o.Kind {
	case syntax.Bool:
		return Bool
	case syntax.Number:
		return Number
	case syntax.String:
		return String
	case syntax.Name:
		return Name
	case syntax.Array:
		return Array
	case syntax.Dict:
		return Dict
	}
	return Null
}

// IsNull reports whether the value is null (or missing).
func (v Value) IsNull() bool { return v.Kind() == Null }

// ID is the number of the object the value was read from: 0 for a direct
// object inside another.
func (v Value) ID() int { return v.num }

// Key returns a dictionary's (or a stream dictionary's) entry, resolved.
func (v Value) Key(k string) Value {
	if v.f == nil {
		return Value{}
	}
	o, ok := v.o.Get(k)
	if !ok {
		return Value{}
	}
	return v.f.value(o, 0)
}

// Keys are a dictionary's keys, in the file's order.
func (v Value) Keys() []string {
	if v.o.Kind != syntax.Dict {
		return nil
	}
	var ks []string
	for i := 0; i+1 < len(v.o.Arr); i += 2 {
		ks = append(ks, v.o.Arr[i].Str)
	}
	return ks
}

// Len is an array's length.
func (v Value) Len() int {
	if v.o.Kind != syntax.Array || v.stream {
		return 0
	}
	return len(v.o.Arr)
}

// Index returns an array's element i, resolved.
func (v Value) Index(i int) Value {
	if v.f == nil || v.o.Kind != syntax.Array || i < 0 || i >= len(v.o.Arr) {
		return Value{}
	}
	return v.f.value(v.o.Arr[i], 0)
}

// Float64 is a number's value.
func (v Value) Float64() float64 {
	if v.o.Kind != syntax.Number {
		return 0
	}
	return v.o.Num
}

// Bool is a boolean's value; false for any other kind.
func (v Value) Bool() bool { return v.o.Kind == syntax.Bool && v.o.Num != 0 }

// Int is a number's value, truncated.
func (v Value) Int() int {
	if v.o.Kind != syntax.Number || v.o.Num > 1<<40 || v.o.Num < -(1<<40) {
		return 0
	}
	return int(v.o.Num)
}

// Name is a name's value, without the slash.
func (v Value) Name() string {
	if v.o.Kind != syntax.Name {
		return ""
	}
	return v.o.Str
}

// RawString is a string's bytes.
func (v Value) RawString() string {
	if v.o.Kind != syntax.String {
		return ""
	}
	return v.o.Str
}

// Filter is the name of a stream's last filter (DCTDecode for a JPEG
// image), "" for none.
func (v Value) Filter() string {
	f := v.Key("Filter")
	if f.Kind() == Array {
		f = f.Index(f.Len() - 1)
	}
	return f.Name()
}

// Raw returns a stream's data as stored, filters not applied, at most
// limit bytes: an image's JPEG file, for one.
func (v Value) Raw(limit int) []byte {
	raw := v.raw()
	return raw[:min(len(raw), limit)]
}

// raw is a stream's stored data: kept with the value, or read again for a
// large stream the cache does not hold.
func (v Value) raw() []byte {
	if !v.stream {
		return nil
	}
	if v.data == nil && v.num > 0 {
		if o, err := parseIndirect(v.f.src, v.f.x.ents[v.num].off); err == nil {
			return o.data
		}
	}
	return v.data
}

// Data returns a stream's decoded data, at most limit bytes of it. What a
// broken filter decoded before failing is kept, as viewers do.
func (v Value) Data(limit int) []byte {
	b, _ := v.Decode(limit)
	return b
}

// Decode is Data with the error of a filter that failed: unsupported, or
// its data damaged.
func (v Value) Decode(limit int) ([]byte, error) {
	if !v.stream || limit <= 0 {
		return nil, nil
	}
	b, err := decode(v.o, v.raw(), min(limit, MaxDecoded))
	if len(b) > limit {
		b = b[:limit]
	}
	return b, err
}

// DecodeTo is Decode onto dst: what the stream decodes to, at most limit
// bytes, is appended to dst, which a caller can use again for the next.
func (v Value) DecodeTo(dst *bytes.Buffer, limit int) error {
	if !v.stream || limit <= 0 {
		return nil
	}
	n := dst.Len()
	err := decodeTo(dst, v.o, v.raw(), min(limit, MaxDecoded))
	if dst.Len()-n > limit {
		dst.Truncate(n + limit)
	}
	return err
}
