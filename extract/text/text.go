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
	"golang.org/x/text/encoding/traditionalchinese"
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
	if _, ok := utf16NoBOM(head[:len(head)&^1]); ok {
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
	if u, ok := utf16NoBOM(raw[:len(raw)&^1]); ok {
		return u, nil
	}
	if utf8.Valid(raw) {
		return string(raw), nil
	}
	for k := 1; partial && k < utf8.UTFMax && k < len(raw); k++ {
		if utf8.Valid(raw[:len(raw)-k]) {
			return string(raw[:len(raw)-k]), nil
		}
	}
	gb, gbErr := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if partial && gbErr == nil {
		gb = bytes.TrimSuffix(gb, []byte("\uFFFD"))
	}
	gbOK := gbErr == nil && !bytes.ContainsRune(gb, utf8.RuneError)
	// Big5, as 繁體 portals serve, reads as GB18030 too, into rare signs and
	// kana: the decoding that gives more ordinary ideographs wins.
	b5, b5Err := traditionalchinese.Big5.NewDecoder().Bytes(raw)
	if partial && b5Err == nil {
		b5 = bytes.TrimSuffix(b5, []byte("\uFFFD"))
	}
	b5OK := b5Err == nil && !bytes.ContainsRune(b5, utf8.RuneError)
	switch {
	case b5OK && (!gbOK || plausibility(string(b5)) > plausibility(string(gb))):
		return string(b5), nil
	case gbOK:
		return string(gb), nil
	}
	return "", fmt.Errorf("text: %w: neither UTF-8, UTF-16, GB18030 nor Big5", extract.ErrCorrupt)
}

// plausibility scores decoded Chinese text: ordinary ideographs count for
// it, other signs beyond ASCII (kana, box drawing, compatibility forms)
// against it.
func plausibility(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x80:
		case r >= 0x4E00 && r <= 0x9FFF:
			n++
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…':
		default:
			n -= 2
		}
	}
	return n
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

// utf16NoBOM reads UTF-16 written without its byte-order mark, known by
// its zero bytes: every other byte of ASCII text, CJK text rarely.
func utf16NoBOM(raw []byte) (string, bool) {
	if len(raw) < 8 || len(raw)%2 != 0 {
		return "", false
	}
	var even, odd int
	for i := 0; i+1 < len(raw); i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	n := len(raw) / 2
	order := unicode.LittleEndian // ASCII's zeros at odd positions: "a\x00"
	switch {
	case odd*5 >= n && odd > 3*even:
	case even*5 >= n && even > 3*odd:
		order = unicode.BigEndian
	default:
		return "", false
	}
	b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(raw)
	if err != nil || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}
