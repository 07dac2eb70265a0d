package syntax

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// ops renders what the lexer reads: one operator a line with its operands.
func ops(src string) string {
	lx := &Lexer{B: []byte(src)}
	var b strings.Builder
	for {
		op, args, ok := lx.Next()
		if !ok {
			return b.String()
		}
		for _, a := range args {
			b.WriteString(fmtOperand(a) + " ")
		}
		b.WriteString(op + "\n")
	}
}

func fmtOperand(o Object) string {
	switch o.Kind {
	case Number:
		return fmt.Sprint(o.Num)
	case Name:
		return "/" + o.Str
	case String:
		return fmt.Sprintf("%q", o.Str)
	case Bool:
		return fmt.Sprint(o.Num == 1)
	case Array, Dict:
		var parts []string
		for _, x := range o.Arr {
			parts = append(parts, fmtOperand(x))
		}
		if o.Kind == Dict {
			return "<<" + strings.Join(parts, " ") + ">>"
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return "null"
}

func TestLexer(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"text", "BT /F1 12 Tf 72 700 Td (Hello \\(world\\)\\n) Tj ET",
			"BT\n/F1 12 Tf\n72 700 Td\n\"Hello (world)\\n\" Tj\nET\n"},
		{"hex and arrays", "[<0041 42> -250 (x)] TJ <414>Tj",
			"[\"\\x00AB\" -250 \"x\"] TJ\n\"A@\" Tj\n"},
		{"octal, nesting and continuation", "(a\\101(b)\\\nc) Tj", "\"aA(b)c\" Tj\n"},
		{"lenient numbers", "3. -.5 --2 1.2.3 re", "3 -0.5 -2 1.2 re\n"},
		{"names with escapes, comments", "/A#20B gs % comment Tj\nn", "/A B gs\nn\n"},
		{"marked content with a dictionary", "/Span <</ActualText (x) /MCID 3>> BDC EMC",
			"/Span <</ActualText \"x\" /MCID 3>> BDC\nEMC\n"},
		{"stray closers", ") ] > 1 w", "1 w\n"},
		{"unterminated string", "(abc Tj", ""},
		{"booleans and null", "true false null d0", "true false null d0\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ops(tc.src)
			if got != tc.want {
				t.Errorf("ops(%q) =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func TestInlineImages(t *testing.T) {
	text := "BT /F1 12 Tf 72 700 Td (after) Tj ET"
	for _, tc := range []struct{ name, img string }{
		{"unfiltered, length from the dictionary", "BI /W 4 /H 2 /BPC 8 /CS /G ID \x00(\xffEI\x01)(\nEI"},
		{"filtered, found by EI", "BI /W 10 /H 10 /BPC 8 /CS /RGB /F /Fl ID x\x9c(((\xff\xfe EI(\x00\x01 EI"},
		{"PDF 2.0 length", "BI /W 1 /H 1 /L 6 /F /DCT ID \xffEI )(\xd8 EI"},
		{"image mask", "BI /IM true /W 16 /H 2 ID \xff\xff(\x00\x00 EI"},
		{"no data", "BI /W 1 /H 1 EI"},
		{"truncated", "BI /W 1 /H 1 /CS /G ID (((("},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ops(tc.img + "\n" + text)
			want := "BI\nBT\n/F1 12 Tf\n72 700 Td\n\"after\" Tj\nET\n"
			if tc.name == "truncated" {
				want = "BI\n"
			}
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func FuzzLexer(f *testing.F) {
	for _, s := range []string{
		"BT /F1 12 Tf (a\\101) Tj [<0041> -2 (b)] TJ ET",
		"BI /W 4 /H 2 /BPC 8 /CS /G ID \x00(\xffEI\x01EI Q",
		"/Span <</ActualText (x)>> BDC EMC q 1 0 0 1 0 0 cm Q",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		lx := &Lexer{B: b}
		for n := 0; ; n++ {
			if _, _, ok := lx.Next(); !ok {
				break
			}
			if n > len(b) {
				t.Fatal("lexer does not advance")
			}
		}
	})
}

// Keywords inside arrays and dictionaries: true and false are booleans,
// null is null, and none of them swallows the closer after it.
func TestKeywordsInsideObjects(t *testing.T) {
	lx := &Lexer{B: []byte("[1 null /N true] << /A false /B null >> 7"), Refs: true}
	a := lx.Value(0)
	if len(a.Arr) != 4 || a.Arr[1].Kind != Null || a.Arr[3].Kind != Bool || a.Arr[3].Num != 1 {
		t.Errorf("array %+v", a)
	}
	lx.SkipSpace()
	d := lx.Value(0)
	if v, ok := d.Get("A"); !ok || v.Kind != Bool || v.Num != 0 {
		t.Errorf("dict %+v", d)
	}
	lx.SkipSpace()
	if n := lx.Value(0); n.Kind != Number || n.Num != 7 {
		t.Errorf("after the dict: %+v", n)
	}
}

// ParseNum's fast path gives what strconv.ParseFloat gives, bit for bit.
func TestParseDecimal(t *testing.T) {
	cases := []string{"0", "-0", "+0", "1", "-1", "12.5", ".5", "-.5", "5.", "0.1", "0.3", "123456789012345",
		"1.23456789012345", "-0.000000000000001", "999999999999999", "0.7071", "595.276", "841.89", "+3.14159", "00012.50"}
	x := uint64(88172645463325252)
	for range 2000 { // random decimals of up to 15 digits
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		d := strconv.FormatUint(x%1_000_000_000_000_000, 10)
		if k := int(x>>60) % (len(d) + 1); k < len(d) {
			d = d[:k] + "." + d[k:]
		}
		if x&1 == 1 {
			d = "-" + d
		}
		cases = append(cases, d)
	}
	for _, c := range cases {
		want, err := strconv.ParseFloat(c, 64)
		got, ok := parseDecimal([]byte(c))
		if err != nil || !ok {
			if ok {
				t.Errorf("%q: fast path took what ParseFloat refuses", c)
			}
			continue
		}
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%q: %v (%x), ParseFloat %v (%x)", c, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	for _, c := range []string{"", "-", ".", "1.2.3", "1e5", "1234567890123456", "--1", "0x10"} {
		if _, ok := parseDecimal([]byte(c)); ok {
			t.Errorf("%q taken by the fast path", c)
		}
	}
}

// number reads what Token scans and gives what ParseNum makes of it, to
// the bit, wherever the number ends.
func TestNumberAsParseNum(t *testing.T) {
	words := []string{"0", "-0", "12.5", ".5", "-.5", "5.", "+3.14159", "00012.50", "123456789012345",
		"1234567890123456", "99999999999999999999", "--1", "+-2", "1.2.3", "1e5", "-", ".", "+.", "12abc",
		"0x10", "1-2", "3..4", "-.", "1.5e-3", "inf", "7"}
	x := uint64(0x9e3779b97f4a7c15)
	for range 2000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		w := strconv.FormatUint(x%100_000_000_000_000_000, 10)
		if k := int(x>>58) % (len(w) + 1); k < len(w) {
			w = w[:k] + "." + w[k:]
		}
		words = append(words, w, "-"+w)
	}
	for _, w := range words {
		for _, end := range []string{"", " ", "/F1", "]", "\n", "(", "%c"} {
			lx := &Lexer{B: []byte(w + end)}
			got := lx.number()
			ref := &Lexer{B: []byte(w + end)}
			want := ParseNum(ref.Token())
			if math.Float64bits(got) != math.Float64bits(want) || lx.I != ref.I {
				t.Errorf("%q: %v at %d, ParseNum %v at %d", w+end, got, lx.I, want, ref.I)
			}
		}
	}
}

// An Object stays 56 bytes on 64-bit machines: objects are most of what
// parsing allocates, and a field moved before Num pads it to 64.
func TestObjectSize(t *testing.T) {
	if n := unsafe.Sizeof(Object{}); unsafe.Sizeof(uintptr(0)) == 8 && n != 56 {
		t.Errorf("Object is %d bytes, want 56", n)
	}
}
