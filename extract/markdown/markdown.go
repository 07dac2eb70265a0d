// Package markdown is the Markdown reader of the extract stage: the files
// that PDF converters and OCR services (MinerU, Marker, Docling) write.
// ATX headings and lines of prose become paragraphs, pipe tables and the
// HTML <table> blocks such converters embed become table grids, for
// normalize to map onto the report's fields like any other format's.
package markdown

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/html"
	"github.com/gongkai/gongkai/extract/text"
)

// DefaultMaxFile bounds the files read: a report's Markdown is well under a
// megabyte.
const DefaultMaxFile = 32 << 20

// Extractor reads Markdown.
type Extractor struct {
	Limits extract.Limits // MaxFile only: the file is read in memory
}

// New returns the Markdown extractor.
func New() *Extractor { return &Extractor{Limits: extract.Limits{MaxFile: DefaultMaxFile}} }

func (*Extractor) Format() string       { return "md" }
func (*Extractor) Extensions() []string { return []string{".md", ".markdown"} }

var (
	heading   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+\S`) })
	separator = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?m)^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$`)
	})
)

// Sniff looks for Markdown's own marks in the head: a pipe table's
// separator line (|---|---|), or ATX headings. Plain text rarely has
// either; the text reader, which takes anything, only says Maybe.
func (*Extractor) Sniff(in *extract.Input) extract.Match {
	if bytes.IndexByte(in.Head, 0) >= 0 {
		return extract.NoMatch
	}
	// The regexps run only where their marks are: every file of an
	// archive is sniffed, and most have neither.
	switch {
	case bytes.Contains(in.Head, []byte("---")) && separator().Match(in.Head):
		return extract.Likely
	case bytes.Count(in.Head, []byte("#")) >= 2 && len(heading().FindAllIndex(in.Head, 3)) >= 2:
		return extract.Likely
	}
	return extract.NoMatch
}

// Extract decodes the file and reads its blocks.
func (e *Extractor) Extract(ctx context.Context, in *extract.Input) (*extract.Document, error) {
	if err := e.Limits.CheckFile("markdown", in.Size); err != nil {
		return nil, err
	}
	raw, err := in.Bytes()
	if err != nil {
		return nil, err
	}
	s, err := text.Decode(raw)
	if err != nil {
		return nil, err
	}
	return Parse(s), nil
}

// Parse reads Markdown into paragraphs and tables.
func Parse(s string) *extract.Document {
	p := &parser{doc: &extract.Document{Format: "md"}}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		t := strings.TrimSpace(line)
		switch {
		case t == "":
		case isTableRow(t) && (i+1 < len(lines) && separator().MatchString(lines[i+1]) || separator().MatchString(t)):
			i = p.pipeTable(lines, i) - 1
		case strings.HasPrefix(strings.ToLower(t), "<table"):
			i = p.htmlTable(lines, i) - 1
		case heading().MatchString(line):
			p.para(strings.TrimRight(strings.TrimLeft(t, "#"), "# \t"))
		default:
			p.para(t)
		}
	}
	return p.doc
}

type parser struct {
	doc *extract.Document
}

func (p *parser) para(s string) {
	if s = plain(s); s != "" {
		p.doc.Blocks = append(p.doc.Blocks, extract.Block{Para: &extract.Paragraph{Text: s}})
	}
}

func (p *parser) table(rows [][]extract.Cell) {
	if len(rows) == 0 {
		return
	}
	t := extract.NewTable(len(p.doc.Tables())+1, 0, rows)
	p.doc.Blocks = append(p.doc.Blocks, extract.Block{Table: t})
}

func isTableRow(t string) bool { return strings.Contains(t, "|") }

// pipeTable reads the pipe table starting at line i (its header, the
// separator, its rows) and returns the line after it.
func (p *parser) pipeTable(lines []string, i int) int {
	var rows [][]extract.Cell
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || !isTableRow(t) {
			break
		}
		if separator().MatchString(t) {
			continue
		}
		var row []extract.Cell
		for _, c := range splitRow(t) {
			row = append(row, extract.Cell{Text: plain(c)})
		}
		rows = append(rows, row)
	}
	p.table(rows)
	return i
}

// splitRow splits a pipe-table line into its cells: the outer pipes are
// optional, and \| is a pipe inside a cell.
func splitRow(t string) []string {
	t = strings.TrimSpace(t)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			b.WriteByte('|')
			i++
		case t[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(t[i])
		}
	}
	return append(cells, strings.TrimSpace(b.String()))
}

// htmlTable reads an HTML table block (MinerU writes merged cells so) up
// to its closing tag and returns the line after it.
func (p *parser) htmlTable(lines []string, i int) int {
	var b strings.Builder
	depth := 0
	for ; i < len(lines); i++ {
		l := strings.ToLower(lines[i])
		b.WriteString(lines[i])
		b.WriteByte('\n')
		depth += strings.Count(l, "<table") - strings.Count(l, "</table")
		if depth <= 0 {
			i++
			break
		}
	}
	root, err := html.Parse([]byte(b.String()))
	if err != nil {
		p.para(b.String())
		return i
	}
	for _, bl := range html.Walk(root).Blocks {
		switch {
		case bl.Table != nil:
			bl.Table.Index = len(p.doc.Tables()) + 1 // numbered within this document
			p.doc.Blocks = append(p.doc.Blocks, bl)
		case bl.Para != nil:
			p.para(bl.Para.Text)
		}
	}
	return i
}

// emphasis is Markdown's inline markup that a label never means: bold,
// italics, code spans, and the <br> converters put in cells.
var emphasis = strings.NewReplacer("**", "", "__", "", "`", "", "<br>", " ", "<br/>", " ", "<br />", " ")

func plain(s string) string { return strings.TrimSpace(emphasis.Replace(s)) }
