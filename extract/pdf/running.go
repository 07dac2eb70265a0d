package pdf

import (
	"strings"
	"unicode/utf8"
)

// Page furniture is not text of the report: page numbers, and running
// headers and footers that repeat on every page. They would also sit
// between the two halves of a paragraph or a table cut by a page break.

// isPageNumber says s is a running page number: "3", "-3-", "— 3 —",
// "第3页", "3/6", "第 1 页 共 5 页", "共5页 第1页", "Page 1 of 5". It was a
// regular expression (kept in paragraph_test.go, which holds this to it):
// compiling it was 0.8% of a one-file run's instructions.
func isPageNumber(s string) bool {
	s = strings.TrimRight(strings.TrimLeft(s, pageMarks), pageMarks)
	var p numberScan
	// 第 N 页, with 共 M 页 after it or not.
	if p = (numberScan{s: s}); p.lit("第") && p.count() && p.lit("页") {
		if p.done() {
			return true
		}
		if p.sep(); p.lit("共") && p.count() && p.lit("页") && p.done() {
			return true
		}
	}
	// 共 M 页 第 N 页.
	if p = (numberScan{s: s}); p.lit("共") && p.count() && p.lit("页") {
		if p.sep(); p.lit("第") && p.count() && p.lit("页") && p.done() {
			return true
		}
	}
	// N, N/M, N of M, Page N of M.
	p = numberScan{s: s}
	if p.fold("page") {
		p.spaces()
	}
	if !p.digits() {
		return false
	}
	if p.done() {
		return true
	}
	p.spaces()
	if !p.lit("/") && !p.fold("of") {
		return false
	}
	p.spaces()
	return p.digits() && p.done()
}

// pageMarks are what may stand around a page number: dashes and spaces.
const pageMarks = "-—－–" + asciiSpaces

// numberScan reads a page number's parts from s, left to right.
type numberScan struct{ s string }

func (p *numberScan) done() bool { return p.s == "" }

func (p *numberScan) spaces() { p.s = strings.TrimLeft(p.s, asciiSpaces) }

// asciiSpaces are the white space a regular expression's \s stands for.
const asciiSpaces = "\t\n\f\r "

// lit reads w.
func (p *numberScan) lit(w string) bool {
	rest, ok := strings.CutPrefix(p.s, w)
	if ok {
		p.s = rest
	}
	return ok
}

// fold reads w, an ASCII word, in any case.
func (p *numberScan) fold(w string) bool {
	if len(p.s) < len(w) || !strings.EqualFold(p.s[:len(w)], w) {
		return false
	}
	p.s = p.s[len(w):]
	return true
}

// digits reads one or more digits, ASCII or full-width.
func (p *numberScan) digits() bool {
	n := 0
	for {
		switch {
		case p.s != "" && '0' <= p.s[0] && p.s[0] <= '9':
			p.s = p.s[1:]
		case isFullDigit(p.s):
			p.s = p.s[len("０"):]
		default:
			return n > 0
		}
		n++
	}
}

// isFullDigit says s starts with a full-width digit, ０ to ９.
func isFullDigit(s string) bool {
	return len(s) >= 3 && s[0] == 0xef && s[1] == 0xbc && 0x90 <= s[2] && s[2] <= 0x99
}

// numerals reads one or more Chinese numerals, 一 to 十.
func (p *numberScan) numerals() bool {
	n := 0
	for {
		r, size := utf8.DecodeRuneInString(p.s)
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			return n > 0
		}
		p.s = p.s[size:]
		n++
	}
}

// count reads a number between spaces: " 3 ".
func (p *numberScan) count() bool {
	p.spaces()
	ok := p.digits()
	p.spaces()
	return ok
}

// sep reads what may part two counts: spaces, and one of ，,/、 among them.
func (p *numberScan) sep() {
	p.spaces()
	if !p.lit("，") && !p.lit(",") && !p.lit("/") {
		p.lit("、")
	}
	p.spaces()
}

// inMargin reports a line in the top or bottom eighth of a page.
func inMargin(y0, y1, height float64) bool {
	return y1 < 0.12*height || y0 > 0.88*height
}

// dropPageNumbers removes page numbers in the top or bottom margin.
func dropPageNumbers(lines []*line, height float64) []*line {
	if height <= 0 {
		return lines
	}
	out := lines[:0]
	for _, l := range lines {
		if inMargin(l.y0, l.y1, height) && isPageNumber(l.text()) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// dropRunning removes running headers and footers: lines in a page's
// margin whose text, digits aside, comes back at about the same height on
// most pages — on a page that has other content: a page of one line is
// that line, however often it repeats.
func dropRunning(pages []*pageResult) {
	if len(pages) < 2 {
		return
	}
	type spot struct {
		text string
		y    int
	}
	key := func(p *pageResult, l *textLine) (spot, bool) {
		if p.height <= 0 || !inMargin(l.y0, l.y1, p.height) {
			return spot{}, false
		}
		t := strings.Map(func(r rune) rune {
			switch {
			case isDigit(r):
				return '#'
			case r == ' ':
				return -1
			}
			return r
		}, l.text)
		return spot{t, int(l.base / p.height * 50)}, true
	}
	seen := map[spot]map[int]bool{}
	for _, p := range pages {
		for _, it := range p.items {
			if it.line == nil {
				continue
			}
			if k, ok := key(p, it.line); ok {
				for _, y := range []int{k.y - 1, k.y, k.y + 1} {
					s := spot{k.text, y}
					if seen[s] == nil {
						seen[s] = map[int]bool{}
					}
					seen[s][p.n] = true
				}
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	running := func(p *pageResult, it item) bool {
		if it.line == nil {
			return false
		}
		k, ok := key(p, it.line)
		return ok && len(seen[k]) >= need
	}
	for _, p := range pages {
		other := false
		for _, it := range p.items {
			other = other || !running(p, it)
		}
		if !other {
			continue
		}
		items := p.items[:0]
		for _, it := range p.items {
			if !running(p, it) {
				items = append(items, it)
			}
		}
		p.items = items
	}
}
