package content

import (
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"
)

// Simple fonts without a ToUnicode map are read through their encoding:
// a base encoding and /Differences naming glyphs. Only the glyph names that
// reports use are known here (ASCII, common punctuation, uniXXXX); an
// unknown name counts as undecodable rather than as a guess.

// baseEncoding returns the 256 runes of a named base encoding.
func baseEncoding(name string) *[256]rune {
	switch name {
	case "WinAnsiEncoding":
		return &encodings().winAnsi
	case "MacRomanEncoding":
		return &encodings().macRoman
	}
	return &encodings().standard
}

// encodings are made at first use, not at every start of the program.
var encodings = sync.OnceValue(encodingTables)

type baseEncodings struct{ winAnsi, macRoman, standard [256]rune }

// encodingTables builds the simple fonts' base encodings.
func encodingTables() *baseEncodings {
	var e baseEncodings
	winAnsi, macRoman, standard := &e.winAnsi, &e.macRoman, &e.standard
	for i := range 256 {
		winAnsi[i] = charmap.Windows1252.DecodeByte(byte(i))
		macRoman[i] = charmap.Macintosh.DecodeByte(byte(i))
		if i >= 32 && i < 127 {
			standard[i] = rune(i)
		}
	}
	// Below 32 nothing is printable in these encodings.
	for i := range 32 {
		winAnsi[i], macRoman[i] = 0, 0
	}
	standard['\''] = '’'
	standard['`'] = '‘'
	return &e
}

var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$',
	"percent": '%', "ampersand": '&', "quotesingle": '\'', "parenleft": '(',
	"parenright": ')', "asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-',
	"period": '.', "slash": '/', "zero": '0', "one": '1', "two": '2', "three": '3',
	"four": '4', "five": '5', "six": '6', "seven": '7', "eight": '8', "nine": '9',
	"colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\',
	"bracketright": ']', "asciicircum": '^', "underscore": '_', "grave": '`',
	"braceleft": '{', "bar": '|', "braceright": '}', "asciitilde": '~',
	"quoteleft": '‘', "quoteright": '’', "quotedblleft": '“', "quotedblright": '”',
	"endash": '–', "emdash": '—', "bullet": '•', "periodcentered": '·',
	"ellipsis": '…', "minus": '−', "nbspace": '\u00a0', "degree": '°',
	"multiply": '×', "divide": '÷', "section": '§', "yen": '¥',
}

// glyphRune maps a glyph name to its character.
func glyphRune(name string) (rune, bool) {
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if len(name) == 1 && (name[0] >= 'A' && name[0] <= 'Z' || name[0] >= 'a' && name[0] <= 'z') {
		return rune(name[0]), true
	}
	if i := strings.IndexByte(name, '.'); i > 0 { // "one.tnum", "a.sc"
		return glyphRune(name[:i])
	}
	if t := glyphList()[name]; t != "" {
		return []rune(t)[0], true
	}
	for _, p := range []string{"uni", "u"} {
		if h, ok := strings.CutPrefix(name, p); ok && len(h) >= 4 && len(h) <= 6 {
			if v, err := strconv.ParseUint(h[:max(4, min(len(h), 6))], 16, 32); err == nil && v > 0 {
				return rune(v), true
			}
		}
	}
	return 0, false
}
