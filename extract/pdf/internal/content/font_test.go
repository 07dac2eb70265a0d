package content

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Fonts without a ToUnicode map are read through what else they carry: a
// predefined CMap and the collection's CIDs, a TrueType program's cmap, a
// Type 1 program's own encoding, glyph names. The expected texts are
// encoded here by other means (x/text's legacy encoders, the Go font's own
// cmap through x/image), so the tables are checked, not restated.
func TestFontsWithoutToUnicode(t *testing.T) {
	cidFont := func(cmap string) string {
		return fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /%s /DescendantFonts [6 0 R] >>", cmap)
	}
	descendant := func(ordering string) string {
		return fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (%s) /Supplement 0 >> /DW 1000 >>", ordering)
	}
	legacy := func(enc encoding.Encoding, s string) string {
		b, err := enc.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return "<" + hex.EncodeToString([]byte(b)) + ">"
	}
	ttf, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	gids := func(s string) (codes string, cid2gid []byte) {
		var buf sfnt.Buffer
		for _, r := range s {
			g, err := ttf.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				t.Fatalf("Go font: no glyph for %q", r)
			}
			codes += fmt.Sprintf("%04x", g)
			cid2gid = append(cid2gid, 0, 0, byte(g>>8), byte(g)) // CID 2i+1
		}
		return "<" + codes + ">", cid2gid
	}
	// The glyphs of "Hello" as codes, and CIDs 1, 3, 5, … mapped to them
	// through a CIDToGIDMap.
	helloGIDs, cid2gid := gids("Hello")
	ttfStream := fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(goregular.TTF), goregular.TTF)
	mapStream := fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cid2gid), cid2gid)
	trueType := func(cidToGID string) []string {
		return []string{
			"<< /Type /Font /Subtype /Type0 /BaseFont /GoRegular /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GoRegular /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap " + cidToGID + " >>",
			"<< /Type /FontDescriptor /FontName /GoRegular /Flags 32 /FontFile2 8 0 R >>",
			ttfStream,
			mapStream,
		}
	}
	type1 := "%!PS-AdobeFont-1.0: Test 001.000\n/FontName /Test def\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n" +
		"dup 65 /Hcircumflex put\ndup 66 /eacute put\ndup 67 /fi put\ndup 68 /afii10017 put\nreadonly def\ncurrentfile eexec\n"

	for _, tc := range []struct {
		name  string
		shown string // the operand of Tj
		want  string
		fonts []string
	}{
		{"90ms-RKSJ-H", legacy(japanese.ShiftJIS, "Hello 日本語テスト"), "Hello 日本語テスト",
			[]string{cidFont("90ms-RKSJ-H"), descendant("Japan1")}},
		{"EUC-H", legacy(japanese.EUCJP, "あいうえお"), "あいうえお",
			[]string{cidFont("EUC-H"), descendant("Japan1")}},
		{"KSC-EUC-H", legacy(korean.EUCKR, "정보공개"), "정보공개",
			[]string{cidFont("KSC-EUC-H"), descendant("Korea1")}},
		{"ETen-B5-H", legacy(traditionalchinese.Big5, "政府資訊公開"), "政府資訊公開",
			[]string{cidFont("ETen-B5-H"), descendant("CNS1")}},
		{"GBK-EUC-H", legacy(simplifiedchinese.GBK, "政府信息公开"), "政府信息公开",
			[]string{cidFont("GBK-EUC-H"), descendant("GB1")}},
		{"TrueType cmap", helloGIDs, "Hello", trueType("/Identity")},
		{"TrueType CIDToGIDMap", "<00010003000500070009>", "Hello", trueType("9 0 R")},
		{"Type 1 built-in encoding", "(ABCD)", "Ĥéﬁ\u0410", []string{
			"<< /Type /Font /Subtype /Type1 /BaseFont /Test /FirstChar 65 /LastChar 68 /Widths [500 500 500 500] /FontDescriptor 6 0 R >>",
			"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontFile 7 0 R >>",
			fmt.Sprintf("<< /Length %d /Length1 %d /Length2 0 /Length3 0 >>\nstream\n%s\nendstream", len(type1), len(type1), type1),
		}},
		{"glyph names", "(ABC)", "Žſ\u05d0", []string{
			"<< /Type /Font /Subtype /Type1 /BaseFont /Test /Encoding << /Differences [65 /Zcaron /longs /afii57664] >> >>",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, ok := fontPage([]byte("BT /F1 10 Tf 20 200 Td "+tc.shown+" Tj ET"), tc.fonts[0], tc.fonts[1:]...)
			if !ok {
				t.Fatal("test PDF unreadable")
			}
			var got strings.Builder
			for _, c := range Read(context.Background(), p, &Fonts{}).Chars {
				got.WriteString(c.S)
			}
			if got.String() != tc.want {
				t.Errorf("text %q, want %q", got.String(), tc.want)
			}
		})
	}
}
