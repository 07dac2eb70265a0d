package content

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/gongkai/gongkai/extract/pdf/internal/object"
	"github.com/gongkai/gongkai/internal/pdftest"
)

func TestTextString(t *testing.T) {
	for in, want := range map[string]string{
		"\xfe\xff\x75\x33": "申", "\xff\xfe\x33\x75": "申", "\xef\xbb\xbf申请": "申请", "caf\xe9": "café",
	} {
		if got := textString(in); got != want {
			t.Errorf("textString(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCMap(f *testing.F) {
	f.Add([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfrange <0001> <0005> <4E00> <0010> <0011> [<0041> <0042>] endbfrange"))
	f.Add([]byte("1 beginbfchar <01> <D83DDE00> endbfchar 1 begincidrange <00> <FF> 10 endcidrange"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m := parseCMap(b)
		m.codeLen(string(b), 2)
	})
}

// page opens a one-page PDF whose content stream is stream, with /F1 a
// WinAnsi Helvetica.
func page(t testing.TB, stream []byte) (object.Page, bool) {
	return fontPage(stream, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
}

// fontPage opens a one-page PDF whose content stream is stream, with /F1
// the font object font (object 5), followed by objects 6, 7, ….
func fontPage(stream []byte, font string, more ...string) (object.Page, bool) {
	objs := append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		font,
	}, more...)
	b := pdftest.Classic(objs, "/Root 1 0 R")
	f, err := object.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return object.Page{}, false
	}
	pages, err := f.Pages(context.Background())
	if err != nil {
		return object.Page{}, false
	}
	return pages[0], true
}

func TestRead(t *testing.T) {
	p, ok := page(t, []byte("BT /F1 10 Tf 72 200 Td (Hi) Tj ET 0.5 w 50 100 m 350 100 l S 50 100 m 50 250 l S"))
	if !ok {
		t.Fatal("test PDF unreadable")
	}
	c := Read(context.Background(), p, &Fonts{})
	var text string
	for _, ch := range c.Chars {
		text += ch.S
	}
	if text != "Hi" || c.Width != 400 || c.Height != 300 || len(c.H) != 1 || len(c.V) != 1 {
		t.Errorf("text %q, size %gx%g, %d/%d segments", text, c.Width, c.Height, len(c.H), len(c.V))
	}
	if x := c.Chars[0].X0; x < 71 || x > 73 {
		t.Errorf("H at x %g, want 72", x)
	}
}

// FuzzRead: any content stream is interpreted without a panic.
func FuzzRead(f *testing.F) {
	f.Add([]byte("BT /F1 10 Tf 72 200 Td (Hi) Tj [(a) -200 (b)] TJ ET"))
	f.Add([]byte("q 1 0 0 1 10 10 cm 0 0 m 100 0 l 100 50 l h f Q BI /W 1 /H 1 ID x EI"))
	f.Add([]byte("/Span <</ActualText (x)>> BDC BT /F1 12 Tf (y) ' EMC EMC T* 3 Tz 2 TL"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, ok := page(t, b); ok {
			Read(context.Background(), p, &Fonts{})
		}
	})
}

// A page beyond any report's — millions of operators — is cut at its
// budget, saying so; and reading stops when ctx is done.
func TestBudget(t *testing.T) {
	p, ok := page(t, append([]byte("BT /F1 10 Tf 72 200 Td (Hi) Tj ET "), bytes.Repeat([]byte("q Q "), maxOps/2+10)...))
	if !ok {
		t.Fatal("test PDF unreadable")
	}
	c := Read(context.Background(), p, &Fonts{})
	if !c.Truncated || len(c.Chars) != 2 {
		t.Errorf("truncated %v, %d chars", c.Truncated, len(c.Chars))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if c := Read(ctx, p, &Fonts{}); len(c.Chars) > 2 || c.Truncated {
		t.Errorf("cancelled: %d chars, truncated %v", len(c.Chars), c.Truncated)
	}
}

// A ToUnicode CMap's texts: a later entry for a code wins, a bfrange's
// destination increments with a carry into the byte before, arrays and
// names give texts of their own.
func TestCMapTexts(t *testing.T) {
	m := parseCMap([]byte(`2 beginbfchar <0003> <0041> <0004> /space endbfchar
2 beginbfrange <0001> <0004> <00FE> <0010> <0011> [<0042> <D83DDE00>] endbfrange
1 beginbfchar <0002> <0043> endbfchar`))
	want := map[uint32]string{1: "þ", 2: "C", 3: "Ā", 4: "ā", 0x10: "B", 0x11: "😀"}
	if len(m.uni) != len(want) {
		t.Errorf("%d texts, want %d: %v", len(m.uni), len(want), m.uni)
	}
	for c, w := range want {
		if got := m.uni[c]; got != w {
			t.Errorf("code %04x: %q, want %q", c, got, w)
		}
	}
}

// A CMap naming more codes than any font has glyphs keeps the first of
// them, not gigabytes of them.
func TestCMapBounded(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("100 beginbfrange\n")
	for i := range 100 {
		fmt.Fprintf(&b, "<%02x0000> <%02xffff> <0041>\n", i, i)
	}
	b.WriteString("endbfrange\n1 beginbfchar <01> <0042> endbfchar")
	m := parseCMap(b.Bytes())
	if len(m.uni) != maxUniTexts {
		t.Errorf("%d texts, want the bound %d", len(m.uni), maxUniTexts)
	}
}
