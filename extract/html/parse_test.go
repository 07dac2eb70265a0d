package html

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/gongkai/gongkai/internal/mix"
)

// dump writes a tree as x/net/html's tests do: one node a line, indented
// by depth, attributes in order.
func dump(b *strings.Builder, n *html.Node, depth int) {
	b.WriteString(strings.Repeat("  ", depth))
	switch n.Type {
	case html.DocumentNode:
		b.WriteString("#document")
	case html.DoctypeNode:
		b.WriteString("<!DOCTYPE " + n.Data)
		for _, at := range n.Attr {
			b.WriteString(" " + at.Key + "=" + strconv.Quote(at.Val))
		}
		b.WriteString(">")
	case html.ElementNode:
		b.WriteString("<" + n.Data + " atom=" + strconv.Itoa(int(n.DataAtom)) + " ns=" + n.Namespace)
		for _, at := range n.Attr {
			b.WriteString(" " + at.Namespace + ":" + at.Key + "=" + strconv.Quote(at.Val))
		}
		b.WriteString(">")
	case html.TextNode:
		b.WriteString(strconv.Quote(n.Data))
	case html.CommentNode:
		b.WriteString("<!-- " + strconv.Quote(n.Data) + " -->")
	default:
		b.WriteString("?" + strconv.Itoa(int(n.Type)))
	}
	b.WriteByte('\n')
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Parent != n {
			b.WriteString("BAD PARENT\n")
		}
		dump(b, c, depth+1)
	}
}

func tree(n *html.Node) string {
	var b strings.Builder
	dump(&b, n, 0)
	return b.String()
}

// asXNet parses src both ways: parse must give x/net/html's tree, or its
// error.
func asXNet(t testing.TB, src string) {
	t.Helper()
	got, err := parse(src)
	want, werr := html.Parse(strings.NewReader(src))
	if err != nil || werr != nil {
		if fmt.Sprint(err) != fmt.Sprint(werr) {
			t.Fatalf("parse(%q): error %v, x/net/html's %v", src, err, werr)
		}
		return
	}
	if g, w := tree(got), tree(want); g != w {
		t.Fatalf("parse(%q):\n%s\nx/net/html:\n%s", src, g, w)
	}
}

// The pages of the corpus, the testdata and the samples, as Parse decodes
// them, give x/net/html's tree.
func TestParseAsXNet(t *testing.T) {
	var files []string
	files, srcs := pages(t, "testdata/*.html", "../../samples/reports/*.html",
		"../../../shared/corpus/real/*.html", "../../../shared/corpus/generated/*.html")
	if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "../../../shared") }) {
		t.Log("no ../shared/corpus beside the repository: testdata and samples only")
	}
	for _, src := range srcs {
		asXNet(t, src)
	}
}

// pages reads the pages the globs name, decoded as Parse decodes them.
func pages(tb testing.TB, globs ...string) (files, srcs []string) {
	for _, g := range globs {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		src, err := decode(raw)
		if err != nil {
			tb.Fatal(f, err)
		}
		srcs = append(srcs, src)
	}
	return files, srcs
}

// Markup a report page may hold, and markup at HTML's edges: templates,
// frames, quirks, NUL, nesting past x/net/html's bound.
var parseCases = []string{
	"",
	"plain text",
	"<!DOCTYPE html><html><head><title>t &amp; u</title></head><body><p>a</body></html>",
	"<!doctype html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x<table><tr><td>1",
	"<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x<table><tr><td>1",
	"<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"><table><tr><td>1",
	"<p>x<table><tr><td>1</table>",
	"<!DOCTYPE html><p>x<table><tr><td>1</table>",
	"<table><tr><td>a<td>b<tr><th colspan=2>c</table>",
	"<table>x<tr><td>a</table>",
	"<table><tr><td>a</td> \n </tr></table>",
	"<table><p>a</table>",
	"<table><caption>c<b>d</caption><colgroup><col span=2></colgroup><col><tr><td>1</table>",
	"<table><caption>c<tr><td>1</table><table><colgroup> <col></table>",
	"<table><colgroup>x<col></table>",
	"<table><input type=hidden name=a><form><tr><td>1</table>",
	"<table><tr><td><table><tr><td>in</table>out</table>",
	"<table><table>",
	"<b>bold<i>both</b>italic</i>",
	"<b><p>a</b>b</p>",
	"<p><b>a</p>b",
	"<p><font color=red face=x>a<p>b",
	"<b>1<b>2<b>3<b>4<p>x",
	"<a href=x>1<a href=y>2</a>",
	"<a href=x><div>1</div><a href=y>2</a>",
	"<a href=x><div>1<a href=y>2</a>",
	"<td><b>x</td>y",
	"<table><tr><td><b>x</td><td>y</table>z",
	"<ul><li>a<li>b<ol><li>c</ol></ul><dl><dt>t<dd>d<dt>u</dl>",
	"<li><div>a<li>b",
	"<h1>a<h2>b</h1>c",
	"<pre>\nx</pre><textarea>\ny</textarea><listing>\r\nz</listing>",
	"<script>if (a<b) document.write('</scr'+'ipt>')</script><style>p{}</style>",
	"<script><!-- x --></script>",
	"<script>x</script",
	"<title>a<b>&lt;</title><xmp>&lt;</xmp><iframe>&amp;</iframe><noscript><p>n</noscript><noembed>e</noembed>",
	"<head><noscript><link></noscript><noframes>f</noframes><base href=x></head>",
	"<html lang=zh><body class=a><html dir=ltr><body id=b>",
	"<!-- c --><html><!-- d --><head></head><!-- e --><body></body><!-- f --></html><!-- g -->",
	"<!---><!--><!-- a --!><!-- b --><!-- c ---><!--d--!-e-->",
	"<![if !supportLists]>1<![endif]><?xml version=\"1.0\"?><o:p></o:p></ x></>",
	"<!-- open",
	"<p",
	"<p a='1",
	"text <",
	"a < b <3 <>",
	"</br><br/><br></p></div></span>",
	"<img src=a.png><image src=b.png><input value=x><hr><wbr><area><embed><keygen><param><source><track>",
	"<p a=1 A=2 b = 3 c='4' d=\"5\" e f/ g=/ h=>x",
	"<p title='&amp;&lt&copy;&notin;&notit;&fjlig;&#39;&#x41;&#X42&#0;&#128;&#xD800;&#99999999;&;&#;&#x;&'>",
	"<a href='?a=1&lang=zh&amp=1&amp;b&ampx&copy=2&copy'>x</a>",
	"&amp;&lt&copy;&notin;&notit;&fjlig;&#39;&#x41;&#X42&#0;&#128;&#xD800;&#99999999;&;&#;&#x;&",
	"a\r\nb\rc<p title=\"x\r\ny\">d\r",
	"<form><form><p>a</form>b</form>",
	"<button><button>x</button>",
	"<nobr>a<nobr>b",
	"<object><b>x</object>y",
	"<marquee><i>m</marquee>",
	"<svg><text>x</text></svg>",
	"<math>x</math>",
	"<select><option>a</select>",
	"<p><svg viewbox='0 0 1 1' xlink:href=x><lineargradient/><title>&amp;<b>t</b></title><path d=M0/><foreignobject><p>in</p></foreignobject><![CDATA[a<b&amp;]]></svg><i>after",
	"<svg><style>p{}</style><script>1</script><font color=red>x</font><font>y</font></SVG>",
	"<math definitionurl=u><mi>x<b>y</b></mi><annotation-xml encoding='text/html'><p>h</p></annotation-xml><mtext><svg/></mtext></math>z",
	"<table><tr><td><svg><desc><table><tr><td>in</table></desc></svg></table>",
	"<div><svg><p>break</div>",
	"<![CDATA[x]]><svg><![CDATA[open",
	"<template>x</template>",
	"<frameset></frameset>",
	"<plaintext>a",
	"<ruby>a<rt>b</ruby>",
	"<p>a\x00b",
	"<table><tr><td>1</td></tr>&nbsp;<div>x</div><tr><td>2</table>",
	"<font face=x><p>a</font>b</p><b><div><i>c</b>d</i></div>",
	"<table><tr><td><b>x</td><select><option>a<optgroup><option>b</select><hr></table>",
	"<table><tr><td><a href=1><table><tr><td>x<a href=2>y</table></a>",
	"</p>x",
	"<body></body>x<!-- after --></html>y",
	"<ucaptitle>t</ucaptitle><publishtime>2024</publishtime><o:p>&nbsp;</o:p>",
	"<table><tr><td>a</tbody></table><table><thead><tr><th>h<tbody><tr><td>1<tfoot><tr><td>f</table>",
	"<table><tr><td>a</td></tr><tr></table><table><td>x</td></tr></table>",
	"<table><td><p>a</table><table><tr><td></tr><td>",
	"<table><tr><td>x</tbody></td></tr></table>",
	"<template><tr><td>x</td></tr></template><table><template><td>y</template></table>",
	"<frameset><frame src=a><noframes>n</noframes></frameset><!-- c -->",
	"<p>a\x00b<table>\x00<tr><td>\x00</td></tr></table><svg>\x00</svg>",
	"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>x<table><tr><td>1",
	"<script><!--<script></script>--></script>x",
	"<p a='1",
	strings.Repeat("<div>", 600),
}

func TestParseCases(t *testing.T) {
	// Long lists of attributes, their names repeated: the first is kept.
	var many strings.Builder
	for i := range 40 {
		many.WriteString(" a" + strconv.Itoa(i%23) + "=" + strconv.Itoa(i))
	}
	cases := append(parseCases[:len(parseCases):len(parseCases)],
		"<p"+many.String()+">x<html"+many.String()+"><body"+many.String()+"><html b=1"+many.String()+">")
	for _, src := range cases {
		asXNet(t, src)
	}
}

// tagSoup are the parts of the mixes TestParseMixes parses: the markup of
// report pages, closed and unclosed, misnested and misplaced, and HTML's
// edges (templates, frames, NUL, a quirks doctype, markup left open).
var tagSoup = []string{
	"<p>", "</p>", "<div>", "</div>", "<span style='display:none'>", "</span>", "<b>", "</b>",
	"<i>", "</i>", "<font color=red>", "</font>", "<a href='?a=1&b=2'>", "</a>", "<br>", "<br/>",
	"<table>", "</table>", "<tbody>", "</tbody>", "<thead>", "<tr>", "</tr>", "<td>", "</td>",
	"<th colspan=2>", "</th>", "<td rowspan='3'>", "<ul>", "<li>", "</li>", "</ul>", "<ol>",
	"<dl>", "<dt>", "<dd>", "<h2>", "</h2>", "<h3>", "<pre>", "</pre>", "<form>", "</form>",
	"<input type=hidden>", "<input>", "<button>", "</button>", "<img src=x>", "<hr>",
	"<o:p>", "</o:p>", "<strong>", "</strong>", "<em>", "</em>", "<center>", "</center>",
	"<script>var a='</div>';</script>", "<style>td{}</style>", "<title>t</title>",
	"<!-- c -->", "<![if !vml]>", "<![endif]>", "<html>", "</html>", "<head>", "</head>",
	"<body>", "</body>", "<meta charset=utf-8>", "<link rel=x>", "<nobr>", "<object>",
	"</object>", "<iframe>i</iframe>", "<textarea>\nt</textarea>", "<noscript>n</noscript>",
	"text", " ", "\n", "\r\n", "&nbsp;", "&amp", "&#20013;", "中文", "1,234", "<", "&",
	"<!DOCTYPE html>", "<tfoot>", "</tfoot>", "</thead>", "<address>", "<nav>", "</br>",
	"<caption>", "</caption>", "<colgroup>", "<select>", "<svg>", "</svg>", "<svg><path d=M0/><title>t</title>", "<math><mi>", "<![CDATA[c]]>", "<col>", "<table><tr><td>x</td></tr></table>",
	"<template>", "</template>", "<frameset>", "</frameset>", "<frame>", "<noframes>f</noframes>", "\x00",
	"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">", "<script><!--<script>", "<p a='",
}

// Mixes of report markup give x/net/html's tree wherever parse takes them,
// and parse takes most of them.
func TestParseMixes(t *testing.T) {
	for _, src := range mix.Strings(0x9e3779b97f4a7c15, 30000, 24, mix.Pick(tagSoup)) {
		asXNet(t, src)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	for _, src := range parseCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		asXNet(t, src)
	})
}

// BenchmarkParse reads the corpus's real pages (testdata's without it)
// with parse and with x/net/html.
func BenchmarkParse(b *testing.B) {
	_, srcs := pages(b, "../../../shared/corpus/real/*.html")
	if len(srcs) == 0 {
		_, srcs = pages(b, "testdata/*.html")
	}
	size := 0
	for _, src := range srcs {
		size += len(src)
	}
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, src := range srcs {
				if _, err := parse(src); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("x-net-html", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, src := range srcs {
				if _, err := html.Parse(strings.NewReader(src)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// The html5lib tests x/net/html ships in its module (testdata/html5lib-tests:
// tree construction's documents, the tokenizer's inputs): wherever parse
// takes one, its tree is x/net/html's.
func TestParseHTML5Lib(t *testing.T) {
	docs := html5lib(t)
	for _, d := range docs {
		asXNet(t, d)
	}
}

// html5lib returns the documents of the html5lib tests in x/net's module,
// skipping the test when the module cache does not hold it.
func html5lib(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/net").Output()
	dir := filepath.Join(strings.TrimSpace(string(out)), "html", "testdata", "html5lib-tests")
	if _, serr := os.Stat(dir); err != nil || serr != nil {
		t.Skip("x/net's module, with its html5lib tests, is not in the module cache:", err, serr)
	}
	var docs []string
	dats, _ := filepath.Glob(filepath.Join(dir, "tree-construction", "*.dat"))
	for _, f := range dats {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, test := range strings.Split("\n"+string(b), "\n#data\n")[1:] {
			data, _, _ := strings.Cut(test, "\n#errors\n")
			docs = append(docs, data)
		}
	}
	tokens, _ := filepath.Glob(filepath.Join(dir, "tokenizer", "*.test"))
	for _, f := range tokens {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var suite struct{ Tests []struct{ Input string } }
		if json.Unmarshal(b, &suite) == nil {
			for _, tc := range suite.Tests {
				docs = append(docs, tc.Input)
			}
		}
	}
	if len(docs) < 1000 {
		t.Fatalf("only %d html5lib documents found in %s", len(docs), dir)
	}
	return docs
}
