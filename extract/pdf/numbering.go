package pdf

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// How report tables and headings number their items: "1." "2、" (arabic),
// "（三）" "(四" (in parentheses, the closer perhaps on the next line) and
// "四、" (a section heading's). One pattern, read by every layout rule that
// asks whether a line starts a new item.
// It is compiled at first use, not at start-up.
var numberPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:([0-9０-９]+)\s*[.．、]|[（(]\s*[一二三四五六七八九十]+\s*([）)])?|[一二三四五六七八九十]+\s*(、))`)
})

type numberKind int

const (
	noNumber numberKind = iota
	arabicNumber
	openParenNumber // "（三" without its closer
	parenNumber     // "（三）"
	headingNumber   // "四、"
)

// leadingNumber says how s is numbered, for an arabic number its value, and
// where the number ends.
func leadingNumber(s string) (kind numberKind, n, end int) {
	m := numberPattern().FindStringSubmatchIndex(s)
	if m == nil {
		return noNumber, 0, 0
	}
	return kindOf(s, m), valueOf(s, m), m[1]
}

func kindOf(s string, m []int) numberKind {
	switch {
	case m[2] >= 0:
		return arabicNumber
	case m[6] >= 0:
		return headingNumber
	case m[4] >= 0:
		return parenNumber
	}
	return openParenNumber
}

func valueOf(s string, m []int) int {
	if m[2] < 0 {
		return 0
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s[m[2]:m[3]])
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
