// Package text reads reports copied from a web page or saved as plain text:
// paragraphs are lines, and tables are runs of tab-separated lines, as
// browsers produce when a table is copied. It is one of the extract stage's
// format readers.
package text

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/gongkai/gongkai/extract"
)

// DefaultMaxFile bounds the files read; a report's text is well under a
// megabyte.
const DefaultMaxFile = 32 << 20

// Extractor reads plain text.
type Extractor struct {
	Limits extract.Limits // MaxFile only: the text is decoded in memory
}

// New returns the text extractor.
func New() *Extractor { return &Extractor{Limits: extract.Limits{MaxFile: DefaultMaxFile}} }

func (*Extractor) Format() string       { return "txt" }
func (*Extractor) Extensions() []string { return []string{".txt", ".text", ".tsv"} }

// Sniff accepts anything that decodes as text: UTF-8 (with or without a
// BOM), UTF-16 with a BOM, or GB18030, with no control bytes but layout ones.
func (*Extractor) Sniff(in *extract.Input) extract.Match {
	head := in.Head
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return extract.Maybe
	}
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' {
			return extract.NoMatch
		}
	}
	if _, err := decode(head, true); err != nil {
		return extract.NoMatch
	}
	return extract.Maybe
}

// Extract decodes the file and splits it into paragraphs and tables.
func (e *Extractor) Extract(ctx context.Context, in *extract.Input) (*extract.Document, error) {
	if err := e.Limits.CheckFile("text", in.Size); err != nil {
		return nil, err
	}
	raw, err := in.Bytes()
	if err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	s, err := decode(raw, false)
	if err != nil {
		return nil, err
	}
	return Parse(s), nil
}

// Decode returns a text file's bytes as UTF-8: UTF-8 with or without a
// BOM, UTF-16 with a BOM, or GB18030. Other text formats (Markdown) read
// their bytes through it.
func Decode(raw []byte) (string, error) { return decode(raw, false) }

// decode returns the text as UTF-8. A head may end inside a character, so
// partial reads forgive an incomplete last rune.
func decode(raw []byte, partial bool) (string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return string(raw[3:]), nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("text: %w: bad UTF-16: %v", extract.ErrCorrupt, err)
		}
		return string(b), nil
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	for k := 1; partial && k < utf8.UTFMax && k < len(raw); k++ {
		if utf8.Valid(raw[:len(raw)-k]) {
			return string(raw[:len(raw)-k]), nil
		}
	}
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if partial && err == nil {
		b = bytes.TrimSuffix(b, []byte("\uFFFD"))
	}
	if err != nil || bytes.ContainsRune(b, utf8.RuneError) {
		return "", fmt.Errorf("text: %w: neither UTF-8 nor GB18030", extract.ErrCorrupt)
	}
	return string(b), nil
}

// Parse splits text into paragraphs (non-empty lines) and tables (runs of
// lines holding a tab). Lines are numbered from 1 as "row" provenance.
func Parse(s string) *extract.Document {
	doc := &extract.Document{Format: "txt"}
	var rows [][]extract.Cell
	endTable := func() {
		if len(rows) > 0 {
			t := extract.NewTable(len(doc.Tables())+1, 0, rows)
			doc.Blocks = append(doc.Blocks, extract.Block{Table: t})
			rows = nil
		}
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, "\t") {
			var row []extract.Cell
			for _, f := range strings.Split(line, "\t") {
				row = append(row, extract.Cell{Text: strings.TrimSpace(f)})
			}
			rows = append(rows, row)
			continue
		}
		t := strings.TrimSpace(line)
		if t == "" {
			endTable()
			continue
		}
		endTable()
		doc.Blocks = append(doc.Blocks, extract.Block{Para: &extract.Paragraph{Text: t}})
	}
	endTable()
	return doc
}
