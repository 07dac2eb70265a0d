package pdf

import (
	"bytes"
	"strconv"
)

// The content-stream lexer: operands and operators of a page's content,
// read from the decoded bytes in one pass. It replaces lpdf.Interpret,
// which is a PostScript interpreter for CMaps rather than a content
// reader: it was the slowest part of reading a page, and it tokenizes the
// binary data of inline images (BI … ID … EI), where a stray "(" swallows
// the rest of the page.

type opKind uint8

const (
	opNull opKind = iota
	opNum
	opName
	opString
	opArray
	opDict
	opBool
	opRef // an indirect reference "12 0 R": num is the object, gen its generation
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	s    string    // name (without "/") or the string's bytes
	arr  []operand // array elements; a dictionary's keys and values
	gen  int       // a reference's generation
}

// get returns a dictionary's value for key.
func (o operand) get(key string) (operand, bool) {
	if o.kind != opDict {
		return operand{}, false
	}
	for i := 0; i+1 < len(o.arr); i += 2 {
		if o.arr[i].kind == opName && o.arr[i].s == key {
			return o.arr[i+1], true
		}
	}
	return operand{}, false
}

// int returns a number operand as an int, -1 for anything else.
func (o operand) int() int {
	if o.kind != opNum || o.num < 0 || o.num > 1<<40 {
		return -1
	}
	return int(o.num)
}

// lexer reads a content stream.
type lexer struct {
	b    []byte
	i    int
	args []operand
	refs bool // read "12 0 R" as a reference (object syntax, not content)
}

// maxNesting bounds arrays and dictionaries inside arrays and dictionaries.
const maxNesting = 32

// next returns the next operator with the operands before it; ok is false
// at the end of the stream. Inline images are skipped: "BI" comes back
// with no operands once its data has been passed.
func (lx *lexer) next() (op string, args []operand, ok bool) {
	lx.args = lx.args[:0]
	for {
		lx.skipSpace()
		if lx.i >= len(lx.b) {
			return "", nil, false
		}
		c := lx.b[lx.i]
		if c == ']' || c == '>' || c == ')' || c == '}' || c == '{' { // stray closers: skip
			lx.i++
			continue
		}
		if isRegular(c) && !isNumStart(c) {
			w := lx.word()
			switch w {
			case "true", "false":
				lx.args = append(lx.args, operand{kind: opBool, num: b2f(w == "true")})
				continue
			case "null":
				lx.args = append(lx.args, operand{})
				continue
			case "BI":
				lx.skipInlineImage()
				return "BI", nil, true
			}
			return w, lx.args, true
		}
		lx.args = append(lx.args, lx.value(0))
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (lx *lexer) skipSpace() {
	for lx.i < len(lx.b) {
		switch c := lx.b[lx.i]; {
		case isSpace(c):
			lx.i++
		case c == '%':
			for lx.i < len(lx.b) && lx.b[lx.i] != '\n' && lx.b[lx.i] != '\r' {
				lx.i++
			}
		default:
			return
		}
	}
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

func isNumStart(c byte) bool { return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' }

func (lx *lexer) word() string {
	start := lx.i
	for lx.i < len(lx.b) && isRegular(lx.b[lx.i]) {
		lx.i++
	}
	return string(lx.b[start:lx.i])
}

// value reads one operand; the caller has skipped spaces.
func (lx *lexer) value(depth int) operand {
	c := lx.b[lx.i]
	switch {
	case c == '/':
		lx.i++
		return operand{kind: opName, s: unescapeName(lx.word())}
	case c == '(':
		return operand{kind: opString, s: lx.literal()}
	case c == '<' && lx.i+1 < len(lx.b) && lx.b[lx.i+1] == '<':
		lx.i += 2
		return lx.collect(depth, ">>", opDict)
	case c == '<':
		return operand{kind: opString, s: lx.hex()}
	case c == '[':
		lx.i++
		return lx.collect(depth, "]", opArray)
	case isNumStart(c):
		start := lx.i
		for lx.i < len(lx.b) && isRegular(lx.b[lx.i]) {
			lx.i++
		}
		o := operand{kind: opNum, num: parseNum(lx.b[start:lx.i])}
		if lx.refs && o.int() >= 0 {
			if gen, ok := lx.refTail(); ok {
				return operand{kind: opRef, num: o.num, gen: gen}
			}
		}
		return o
	}
	lx.word() // a keyword inside an array or dictionary: dropped
	if lx.i < len(lx.b) && !isRegular(lx.b[lx.i]) && !isSpace(lx.b[lx.i]) {
		lx.i++ // a delimiter that starts nothing here
	}
	return operand{}
}

// refTail reads the "0 R" after an object number, if that is what follows.
func (lx *lexer) refTail() (int, bool) {
	save := lx.i
	lx.skipSpace()
	start := lx.i
	for lx.i < len(lx.b) && lx.b[lx.i] >= '0' && lx.b[lx.i] <= '9' {
		lx.i++
	}
	gen, err := strconv.Atoi(string(lx.b[start:lx.i]))
	if err == nil && lx.i < len(lx.b) && isSpace(lx.b[lx.i]) {
		lx.skipSpace()
		if lx.i < len(lx.b) && lx.b[lx.i] == 'R' && (lx.i+1 == len(lx.b) || !isRegular(lx.b[lx.i+1])) {
			lx.i++
			return gen, true
		}
	}
	lx.i = save
	return 0, false
}

// collect reads array elements or dictionary entries up to end.
func (lx *lexer) collect(depth int, end string, kind opKind) operand {
	o := operand{kind: kind}
	for {
		lx.skipSpace()
		if lx.i >= len(lx.b) {
			return o
		}
		if bytes.HasPrefix(lx.b[lx.i:], []byte(end)) {
			lx.i += len(end)
			return o
		}
		if c := lx.b[lx.i]; c == ']' || c == '>' || c == ')' {
			lx.i++ // the other closer: a damaged stream
			return o
		}
		if depth >= maxNesting {
			lx.i++
			continue
		}
		o.arr = append(o.arr, lx.value(depth+1))
	}
}

// parseNum reads a number leniently, as viewers do: "3.", "-.5", "--2".
func parseNum(w []byte) float64 {
	for len(w) > 1 && (w[0] == '-' || w[0] == '+') && (w[1] == '-' || w[1] == '+') {
		w = w[1:]
	}
	if v, err := strconv.ParseFloat(string(w), 64); err == nil {
		return v
	}
	// keep the longest prefix that is a number
	for n := len(w) - 1; n > 0; n-- {
		if v, err := strconv.ParseFloat(string(w[:n]), 64); err == nil {
			return v
		}
	}
	return 0
}

func unescapeName(s string) string {
	if !bytes.ContainsRune([]byte(s), '#') {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if h, ok := unhex(s[i+1]); ok {
				if l, ok := unhex(s[i+2]); ok {
					out = append(out, h<<4|l)
					i += 2
					continue
				}
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

// literal reads a (string) with its escapes.
func (lx *lexer) literal() string {
	lx.i++ // (
	var out []byte
	depth := 1
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		lx.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		case '\\':
			if lx.i >= len(lx.b) {
				return string(out)
			}
			e := lx.b[lx.i]
			lx.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r': // line continuation
				if lx.i < len(lx.b) && lx.b[lx.i] == '\n' {
					lx.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.i < len(lx.b) && lx.b[lx.i] >= '0' && lx.b[lx.i] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.i]-'0')
						lx.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// hex reads a <hex string>; an odd last digit counts as if followed by 0.
func (lx *lexer) hex() string {
	lx.i++ // <
	var out []byte
	var hi byte
	have := false
	for lx.i < len(lx.b) && lx.b[lx.i] != '>' {
		if v, ok := unhex(lx.b[lx.i]); ok {
			if have {
				out = append(out, hi<<4|v)
			} else {
				hi = v
			}
			have = !have
		}
		lx.i++
	}
	if have {
		out = append(out, hi<<4)
	}
	lx.i++ // >
	return string(out)
}
