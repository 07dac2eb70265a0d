package pdf

import (
	"strconv"
	"strings"
)

// How report tables and headings number their items: "1." "2、" (arabic),
// "（三）" "(四" (in parentheses, the closer perhaps on the next line) and
// "四、" (a section heading's). Every layout rule that asks whether a line
// starts a new item reads it here.

type numberKind int

const (
	noNumber numberKind = iota
	arabicNumber
	openParenNumber // "（三" without its closer
	parenNumber     // "（三）"
	headingNumber   // "四、"
)

// leadingNumber says how s is numbered, for an arabic number its value, and
// where the number ends. It reads what the regular expression
// ^\s*(?:([0-9０-９]+)\s*[.．、]|[（(]\s*[一…十]+\s*([）)])?|[一…十]+\s*(、))
// matched (kept in numbering_test.go, which holds this to it; compiling it
// was a fifth of what a one-file run spent on patterns).
func leadingNumber(s string) (kind numberKind, n, end int) {
	p := numberScan{s: strings.TrimLeft(s, asciiSpaces)}
	at := func() int { return len(s) - len(p.s) }
	switch {
	case p.s == "":
	case p.s[0] >= '0' && p.s[0] <= '9' || isFullDigit(p.s):
		from := p.s
		p.digits()
		digits := from[:len(from)-len(p.s)]
		p.spaces()
		if p.lit(".") || p.lit("．") || p.lit("、") {
			return arabicNumber, arabicValue(digits), at()
		}
	case p.lit("（") || p.lit("("):
		p.spaces()
		if !p.numerals() {
			break
		}
		p.spaces()
		if p.lit("）") || p.lit(")") {
			return parenNumber, 0, at()
		}
		return openParenNumber, 0, at()
	case p.numerals():
		p.spaces()
		if p.lit("、") {
			return headingNumber, 0, at()
		}
	}
	return noNumber, 0, 0
}

// arabicValue is the value of ASCII and full-width digits.
func arabicValue(digits string) int {
	digits = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, digits)
	n, _ := strconv.Atoi(digits)
	return n
}

// startsItem says whether s starts with a complete item number: a new row
// label, a new heading.
func startsItem(s string) bool {
	k, _, _ := leadingNumber(s)
	return k != noNumber && k != openParenNumber
}

// startsLabel says whether s starts as only the first line of a label does,
// a parenthesised number's closer perhaps on the next line.
func startsLabel(s string) bool {
	k, _, _ := leadingNumber(s)
	return k != noNumber
}

// isSectionHeading says whether s is numbered as a report's section
// headings are ("三、收到和处理…"), which a table never continues into.
func isSectionHeading(s string) bool {
	k, _, _ := leadingNumber(s)
	return k == headingNumber
}

// itemNumber is the arabic item number s starts with, 0 for none.
func itemNumber(s string) int {
	if k, n, _ := leadingNumber(s); k == arabicNumber {
		return n
	}
	return 0
}

// afterItem is what follows a complete item number at the start of s, and
// whether there is one.
func afterItem(s string) (string, bool) {
	k, _, end := leadingNumber(s)
	if k == noNumber || k == openParenNumber {
		return "", false
	}
	return s[end:], true
}
