// Character references are read as golang.org/x/net/html's escape.go reads
// them: Copyright 2010 The Go Authors, under a BSD-style licence,
// golang.org/x/net's LICENSE.

package html

//go:generate go run gen_tables.go

import (
	"slices"
	"strings"
)

// entity is a named character reference, one character or two; its name
// is entityNames[from:to]. It holds no pointer, so that the garbage
// collector's every cycle, and every run's start, pass the table over.
type entity struct {
	from, to uint16
	r1, r2   rune
}

func (e entity) name() string { return entityNames[e.from:e.to] }

// lookupEntity finds a name in entities, by halves: the table is data,
// where a map would be built at every start-up.
func lookupEntity(name string) (entity, bool) {
	i, ok := slices.BinarySearchFunc(entities[:], name, func(e entity, name string) int { return strings.Compare(e.name(), name) })
	if !ok {
		return entity{}, false
	}
	return entities[i], true
}

// longestEntityWithoutSemicolon bounds the names that may go without ';'.
const longestEntityWithoutSemicolon = 6

// windows1252 is what numeric references to 0x80–0x9F read as.
var windows1252 = [32]rune{
	'\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
	'\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
	'\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
	'\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
}

// unescapeEntity reads the reference s starts with ('&'), returning its
// characters and its length; a lone '&' is ('&', 0, 1). In an attribute
// value a name without its ';' followed by '=' is not a reference, and
// only a whole name is (text takes the longest name its start is).
func unescapeEntity(s string, attribute bool) (r1, r2 rune, n int) {
	i := 1
	if len(s) <= 1 {
		return '&', 0, 1
	}
	if s[i] == '#' {
		if len(s) <= 2 {
			return '&', 0, 1
		}
		i++
		hex := s[i] == 'x' || s[i] == 'X'
		if hex {
			i++
		}
		i0 := i
		x := rune(0)
		for ; i < len(s); i++ {
			c := s[i]
			var d, mult rune
			switch {
			case '0' <= c && c <= '9':
				d, mult = rune(c-'0'), 10
			case hex && 'a' <= c && c <= 'f':
				d = rune(c-'a') + 10
			case hex && 'A' <= c && c <= 'F':
				d = rune(c-'A') + 10
			default:
				goto done
			}
			if hex {
				mult = 16
			}
			if x <= 0x10FFFF {
				x = mult*x + d
			}
		}
	done:
		if i == i0 {
			return '&', 0, 1
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		switch {
		case 0x80 <= x && x <= 0x9F:
			x = windows1252[x-0x80]
		case x == 0 || 0xD800 <= x && x <= 0xDFFF || x > 0x10FFFF:
			x = '\uFFFD'
		}
		return x, 0, i
	}
	for i < len(s) {
		c := s[i]
		i++
		if isAlnum(c) {
			continue
		}
		if c != ';' {
			i--
		}
		break
	}
	name := s[1:i]
	switch {
	case name == "":
	case attribute && name[len(name)-1] != ';' && len(s) > i && s[i] == '=':
	default:
		if e, ok := lookupEntity(name); ok {
			return e.r1, e.r2, i
		}
		if !attribute {
			for j := min(len(name)-1, longestEntityWithoutSemicolon); j > 1; j-- {
				if e, ok := lookupEntity(name[:j]); ok && e.r2 == 0 {
					return e.r1, 0, j + 1
				}
			}
		}
	}
	return '&', 0, 1
}

// unescapeString replaces the character references in s, in text or in an
// attribute value.
func unescapeString(s string, attribute bool) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i:]
		r1, r2, n := unescapeEntity(s, attribute)
		if n == 1 && r1 == '&' {
			b.WriteByte('&')
		} else {
			b.WriteRune(r1)
			if r2 != 0 {
				b.WriteRune(r2)
			}
		}
		s = s[n:]
		i = strings.IndexByte(s, '&')
	}
	b.WriteString(s)
	return b.String()
}

func isAlnum(c byte) bool { return isLetter(c) || '0' <= c && c <= '9' }
