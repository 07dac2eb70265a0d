package html

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/gongkai/gongkai/internal/mix"
)

// tokens lists the tokens of src, read by x/net/html's Tokenizer when xnet
// says so, by tokenizer when not.
func tokens(src string, cdata, xnet bool) []string {
	var out []string
	add := func(t html.Token) { out = append(out, fmt.Sprintf("%v %d %q %q", t.Type, t.DataAtom, t.Data, t.Attr)) }
	if xnet {
		z := html.NewTokenizer(strings.NewReader(src))
		z.AllowCDATA(cdata)
		for z.Next() != html.ErrorToken {
			add(z.Token())
		}
		return out
	}
	z := &tokenizer{buf: src, allowCDATA: cdata}
	for z.Next() != html.ErrorToken {
		add(z.Token())
	}
	return out
}

func tokensAsXNet(t testing.TB, src string) {
	t.Helper()
	for _, cdata := range []bool{false, true} {
		got, want := tokens(src, cdata, false), tokens(src, cdata, true)
		if !slices.Equal(got, want) {
			t.Fatalf("tokens of %q (CDATA %v):\n%s\nx/net/html:\n%s", src, cdata, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// Markup's edges: input that ends anywhere in a tag, a comment, a doctype,
// raw text or a CDATA section; scripts' escapes; NUL.
var tokenCases = []string{
	"<p a='1' b=\"2\" c=3 d>x</p>", "<p", "<p a", "<p a=", "<p a='", "<p a='1", "<p a=1", "<p a=1 /",
	"<p/", "</p", "</", "</>", "</ p>", "<!", "<!-", "<!--", "<!-- c", "<!-- c -", "<!-- c --", "<!-- c --!",
	"<!--->", "<!-->", "<!-- a --!-- b -->", "<!-- a --!- b -->", "<!-- a --!-> b -->", "<!DOC", "<!DOCTYPE", "<!DOCTYPE ", "<!DOCTYPE html", "<![CDATA[", "<![CDATA[x]",
	"<![CDATA[x]]>y", "<?xml", "<script>a", "<script>a</scr", "<script><!--a</script>b",
	"<script><!--<script>x</script>--></script>", "<title>a&amp;b", "<textarea>x</textarea",
	"<plaintext><p>x", "<style>a</style >", "a\x00b<p\x00 a\x00=\x00>\x00<!--\x00-->", "<script>\x00</script>",
	"<p A=1 a=2 B=3>", "<p =a>", "<p a=\"x&amp;y&lang=z&notit;&amp\">", "&#0;&#x110000;&#128;&#xD800;&#;&#x;",
	"<p a=b/>", "<p a/>", "<br/>", "<p\r\na\r=\r'x\r\ny'>\r\n", "<p a='>'>", "<a\tb\fc>",
}

func TestTokenizerAsXNet(t *testing.T) {
	for _, src := range tokenCases {
		tokensAsXNet(t, src)
	}
	for _, src := range mix.Strings(0x2545f4914f6cdd1d, 5000, 16, mix.Pick(append(tagSoup, tokenCases...))) {
		tokensAsXNet(t, src)
	}
	for _, src := range html5lib(t) {
		tokensAsXNet(t, src)
	}
}

// Every named reference, whole, cut short, and followed by what changes
// its reading, unescapes as x/net/html unescapes it, in text and in an
// attribute's value.
func TestUnescapeAsXNet(t *testing.T) {
	var refs []string
	for _, e := range entities {
		n := strings.TrimSuffix(e.name(), ";")
		refs = append(refs, "&"+e.name(), "&"+n, "&"+n+"=", "&"+n+"x;", "&"+n+"1", "&"+n[:len(n)-1], "x&"+e.name()+"&"+n+" y")
	}
	for _, n := range []string{"0", "9", "65", "128", "159", "160", "55296", "1114111", "1114112", "99999999999", "x41", "X41", "x", "xg", "xD800", "x110000", "0041a"} {
		refs = append(refs, "&#"+n, "&#"+n+";", "&#"+n+"z")
	}
	for n := 0x80; n <= 0x9F; n++ {
		refs = append(refs, fmt.Sprintf("&#%d;", n))
	}
	refs = append(refs, "&", "&&", "&;", "&#", "& amp;", "&amp;amp;", "&ampx", "&notin", "&notit;", "&xx;", "&Aacute")
	for _, s := range refs {
		if got, want := unescapeString(s, false), html.UnescapeString(s); got != want {
			t.Errorf("text %q: %q, x/net/html %q", s, got, want)
		}
		z := html.NewTokenizer(strings.NewReader(`<p a="` + strings.ReplaceAll(s, `"`, "") + `">`))
		z.Next()
		_, val, _ := z.TagAttr()
		if got := unescapeString(strings.ReplaceAll(s, `"`, ""), true); got != string(val) {
			t.Errorf("attribute %q: %q, x/net/html %q", s, got, val)
		}
	}
}

// Every label names the encoding htmlindex gives, by charset's name.
func TestEncodingLabels(t *testing.T) {
	for _, l := range encodingLabels {
		for _, label := range []string{l.label, " " + strings.ToUpper(l.label) + "\t"} {
			e, name := lookupEncoding(label)
			want, err := htmlindex.Get(label)
			if err != nil || !reflect.DeepEqual(e, want) {
				t.Errorf("%q: %v, htmlindex %v (%v)", label, e, want, err)
			}
			if _, wantName := charset.Lookup(label); name != wantName {
				t.Errorf("%q: named %q, charset %q", label, name, wantName)
			}
		}
	}
	for _, label := range []string{"", "utf", "gb", "zz-unknown", "utf-8 x"} {
		if e, name := lookupEncoding(label); e != nil || name != "" {
			t.Errorf("%q: %v %q, want none", label, e, name)
		}
	}
}

// metaCases are the ways a page names its encoding, and fails to.
var metaCases = []string{
	"<meta charset=gbk>", "<meta charset='GB2312'>", "<meta http-equiv=Content-Type content='text/html; charset=gb2312'>",
	"<meta content='text/html; charset=big5' http-equiv='content-type'>", "<meta content='text/html; charset=gbk'>",
	"<meta charset=utf-16le>", "<meta charset=x-unknown>", "<meta charset=utf-8 charset=gbk>", "<META CHARSET=GBK>",
	"<meta http-equiv=content-type content=\"charset = 'euc-jp'\">", "<meta content='charset=\"shift_jis'>",
	"<meta content=charset;charset=koi8-r http-equiv=content-type>", "<!-- <meta charset=gbk> -->",
	"<script>'<meta charset=gbk>'</script>", "<title><meta charset=big5></title>", "<meta charset=\"gb18030\"/>",
	"中文", "\xd6\xd0\xce\xc4", "\xef\xbb\xbf<p>", "\xff\xfe<\x00p\x00", "\xfe\xff\x00<", "<p>", "<meta", "<meta charset=",
	"<meta charset=gbk", "é", "\xe4\xb8", "<meta charset=&quot;gbk&quot;>", "<meta charset=\x00gbk>",
}

// determineEncoding is charset.DetermineEncoding, on the corpus's pages
// and on every way a page names its encoding.
func TestDetermineEncodingAsCharset(t *testing.T) {
	var srcs [][]byte
	files, _ := filepath.Glob("testdata/*.html")
	more, _ := filepath.Glob("../../../shared/corpus/*/*.htm*")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, b)
	}
	for _, s := range metaCases {
		srcs = append(srcs, []byte(s), []byte(strings.Repeat("<p>padding ", 90)+s))
	}
	for _, s := range mix.Strings(0x61c8864680b583eb, 3000, 8, mix.Pick(append(metaCases, tagSoup...))) {
		srcs = append(srcs, []byte(s))
	}
	for _, s := range html5lib(t) {
		srcs = append(srcs, []byte(s))
	}
	for _, src := range srcs {
		encodingAsCharset(t, src)
	}
}

func encodingAsCharset(t testing.TB, src []byte) {
	t.Helper()
	e, name, certain := determineEncoding(src)
	we, wname, wcertain := charset.DetermineEncoding(src, "")
	if name != wname || certain != wcertain {
		t.Fatalf("%q: %s certain %v, charset %s certain %v", src, name, certain, wname, wcertain)
	}
	// The same decoder: charset wraps an encoding in its own type.
	got, gerr := e.NewDecoder().Bytes(src)
	want, werr := we.NewDecoder().Bytes(src)
	if !bytes.Equal(got, want) || (gerr == nil) != (werr == nil) {
		t.Fatalf("%q decodes as %q (%v), by charset's as %q (%v)", src, got, gerr, want, werr)
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range append(tokenCases, metaCases...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tokensAsXNet(t, src)
		encodingAsCharset(t, []byte(src))
		if got, want := unescapeString(src, false), html.UnescapeString(src); got != want {
			t.Fatalf("unescape %q: %q, x/net/html %q", src, got, want)
		}
	})
}

// tables.go is what gen_tables.go makes of the x/net and x/text that
// go.mod requires.
func TestTablesCurrent(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to run gen_tables.go")
	}
	out := filepath.Join(t.TempDir(), "tables.go")
	if b, err := exec.Command("go", "run", "gen_tables.go", "-o", out).CombinedOutput(); err != nil {
		t.Skipf("gen_tables.go cannot run here (its modules not in the cache?): %v\n%s", err, b)
	}
	got, _ := os.ReadFile("tables.go")
	want, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("tables.go is stale: run go generate ./extract/html (%v)", err)
	}
}
