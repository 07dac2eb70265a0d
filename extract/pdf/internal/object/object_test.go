package object

import (
	"bytes"
	"compress/lzw"
	"compress/zlib"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
	"github.com/gongkai/gongkai/internal/pdftest"
)

// classic writes objects 1..n with a classic xref table and a trailer.
var classic = pdftest.Classic

func open(t testing.TB, b []byte) *File {
	t.Helper()
	f, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Attributes are inherited down the tree; the page's own win.
func TestPagesInherit(t *testing.T) {
	f := open(t, classic([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /MediaBox [0 0 600 800] /Resources << /Font << /F1 6 0 R >> >> /Rotate 90 >>",
		"<< /Type /Page /Parent 2 0 R >>",
		"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 100 200] /Rotate 0 >>",
		"<< /Type /Font /BaseFont /Helvetica >>",
	}, "/Root 1 0 R"))
	pages, err := f.Pages(context.Background())
	if err != nil || len(pages) != 2 {
		t.Fatalf("%d pages, %v", len(pages), err)
	}
	if w := pages[0].MediaBox.Index(2).Float64(); w != 600 || pages[0].Rotate != 90 || pages[0].Dict.ID() != 3 {
		t.Errorf("page 1: width %g, rotate %d, object %d", w, pages[0].Rotate, pages[0].Dict.ID())
	}
	if w := pages[1].MediaBox.Index(2).Float64(); w != 100 || pages[1].Rotate != 0 {
		t.Errorf("page 2: width %g, rotate %d", w, pages[1].Rotate)
	}
	for i, p := range pages {
		if p.Resources.Key("Font").Key("F1").Key("BaseFont").Name() != "Helvetica" {
			t.Errorf("page %d: resources not inherited", i+1)
		}
	}
}

// Damaged page trees end, quickly, with the pages they hold.
func TestPagesHostile(t *testing.T) {
	tests := []struct {
		name  string
		objs  []string
		pages int
	}{
		{"kid is its own parent", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			"<< /Type /Page /Parent 2 0 R >>",
		}, 1},
		{"two nodes in a loop", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 1 >>",
			"<< /Type /Page >>",
		}, 1},
		{"absurd count", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 213804087 >>",
			"<< /Type /Page >>",
		}, 1},
		{"negative count", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count -2147483648 >>",
			"<< /Type /Page >>",
		}, 1},
		{"reference chain", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"3 0 R",
			"2 0 R",
		}, 0},
		{"kids not an array", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids 7 /Count 1 >>",
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := open(t, classic(tt.objs, "/Root 1 0 R"))
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			pages, err := f.Pages(ctx)
			if len(pages) != tt.pages || (tt.pages == 0) != (err != nil) {
				t.Errorf("%d pages, %v; want %d", len(pages), err, tt.pages)
			}
		})
	}
}

// A /Prev that points at its own section, or two that point at each
// other, is read once.
func TestPrevLoop(t *testing.T) {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page >>"}
	b := classic(objs, "/Root 1 0 R")
	at := bytes.LastIndex(b, []byte("xref\n0 "))
	b = bytes.Replace(b, []byte("/Root 1 0 R"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d", at)), 1)
	f := open(t, b)
	if pages, err := f.Pages(context.Background()); err != nil || len(pages) != 1 {
		t.Errorf("%d pages, %v", len(pages), err)
	}
}

// Objects in object streams are found, and the stream is decoded once.
func TestObjectStream(t *testing.T) {
	inner := "<< /Type /Pages /Kids [3 0 R] /Count 1 >> << /Type /Page /Contents 5 0 R >>"
	head := "2 0 3 42 "
	stm := head + inner
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	off1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	off4 := b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(head), len(stm), stm)
	off5 := b.Len()
	b.WriteString("5 0 obj\n<< /Length 11 /Filter /ASCIIHexDecode >>\nstream\n48656C6C6F>\nendstream\nendobj\n")
	// an xref stream, no predictor: type, offset (4 bytes), index
	var rows bytes.Buffer
	row := func(typ byte, off int, idx byte) {
		rows.Write([]byte{typ, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), idx})
	}
	row(0, 0, 255)
	row(1, off1, 0)
	row(2, 4, 0)
	row(2, 4, 1)
	row(1, off4, 0)
	row(1, off5, 0)
	xrefAt := b.Len()
	off6 := xrefAt
	row(1, off6, 0)
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R /Length %d >>\nstream\n", rows.Len())
	b.Write(rows.Bytes())
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	f := open(t, b.Bytes())
	pages, err := f.Pages(context.Background())
	if err != nil || len(pages) != 1 {
		t.Fatalf("%d pages, %v", len(pages), err)
	}
	if got := string(pages[0].Dict.Key("Contents").Data(1 << 10)); got != "Hello" {
		t.Errorf("contents %q", got)
	}
	if len(f.stms) != 1 || f.Repaired() {
		t.Errorf("%d object streams cached, repaired %v", len(f.stms), f.Repaired())
	}
}

// A file whose xref points nowhere is rebuilt by scanning it.
func TestRepair(t *testing.T) {
	b := classic([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page >>"}, "/Root 1 0 R")
	b = bytes.Replace(b, fmt.Appendf(nil, "%010d 00000 n", bytes.Index(b, []byte("1 0 obj"))), []byte("0000000999 00000 n"), 1)
	f := open(t, b)
	if pages, err := f.Pages(context.Background()); err != nil || len(pages) != 1 || !f.Repaired() {
		t.Errorf("%d pages, %v, repaired %v", len(pages), err, f.Repaired())
	}
}

func TestNoCatalog(t *testing.T) {
	b := classic([]string{"<< /Type /Pages /Kids [] /Count 0 >>"}, "")
	if _, err := Open(bytes.NewReader(b), int64(len(b))); err != ErrNoCatalog {
		t.Errorf("got %v, want ErrNoCatalog", err)
	}
}

// Values of the wrong kind read as zero, never a panic.
func TestValueKinds(t *testing.T) {
	f := open(t, classic([]string{"<< /Type /Catalog /Pages 2 0 R /A [1 (s) /N true null] /D << /K 2.5 >> >>", "<< /Type /Pages /Kids [] >>"}, "/Root 1 0 R"))
	r := f.Root()
	a := r.Key("A")
	if a.Kind() != Array || a.Len() != 5 || a.Index(0).Int() != 1 || a.Index(1).RawString() != "s" || a.Index(2).Name() != "N" || a.Index(3).Kind() != Bool || !a.Index(4).IsNull() {
		t.Errorf("array read wrong: %v", a)
	}
	if !a.Index(9).IsNull() || a.Key("X").Kind() != Null || a.Name() != "" || r.Key("D").Key("K").Float64() != 2.5 || r.Len() != 0 {
		t.Error("wrong-kind access did not read as zero")
	}
	if !strings.Contains(strings.Join(r.Keys(), " "), "Pages") {
		t.Errorf("keys %v", r.Keys())
	}
	var zero Value
	if zero.Key("A").Index(0).Data(10) != nil || zero.Kind() != Null {
		t.Error("the zero Value is not null")
	}
}

// FuzzOpen: whatever the bytes, opening, walking the pages and reading
// their contents ends without a panic.
func FuzzOpen(f *testing.F) {
	f.Add(classic([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Contents 4 0 R >>", "<< /Length 5 >>\nstream\nhello\nendstream"}, "/Root 1 0 R"))
	f.Add(classic([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 9 >>"}, "/Root 1 0 R /Prev 9"))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj trailer << /Root 1 0 R >>"))
	f.Add(classic([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", "<< /Filter /Standard /V 4 /R 4 /P -4 /CF << /StdCF << /CFM /AESV2 >> >> /StmF /StdCF /StrF /Identity /O <abab> /U <abab> >>"}, "/Root 1 0 R /Encrypt 3 0 R"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		file.Decrypt()
		pages, _ := file.Pages(context.Background())
		for _, p := range pages {
			c := p.Dict.Key("Contents")
			c.Data(1 << 16)
			for i := 0; i < c.Len(); i++ {
				c.Index(i).Data(1 << 16)
			}
			p.Resources.Keys()
		}
	})
}

// LZWDecode: the PDF reference's example (early change, the default), and
// the GIF-like variant (/EarlyChange 0).
func TestLZW(t *testing.T) {
	got, err := decode(syntax.Object{Kind: syntax.Dict, Arr: []syntax.Object{{Kind: syntax.Name, Str: "Filter"}, {Kind: syntax.Name, Str: "LZWDecode"}}},
		[]byte{0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01}, 1<<10)
	if err != nil || string(got) != "-----A---B" {
		t.Errorf("early change: %q, %v", got, err)
	}
	var buf bytes.Buffer
	w := lzw.NewWriter(&buf, lzw.MSB, 8)
	w.Write([]byte("申请申请申请 TJ TJ TJ"))
	w.Close()
	dict := syntax.Object{Kind: syntax.Dict, Arr: []syntax.Object{
		{Kind: syntax.Name, Str: "Filter"}, {Kind: syntax.Name, Str: "LZWDecode"},
		{Kind: syntax.Name, Str: "DecodeParms"}, {Kind: syntax.Dict, Arr: []syntax.Object{{Kind: syntax.Name, Str: "EarlyChange"}, {Kind: syntax.Number, Num: 0}}}}}
	if got, err := decode(dict, buf.Bytes(), 1<<10); err != nil || string(got) != "申请申请申请 TJ TJ TJ" {
		t.Errorf("no early change: %q, %v", got, err)
	}
}

// decodeTo appends what decode returns, with its error, on every path:
// Flate straight into the buffer, and the filters that go through decode.
func TestDecodeTo(t *testing.T) {
	text := []byte("BT /F1 12 Tf 72 700 Td (申请 abc) Tj ET\n")
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(bytes.Repeat(text, 50))
	zw.Close()
	flate := z.Bytes()
	name := func(s string) syntax.Object { return syntax.Object{Kind: syntax.Name, Str: s} }
	num := func(f float64) syntax.Object { return syntax.Object{Kind: syntax.Number, Num: f} }
	dict := func(kv ...syntax.Object) syntax.Object { return syntax.Object{Kind: syntax.Dict, Arr: kv} }
	tests := []struct {
		name  string
		dict  syntax.Object
		raw   []byte
		limit int
	}{
		{"flate", dict(name("Filter"), name("FlateDecode")), flate, 1 << 20},
		{"flate, short name", dict(name("Filter"), name("Fl")), flate, 1 << 20},
		{"flate, cut at the limit", dict(name("Filter"), name("FlateDecode")), flate, 100},
		{"flate, truncated", dict(name("Filter"), name("FlateDecode")), flate[:len(flate)/2], 1 << 20},
		{"flate, damaged header", dict(name("Filter"), name("FlateDecode")), []byte("not zlib at all"), 1 << 20},
		{"flate, empty", dict(name("Filter"), name("FlateDecode")), nil, 1 << 20},
		{"flate, predictor", dict(name("Filter"), name("FlateDecode"), name("DecodeParms"), dict(name("Predictor"), num(12), name("Columns"), num(4))), flate, 1 << 20},
		{"flate in an array", dict(name("Filter"), syntax.Object{Kind: syntax.Array, Arr: []syntax.Object{name("FlateDecode")}}), flate, 1 << 20},
		{"hex", dict(name("Filter"), name("ASCIIHexDecode")), []byte("4254 2045 54>"), 1 << 20},
		{"no filter", dict(), text, 1 << 20},
		{"unknown filter", dict(name("Filter"), name("JBIG3Decode")), text, 1 << 20},
	}
	for _, tt := range tests {
		want, wantErr := decode(tt.dict, tt.raw, tt.limit)
		if len(want) > tt.limit {
			want = want[:tt.limit]
		}
		buf := bytes.NewBufferString("kept")
		err := decodeTo(buf, tt.dict, tt.raw, tt.limit)
		if got := buf.Bytes(); !bytes.HasPrefix(got, []byte("kept")) || !bytes.Equal(got[4:], want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s: decodeTo %q, %v; decode %q, %v", tt.name, got, err, want, wantErr)
		}
	}
}
