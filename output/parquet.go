package output

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/gongkai/gongkai/schema"
)

// parquetWriter writes the rows of a layout with typed columns, for
// DuckDB, pandas, Spark and the like: the CSV's columns, lists as lists of
// strings, values as nullable DOUBLEs — DOUBLE for counts too, since a
// value is kept as printed and a document may print a count with decimals.
//
// Parquet writes its index at the end, so the file is complete only after
// Close: for runs that may be killed, write JSON Lines with --resume and
// convert with `gongkai merge out.parquet in.jsonl`.
//
// The writer is our own, not a Parquet library's: what the layouts need —
// flat columns of five types, one list type, PLAIN values, one Snappy page
// a column a row group — is a few hundred lines, and the library it
// replaced brought some seventy packages (Protocol Buffers among them)
// whose initialisation every run paid for at start-up, a fifth of the
// time `gongkai version` took.
type parquetWriter struct {
	w       io.Writer
	off     int64 // bytes written so far
	err     error
	shape   shape
	chunks  []chunk
	rows    int // in the row group being built
	total   int64
	groups  []rowGroup
	scratch []byte // compressed page
}

// rowGroupSize bounds the rows buffered in memory before they are written.
const rowGroupSize = 10000

// chunk is one column's data in the row group being built.
type chunk struct {
	col      column
	def, rep []byte // a level a value written, nulls and empty lists included
	values   bytes.Buffer
}

// maxDef and maxRep are the column's highest definition and repetition
// levels: 1 for an optional column or a list (whose elements are required,
// so level 0 is an empty list), 0 otherwise.
func (c column) maxDef() int {
	if c.kind == text || c.kind == size {
		return 0
	}
	return 1
}

func (c column) maxRep() int {
	if c.kind == list {
		return 1
	}
	return 0
}

// physical is the column's Parquet type.
func (c column) physical() int32 {
	switch c.kind {
	case size:
		return typeInt64
	case optInt:
		return typeInt32
	case number:
		return typeDouble
	}
	return typeByteArray
}

// rowGroup is what the footer says of one written row group.
type rowGroup struct {
	rows    int64
	bytes   int64
	columns []columnMeta
}

type columnMeta struct {
	offset, values, raw, compressed int64
}

func newParquet(w io.Writer, l Layout) *parquetWriter {
	p := &parquetWriter{w: w, shape: shapeOf(l)}
	p.chunks = make([]chunk, len(p.shape.columns))
	for i, c := range p.shape.columns {
		p.chunks[i].col = c
	}
	p.write([]byte("PAR1"))
	return p
}

func (p *parquetWriter) write(b []byte) {
	if p.err != nil {
		return
	}
	n, err := p.w.Write(b)
	p.off += int64(n)
	if err != nil {
		p.err = fmt.Errorf("output: parquet: %w", err)
	}
}

func (p *parquetWriter) Write(rec schema.Record) error {
	for _, r := range p.shape.rows(rec) {
		for i, v := range r {
			p.chunks[i].add(v)
		}
		if p.rows++; p.rows == rowGroupSize {
			p.flush()
		}
	}
	return p.err
}

// add appends a row's value: nil, a string, an int64, a float64 or a
// []string, as column.kind says.
func (c *chunk) add(v any) {
	if c.col.kind == list {
		l, _ := v.([]string)
		if len(l) == 0 {
			c.def, c.rep = append(c.def, 0), append(c.rep, 0)
		}
		for i, s := range l {
			rep := byte(1) // the list goes on
			if i == 0 {
				rep = 0
			}
			c.def, c.rep = append(c.def, 1), append(c.rep, rep)
			c.bytes(s)
		}
		return
	}
	if v == nil && c.col.maxDef() > 0 {
		c.def = append(c.def, 0)
		return
	}
	c.def = append(c.def, 1)
	var b [8]byte
	switch v := v.(type) {
	case nil: // a required column given nothing: its zero value
		if c.col.kind == size {
			c.values.Write(b[:])
		} else {
			c.bytes("")
		}
	case string:
		c.bytes(v)
	case int64:
		if c.col.kind == optInt {
			binary.LittleEndian.PutUint32(b[:], uint32(int32(v)))
			c.values.Write(b[:4])
		} else {
			binary.LittleEndian.PutUint64(b[:], uint64(v))
			c.values.Write(b[:])
		}
	case float64:
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		c.values.Write(b[:])
	}
}

// bytes appends a BYTE_ARRAY in PLAIN encoding: its length, then it.
func (c *chunk) bytes(s string) {
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(s)))
	c.values.Write(n[:])
	c.values.WriteString(s)
}

// flush writes the row group built so far: a data page a column.
func (p *parquetWriter) flush() {
	if p.rows == 0 {
		return
	}
	g := rowGroup{rows: int64(p.rows)}
	var page, header []byte
	for i := range p.chunks {
		c := &p.chunks[i]
		page = page[:0]
		if c.col.maxRep() > 0 {
			page = appendLevels(page, c.rep)
		}
		if c.col.maxDef() > 0 {
			page = appendLevels(page, c.def)
		}
		page = append(page, c.values.Bytes()...)
		p.scratch = snappy(p.scratch[:0], page)
		header = pageHeader(header[:0], len(page), len(p.scratch), len(c.def))
		m := columnMeta{offset: p.off, values: int64(len(c.def)),
			raw: int64(len(header) + len(page)), compressed: int64(len(header) + len(p.scratch))}
		p.write(header)
		p.write(p.scratch)
		g.columns = append(g.columns, m)
		g.bytes += m.raw
		c.def, c.rep = c.def[:0], c.rep[:0]
		c.values.Reset()
	}
	p.groups = append(p.groups, g)
	p.total += int64(p.rows)
	p.rows = 0
}

func (p *parquetWriter) Close() error {
	p.flush()
	footer := p.footer()
	p.write(footer)
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(footer)))
	p.write(n[:])
	p.write([]byte("PAR1"))
	return p.err
}

// appendLevels appends levels of bit width 1 as Parquet's RLE/bit-packed
// hybrid, runs only, after their length in 4 bytes.
func appendLevels(b []byte, levels []byte) []byte {
	at := len(b)
	b = append(b, 0, 0, 0, 0)
	for i := 0; i < len(levels); {
		j := i + 1
		for j < len(levels) && levels[j] == levels[i] {
			j++
		}
		b = binary.AppendUvarint(b, uint64(j-i)<<1)
		b = append(b, levels[i])
		i = j
	}
	binary.LittleEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	return b
}

// Parquet's enumerations (parquet.thrift), as far as the writer uses them.
const (
	typeInt32     = 1
	typeInt64     = 2
	typeDouble    = 5
	typeByteArray = 6

	required = 0
	optional = 1
	repeated = 2

	convertedUTF8 = 0
	convertedList = 3

	encodingPlain = 0
	encodingRLE   = 3

	codecSnappy = 1
	dataPage    = 0
)

// pageHeader is a data page's PageHeader.
func pageHeader(b []byte, raw, compressed, values int) []byte {
	t := thrift{b: b}
	t.i32(1, dataPage)
	t.i32(2, int32(raw))
	t.i32(3, int32(compressed))
	t.begin(5, ctStruct) // DataPageHeader
	t.i32(1, int32(values))
	t.i32(2, encodingPlain)
	t.i32(3, encodingRLE)
	t.i32(4, encodingRLE)
	t.end()
	return append(t.b, 0) // the stop field
}

// footer is the FileMetaData.
func (p *parquetWriter) footer() []byte {
	t := thrift{}
	t.i32(1, 1) // version
	cols := p.shape.columns
	elements := 1
	for _, c := range cols {
		if c.kind == list {
			elements += 3
		} else {
			elements++
		}
	}
	t.list(2, ctStruct, elements)
	t.element("record", -1, -1, len(cols), -1, 0)
	for _, c := range cols {
		if c.kind == list { // the three-level LIST of the Parquet spec
			t.element(c.name, -1, required, 1, convertedList, ltList)
			t.element("list", -1, repeated, 1, -1, 0)
			t.element("element", typeByteArray, required, -1, convertedUTF8, ltString)
			continue
		}
		rep := int32(optional)
		if c.maxDef() == 0 {
			rep = required
		}
		conv, lt := int32(-1), int16(0)
		if c.physical() == typeByteArray {
			conv, lt = convertedUTF8, ltString
		}
		t.element(c.name, c.physical(), rep, -1, conv, lt)
	}
	t.i64(3, p.total)
	t.list(4, ctStruct, len(p.groups))
	for _, g := range p.groups {
		t.open()
		t.list(1, ctStruct, len(g.columns))
		for i, m := range g.columns {
			c := cols[i]
			t.open()
			t.i64(2, m.offset)
			t.begin(3, ctStruct) // ColumnMetaData
			t.i32(1, c.physical())
			t.list(2, ctI32, 2)
			t.varint(encodingPlain)
			t.varint(encodingRLE)
			path := []string{c.name}
			if c.kind == list {
				path = append(path, "list", "element")
			}
			t.list(3, ctBinary, len(path))
			for _, s := range path {
				t.str(s)
			}
			t.i32(4, codecSnappy)
			t.i64(5, m.values)
			t.i64(6, m.raw)
			t.i64(7, m.compressed)
			t.i64(9, m.offset)
			t.end()
			t.end()
		}
		t.i64(2, g.bytes)
		t.i64(3, g.rows)
		t.end()
	}
	t.list(5, ctStruct, 1)
	t.open()
	t.binary(1, "gongkai.schema_version")
	t.binary(2, schema.Version)
	t.end()
	t.binary(6, "gongkai version "+schema.Version)
	t.b = append(t.b, 0) // the stop field
	return t.b
}

// LogicalType's union members that the writer uses.
const (
	ltString = 1
	ltList   = 3
)

// element writes a SchemaElement; a negative typ, rep, children or conv,
// or a zero lt, leaves that field out.
func (t *thrift) element(name string, typ, rep int32, children int, conv int32, lt int16) {
	t.open()
	if typ >= 0 {
		t.i32(1, typ)
	}
	if rep >= 0 {
		t.i32(3, rep)
	}
	t.binary(4, name)
	if children >= 0 {
		t.i32(5, int32(children))
	}
	if conv >= 0 {
		t.i32(6, conv)
	}
	if lt > 0 {
		t.begin(10, ctStruct) // LogicalType, a union of empty structs here
		t.begin(lt, ctStruct)
		t.end()
		t.end()
	}
	t.end()
}

// thrift writes Thrift's compact protocol, the encoding of Parquet's
// metadata.
type thrift struct {
	b     []byte
	last  int16   // the field id written last in the open struct
	outer []int16 // the enclosing structs' last ids
}

// Compact protocol types.
const (
	ctI32    = 5
	ctI64    = 6
	ctBinary = 8
	ctList   = 9
	ctStruct = 12
)

func (t *thrift) field(id int16, typ byte) {
	if d := id - t.last; d > 0 && d <= 15 {
		t.b = append(t.b, byte(d)<<4|typ)
	} else {
		t.b = append(t.b, typ)
		t.varint(int64(id))
	}
	t.last = id
}

// varint writes a zigzag varint, as i16, i32 and i64 are written.
func (t *thrift) varint(v int64) { t.b = binary.AppendUvarint(t.b, uint64(v<<1^v>>63)) }

func (t *thrift) i32(id int16, v int32) { t.field(id, ctI32); t.varint(int64(v)) }
func (t *thrift) i64(id int16, v int64) { t.field(id, ctI64); t.varint(v) }

func (t *thrift) binary(id int16, s string) { t.field(id, ctBinary); t.str(s) }

func (t *thrift) str(s string) {
	t.b = binary.AppendUvarint(t.b, uint64(len(s)))
	t.b = append(t.b, s...)
}

// list starts a list field of n elements of type elem; the elements follow.
func (t *thrift) list(id int16, elem byte, n int) {
	t.field(id, ctList)
	if n < 15 {
		t.b = append(t.b, byte(n)<<4|elem)
	} else {
		t.b = append(t.b, 0xf0|elem)
		t.b = binary.AppendUvarint(t.b, uint64(n))
	}
}

// begin starts a struct field; open starts a struct in a list. end closes
// either.
func (t *thrift) begin(id int16, typ byte) { t.field(id, typ); t.open() }
func (t *thrift) open()                    { t.outer = append(t.outer, t.last); t.last = 0 }
func (t *thrift) end() {
	t.b = append(t.b, 0)
	t.last, t.outer = t.outer[len(t.outer)-1], t.outer[:len(t.outer)-1]
}

// snappy appends src compressed in Snappy's block format: its length,
// then literals and copies found by a hash of four bytes, within blocks of
// 64 KB so that every copy has a two-byte offset.
func snappy(dst, src []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(src)))
	var table [1 << 14]int32 // a position in the block, plus one
	for start := 0; start < len(src); start += 1 << 16 {
		block := src[start:min(start+1<<16, len(src))]
		clear(table[:])
		emit := 0
		for s := 0; s+4 <= len(block); {
			v := binary.LittleEndian.Uint32(block[s:])
			h := v * 0x1e35a7bd >> 18
			cand := int(table[h]) - 1
			table[h] = int32(s + 1)
			if cand < 0 || binary.LittleEndian.Uint32(block[cand:]) != v {
				s++
				continue
			}
			dst = snappyLiteral(dst, block[emit:s])
			n := 4
			for s+n < len(block) && block[cand+n] == block[s+n] {
				n++
			}
			dst = snappyCopy(dst, s-cand, n)
			s += n
			emit = s
		}
		dst = snappyLiteral(dst, block[emit:])
	}
	return dst
}

func snappyLiteral(dst, lit []byte) []byte {
	switch n := len(lit) - 1; {
	case n < 0:
		return dst
	case n < 60:
		dst = append(dst, byte(n)<<2)
	case n < 1<<8:
		dst = append(dst, 60<<2, byte(n))
	default: // a literal is at most a block, 64 KB
		dst = append(dst, 61<<2, byte(n), byte(n>>8))
	}
	return append(dst, lit...)
}

// snappyCopy writes a copy of n bytes from offset back (offset < 64 KB).
func snappyCopy(dst []byte, offset, n int) []byte {
	for n >= 68 {
		dst = append(dst, 63<<2|2, byte(offset), byte(offset>>8))
		n -= 64
	}
	if n > 64 {
		dst = append(dst, 59<<2|2, byte(offset), byte(offset>>8))
		n -= 60
	}
	if n >= 12 || offset >= 2048 {
		return append(dst, byte(n-1)<<2|2, byte(offset), byte(offset>>8))
	}
	return append(dst, byte(offset>>8)<<5|byte(n-4)<<2|1, byte(offset))
}
