package docx

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// joinLines joins the lines of a paragraph (soft breaks) or of a cell (its
// paragraphs and breaks) into one line. A break is layout, not content: in
// Chinese text it falls between characters and joins without a space
// ("（一）予以" + "公开"); between two Latin words or numbers it was a space.
// Runs of white space collapse to one space.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = collapse(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !wide(last) && !wide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// collapse trims s and turns each run of white space into one space.
func collapse(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// wide reports whether r is East Asian text or punctuation, which is set
// without spaces between words.
func wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x303F, // radicals, ideographic description, CJK punctuation
		r >= 0x3040 && r <= 0x9FFF, // kana, CJK symbols, unified ideographs
		r >= 0xAC00 && r <= 0xD7AF, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // vertical and compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms: （）：，１
		r >= 0xFFE0 && r <= 0xFFE6:
		return true
	}
	return unicode.Is(unicode.Han, r)
}
