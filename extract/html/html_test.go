package html

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"

	"github.com/gongkai/gongkai/internal/mix"
)

func extractFile(t testing.TB, path string) (*extract.Document, error) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return extractBytes(path, raw)
}

func extractBytes(name string, raw []byte) (*extract.Document, error) {
	in, err := extract.NewInput(name, bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, err
	}
	return New().Extract(context.Background(), in)
}

// TestGolden compares the dump of every testdata page with its golden file.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, err := extractFile(t, f)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			extract.Dump(&b, doc)
			golden.Check(t, strings.TrimSuffix(f, ".html")+".golden", b.Bytes())
		})
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]extract.Match{
		"<!DOCTYPE html><html>":                      extract.Certain,
		"\n\n<HTML><BODY>":                           extract.Certain,
		"<p style='x'>报告</p>":                        extract.Likely,
		"<table><tr><td>1</td>":                      extract.Likely,
		"一、总体情况\n2024年":                              extract.NoMatch,
		"%PDF-1.7 <html>":                            extract.Certain, // content is not checked further; pdf sniffs Certain too and wins by extension
		"PK\x03\x04 word/document":                   extract.NoMatch,
		"PK\x03\x04\x14\x00\x08\x00 xl/sheet.xml <p": extract.NoMatch, // a workbook: bytes that hold "<p" by chance
		"\x89PNG\r\n\x1a\n\x00\x00<br":               extract.NoMatch,
	}
	for head, want := range tests {
		in, _ := extract.NewInput("x", strings.NewReader(head), int64(len(head)))
		if got := New().Sniff(in); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", head, got, want)
		}
	}
}

// Sniff finds what it found in a lowered copy of the head: every signature
// in every case, with İ and the Kelvin sign, invalid UTF-8 and markup
// around them.
func TestSniffAsLowered(t *testing.T) {
	lowered := func(head []byte, sig string) bool { return bytes.Contains(bytes.ToLower(head), []byte(sig)) }
	sigs := []string{"<!doctype html", "<html", "<head", "<body", "<table", "<p", "<div", "<br", "<span", "<meta", "<link"}
	parts := []string{"<", "<!", "<!DOCTYPE", "<!doctype", " ", "html", "HTML", "HtMl", "h", "t", "m", "l", "head", "BODY", "tAblE", "p", "P",
		"dİv", "DIV", "d", "i", "v", "İ", "\u0131", "br", "sPan", "meta", "\u212a", "lin", "LINK", "k", "\xff", "\xc4", "\xb0", "报告", "<\xc4\xb0"}
	for _, s := range mix.Strings(7, 40000, 6, mix.Pick(parts)) {
		for _, sig := range sigs {
			if got, want := hasFold([]byte(s), sig), lowered([]byte(s), sig); got != want {
				t.Fatalf("hasFold(%q, %q) = %v, want %v", s, sig, got, want)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	in := &extract.Input{Name: "big.html", R: strings.NewReader(""), Size: DefaultMaxFile + 1}
	if _, err := New().Extract(context.Background(), in); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("got %v, want a too-large error", err)
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Add([]byte("<table><tr><td rowspan=3 colspan=2>a<table><tr><td>b"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := extractBytes("f.html", raw)
		if err != nil {
			return
		}
		for _, tab := range doc.Tables() {
			g := tab.Grid()
			for _, row := range tab.Rows {
				for _, c := range row {
					if c.RowSpan < 1 || c.ColSpan < 1 || c.Row >= len(g) {
						t.Fatalf("bad cell %+v", c)
					}
				}
			}
		}
	})
}

// A page's declared charset is used, Big5 included (繁體 portals), and a
// UTF-16 page with its BOM is sniffed as HTML.
func TestDeclaredCharsets(t *testing.T) {
	big5 := append([]byte(`<html><head><meta charset="big5"></head><body><p>`), 0xA6, 0xE6, 0xAC, 0x46, 0xB3, 0x57, 0xBD, 0x64)
	big5 = append(big5, []byte("</p></body></html>")...)
	root, err := Parse(big5)
	if err != nil || !strings.Contains(Walk(root).Text(), "行政規範") {
		t.Errorf("big5: %v %q", err, Walk(root).Text())
	}
	u16 := []byte{0xFF, 0xFE}
	for _, r := range "<html><body><p>申请人情况</p></body></html>" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	if m := New().Sniff(&extract.Input{Head: u16}); m != extract.Certain {
		t.Errorf("UTF-16 page sniffed %v", m)
	}
	if root, err := Parse(u16); err != nil || !strings.Contains(Walk(root).Text(), "申请人情况") {
		t.Errorf("UTF-16 page read %q, %v", Walk(root).Text(), err)
	}
}

func TestPublished(t *testing.T) {
	tests := []struct{ head, want string }{
		{`<meta name="PubDate" content="2024-03-08 15:34"/>`, "2024-03-08"},
		{`<meta name="firstpublishedtime" content="2023/1/5">`, "2023-01-05"},
		{`<meta property="article:published_time" content="2022-12-30T09:00:00+08:00">`, "2022-12-30"},
		{`<meta name="PubDate" content="2024年3月8日">`, "2024-03-08"},
		{`<meta name="PubDate" content="soon">`, ""},
		{`<meta name="PubDate" content="2024-13-08">`, ""},
		{`<meta name="keywords" content="2024-03-08">`, ""},
		{``, ""},
	}
	for _, tt := range tests {
		doc, err := extractBytes("x.html", []byte("<html><head>"+tt.head+"</head><body><p>正文</p></body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if doc.Published != tt.want {
			t.Errorf("%s: published %q, want %q", tt.head, doc.Published, tt.want)
		}
	}
}

// displayNone finds what lowering the style and taking out its spaces
// finds, on styles of every kind.
func TestDisplayNone(t *testing.T) {
	styles := []string{"", "display:none", "DISPLAY: NONE", "color:red; display : none ;", "display:block", "dis play:no ne",
		"mso-display:none", "displaynone", "display:non", "ddisplay:none", "display:\tnone", "DİSPLAY:NONE", "display:\u212anone",
		"width:10pt;display:None", "d isplay :  n o n e", "display:nonE!important", "xdisplay:nonex"}
	x := uint64(3)
	parts := []string{"d", "i", "s", "p", "l", "a", "y", ":", "n", "o", "e", " ", "D", "N", "İ", ";", "\t", "x"}
	for range 20000 {
		var b strings.Builder
		for range 6 + int(x%20) {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			b.WriteString(parts[x%uint64(len(parts))])
		}
		styles = append(styles, b.String(), "display:"+b.String(), b.String()+"none")
	}
	for _, s := range styles {
		want := strings.Contains(strings.ReplaceAll(strings.ToLower(s), " ", ""), "display:none")
		if got := displayNone(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func FuzzDisplayNone(f *testing.F) {
	for _, s := range []string{"display:none", "DİSPLAY : NONE", "color:red"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want := strings.Contains(strings.ReplaceAll(strings.ToLower(s), " ", ""), "display:none"); displayNone(s) != want {
			t.Errorf("%q: %v, want %v", s, !want, want)
		}
	})
}

// clean makes runs of white space one space and trims, as splitting the
// text into words and joining them did; text already so is given back.
func TestCleanAsFields(t *testing.T) {
	parts := []string{"a", "报告", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u200b", "\ufeff", "\v", "\f", "\xff", "\xe4\xb8", "x y", ""}
	texts := append([]string{"", " ", "a", "a b", " a", "a ", "a  b", "a\u3000b"}, mix.Strings(5, 30000, 8, mix.Pick(parts))...)
	for _, s := range texts {
		want := strings.Join(strings.FieldsFunc(s, isSpace), " ")
		if got := clean(s); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
		if isClean(s) != (s == want) {
			t.Fatalf("isClean(%q) = %v, but clean gives %q", s, isClean(s), want)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"a  b", " 报告\u3000年度 ", "\xff \xe4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want := strings.Join(strings.FieldsFunc(s, isSpace), " "); clean(s) != want {
			t.Errorf("clean(%q) = %q, want %q", s, clean(s), want)
		}
	})
}
