package markdown

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/html"
)

func TestParse(t *testing.T) {
	doc := Parse("# 某县人民政府 2025 年 政府信息公开工作年度报告 #\n\n一段**正文**。\n\n" +
		"| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | 1 |\n| a \\| b | 2 |\n\n" +
		"<table><tr><td rowspan=\"2\">组</td><td>3</td></tr><tr><td>4</td></tr></table>\n后记")
	var paras []string
	for _, b := range doc.Blocks {
		if b.Para != nil {
			paras = append(paras, b.Para.Text)
		}
	}
	if want := "某县人民政府 2025 年 政府信息公开工作年度报告|一段正文。|后记"; strings.Join(paras, "|") != want {
		t.Errorf("paragraphs %q, want %q", strings.Join(paras, "|"), want)
	}
	ts := doc.Tables()
	if len(ts) != 2 {
		t.Fatalf("%d tables", len(ts))
	}
	g := ts[0].Grid()
	if len(g) != 3 || g[1][0].Text != "规章" || g[2][0].Text != "a | b" || g[2][1].Text != "2" {
		t.Errorf("pipe table %v", ts[0].Rows)
	}
	h := ts[1].Grid()
	if len(h) != 2 || h[1][0] == nil || h[1][0].Text != "组" || h[1][1].Text != "4" {
		t.Errorf("HTML table %v", ts[1].Rows)
	}
}

func TestSniff(t *testing.T) {
	for s, want := range map[string]extract.Match{
		"# 标题\n\n## 一、总体情况\n正文":               extract.Likely,
		"正文\n| a | b |\n|---|---|\n| 1 | 2 |": extract.Likely,
		"一、总体情况\n正文，没有标记。":                    extract.NoMatch,
		"#hashtag 一行": extract.NoMatch,
	} {
		if got := New().Sniff(&extract.Input{Head: []byte(s)}); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", s, got, want)
		}
	}
}

// The bundled samples, written out as converters write Markdown — pipe
// tables with merged cells repeated (Docling, Marker), or HTML tables with
// their spans (MinerU) — read back into the same grid text.
func TestSamplesAsMarkdown(t *testing.T) {
	files, _ := filepath.Glob("../../samples/reports/*.html")
	if len(files) == 0 {
		t.Fatal("no samples")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		orig := html.Walk(root)
		for _, style := range []string{"pipe", "html"} {
			md := render(orig, style)
			got := Parse(md)
			if a, b := tableText(orig), tableText(got); a != b {
				t.Errorf("%s as %s Markdown: tables differ\n got %.300s\nwant %.300s", filepath.Base(f), style, b, a)
			}
		}
	}
}

// render writes a document as Markdown: headings as they are, paragraphs,
// and tables as pipe tables (each cell's text in every grid place it
// covers) or as HTML tables with spans.
func render(doc *extract.Document, style string) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		switch {
		case bl.Para != nil:
			fmt.Fprintf(&b, "%s\n\n", bl.Para.Text)
		case bl.Table != nil && style == "pipe":
			for r, row := range bl.Table.Grid() {
				b.WriteString("|")
				for _, c := range row {
					text := ""
					if c != nil {
						text = strings.ReplaceAll(strings.ReplaceAll(c.Text, "\n", " "), "|", `\|`)
					}
					fmt.Fprintf(&b, " %s |", text)
				}
				b.WriteString("\n")
				if r == 0 {
					b.WriteString("|" + strings.Repeat("---|", len(row)) + "\n")
				}
			}
			b.WriteString("\n")
		case bl.Table != nil:
			b.WriteString("<table>")
			for _, row := range bl.Table.Rows {
				b.WriteString("<tr>")
				for _, c := range row {
					fmt.Fprintf(&b, `<td rowspan="%d" colspan="%d">%s</td>`, c.RowSpan, c.ColSpan, c.Text)
				}
				b.WriteString("</tr>")
			}
			b.WriteString("</table>\n\n")
		}
	}
	return b.String()
}

// tableText is the text of every grid place of every table, spaces folded.
func tableText(doc *extract.Document) string {
	var b strings.Builder
	for _, t := range doc.Tables() {
		for _, row := range t.Grid() {
			for _, c := range row {
				if c != nil {
					b.WriteString(strings.Join(strings.Fields(c.Text), ""))
				}
				b.WriteByte('|')
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("# t\n| a | b |\n|---|---|\n| 1 | 2 |\n<table><tr><td>x</td></tr></table>"))
	f.Add([]byte("|---|\n|\n<table\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := extract.NewInput("f.md", strings.NewReader(string(b)), int64(len(b)))
		if err != nil {
			return
		}
		New().Extract(context.Background(), in)
	})
}
