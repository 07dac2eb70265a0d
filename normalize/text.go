package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold maps the variants documents use for the same character onto one:
// full-width ASCII to ASCII, the ideographic space to a space, curly quotes
// to straight ones, and the look-alike dashes to '-'.
func fold(r rune) rune {
	switch {
	case r >= '！' && r <= '～':
		return r - '！' + '!'
	case r == '\u3000' || r == '\u00a0':
		return ' '
	case r == '“' || r == '”' || r == '„' || r == '「' || r == '」' || r == '『' || r == '』':
		return '"'
	case r == '‘' || r == '’':
		return '\''
	case r == '—' || r == '–' || r == '−' || r == '－' || r == '‐' || r == '‑' || r == '─':
		return '-'
	case r == '、' || r == '．':
		return '.'
	}
	return r
}

// canon prepares a label for matching: folded characters in simplified
// form, no whitespace, no quotes. Letter-spaced vertical labels ("三 、本 年
// 度") and wrapped lines come out the same as the printed label.
func canon(s string) string {
	// Most labels are canon already: they are checked here with direct
	// calls and a table for ASCII (a call through rewrite's function
	// values for every rune was most of canon's time), and rewritten from
	// the first rune that changes.
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if canonDropsASCII[c] {
				return rewriteFrom(s, i, canonRune, canonDrops)
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if c := canonRune(r); c != r || canonDrops(c) || r == utf8.RuneError {
			return rewriteFrom(s, i, canonRune, canonDrops)
		}
		i += w
	}
	return s
}

// canonRune is a rune as canon maps it. ASCII maps to itself.
func canonRune(r rune) rune { return simplified(fold(r)) }

// canonDropsASCII is canonDrops for ASCII.
var canonDropsASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = canonDrops(rune(c))
	}
	return t
}()

// canonDrops reports the runes canon leaves out.
func canonDrops(r rune) bool {
	return unicode.IsSpace(r) || r == '"' || r == '\'' || r == '*' || r == '※'
}

// rewrite maps every rune of s and leaves out those drop says, returning s
// itself, not a copy, when that changes nothing: most labels and values
// are as they should be, and the readers rewrite every cell several times.
// An invalid byte becomes U+FFFD, as ranging over a string makes it.
func rewrite(s string, f func(rune) rune, drop func(rune) bool) string {
	for i, r := range s {
		if c := f(r); c != r || drop(c) || r == utf8.RuneError {
			return rewriteFrom(s, i, f, drop)
		}
	}
	return s
}

// rewriteFrom is rewrite of s whose first i bytes stay as they are.
func rewriteFrom(s string, i int, f func(rune) rune, drop func(rune) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if r = f(r); !drop(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitNumber splits a canon label into its item number and the rest: the
// template numbers items 一、 （一） 1. 1、 and documents add (1) 1） ①.
// It returns 0 and the label unchanged when there is no number.
func splitNumber(s string) (int, string) {
	v := s
	if !utf8.ValidString(s) {
		v = string([]rune(s)) // each invalid byte a U+FFFD, as ranging reads it
	}
	if n, rest, ok := numberSplit(v); ok {
		return n, rest
	}
	return 0, s
}

// numberSplit is splitNumber on valid UTF-8, saying whether it found a
// number. It reads the label in place: splitNumber runs for every label,
// and a []rune of each was a twentieth of a document's allocations.
func numberSplit(s string) (n int, rest string, ok bool) {
	r0, w0 := utf8.DecodeRuneInString(s)
	if s != "" && r0 >= '①' && r0 <= '⑳' {
		return int(r0-'①') + 1, s[w0:], true
	}
	open := s != "" && strings.ContainsRune(openBrackets, r0)
	i := 0 // a byte offset
	if open {
		i = w0
	}
	start := i
	for digits := 0; i < len(s) && digits < 3; digits++ {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isDigit(r) && !strings.ContainsRune(chineseDigits, r) {
			break
		}
		i += w
	}
	if i == start || i >= len(s) {
		return 0, "", false
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if open && !strings.ContainsRune(closeBrackets, r) || !open && !strings.ContainsRune(".,:)", r) {
		return 0, "", false
	}
	return numberOf(s[start:i]), s[i+w:], true
}

// stripNumbering removes leading item numbers, however many are stacked.
func stripNumbering(s string) string {
	for {
		n, rest := splitNumber(s)
		if n == 0 {
			return s
		}
		s = rest
	}
}

const chineseDigits = "一二三四五六七八九十"

// openBrackets and closeBrackets open and close a bracketed item number:
// canon's (, and those OCR reads it as (《一) for （一）).
const openBrackets, closeBrackets = "(《〈【[", ")》〉】]"

var chineseDigit = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// numberOf reads a number written in arabic digits or in Chinese numerals
// — 3, 十二, 二十三, 一百零五, 两 — as the template numbers its items and
// prose counts.
func numberOf(s string) int {
	total, cur := 0, 0
	for _, r := range s {
		switch {
		case isDigit(r):
			cur = cur*10 + int(r-'0')
		case r == '十':
			total += max(cur, 1) * 10
			cur = 0
		case r == '百':
			total += max(cur, 1) * 100
			cur = 0
		default:
			cur = chineseDigit[r]
		}
	}
	return total + cur
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
