// Package syntax is the lowest layer of gongkai's PDF reader: the lexer of
// PDF's object syntax, for content streams (operands and operators, inline
// images skipped) and for the objects of the file (with "12 0 R"
// references). It knows nothing of files, pages or fonts.
package syntax

import (
	"bytes"
	"slices"
	"strconv"
)

// The content-stream lexer: operands and operators of a page's content,
// read from the decoded bytes in one pass. It replaces lpdf.Interpret,
// which is a PostScript interpreter for CMaps rather than a content
// reader: it was the slowest part of reading a page, and it tokenizes the
// binary data of inline images (BI … ID … EI), where a stray "(" swallows
// the rest of the page.

// Kind is the type of an Object.
type Kind uint8

const (
	Null Kind = iota
	Number
	Name
	String
	Array
	Dict
	Bool
	Ref // an indirect reference "12 0 R": Num is the object, Gen its generation
)

// Object is a PDF object: an operand of a content-stream operator, or an
// object of the file (with references when read in Refs mode).
type Object struct {
	// Fields in this order, Kind and Gen at the end, make an Object 56
	// bytes, not 64: objects are most of what parsing allocates.
	Num  float64
	Str  string   // name (without "/") or the string's bytes
	Arr  []Object // array elements; a dictionary's keys and values
	Gen  int32    // a reference's generation
	Kind Kind
}

// Get returns a dictionary's value for key.
func (o Object) Get(key string) (Object, bool) {
	if o.Kind != Dict {
		return Object{}, false
	}
	for i := 0; i+1 < len(o.Arr); i += 2 {
		if o.Arr[i].Kind == Name && o.Arr[i].Str == key {
			return o.Arr[i+1], true
		}
	}
	return Object{}, false
}

// Int returns a number operand as an Int, -1 for anything else.
func (o Object) Int() int {
	if o.Kind != Number || o.Num < 0 || o.Num > 1<<40 {
		return -1
	}
	return int(o.Num)
}

// Lexer reads a content stream.
type Lexer struct {
	B    []byte
	I    int
	args []Object
	Refs bool // read "12 0 R" as a reference (object syntax, not content)
	// names holds the names a content stream has read so far, so that its
	// hundreds of "/F1 12 Tf" make one string, not hundreds.
	names map[string]string
}

// maxNames bounds the names a Lexer keeps.
const maxNames = 64

// MaxNesting bounds arrays and dictionaries inside arrays and dictionaries.
const MaxNesting = 32

// Next returns the Next operator with the operands before it; ok is false
// at the end of the stream. Inline images are skipped: "BI" comes back
// with no operands once its data has been passed.
func (lx *Lexer) Next() (op string, args []Object, ok bool) {
	lx.args = lx.args[:0]
	for {
		lx.SkipSpace()
		if lx.I >= len(lx.B) {
			return "", nil, false
		}
		c := lx.B[lx.I]
		if c == ']' || c == '>' || c == ')' || c == '}' || c == '{' { // stray closers: skip
			lx.I++
			continue
		}
		if IsNumStart(c) && !lx.Refs {
			// Not through Value: most operands of a content stream are
			// numbers, and a call and a copy of the Object each added up.
			lx.args = append(lx.args, Object{Kind: Number, Num: lx.number()})
			continue
		}
		if IsRegular(c) && !IsNumStart(c) {
			w := lx.Word()
			switch w {
			case "true", "false":
				lx.args = append(lx.args, Object{Kind: Bool, Num: b2f(w == "true")})
				continue
			case "null":
				lx.args = append(lx.args, Object{})
				continue
			case "BI":
				lx.skipInlineImage()
				return "BI", nil, true
			}
			return w, lx.args, true
		}
		lx.args = append(lx.args, lx.Value(0))
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (lx *Lexer) SkipSpace() {
	for lx.I < len(lx.B) {
		switch c := lx.B[lx.I]; {
		case IsSpace(c):
			lx.I++
		case c == '%':
			for lx.I < len(lx.B) && lx.B[lx.I] != '\n' && lx.B[lx.I] != '\r' {
				lx.I++
			}
		default:
			return
		}
	}
}

func IsRegular(c byte) bool { return class[c] == 0 }

func IsNumStart(c byte) bool { return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' }

// Word reads a run of regular characters: an operator, a keyword, a name
// without its slash. The common ones are not allocated: a content stream
// is mostly operators and font names.
func (lx *Lexer) Word() string {
	w := lx.Token()
	if s := common(w); s != "" {
		return s
	}
	return string(w)
}

// Token is Word as bytes of B, for a caller that parses it (a number in a
// cross-reference table) and keeps no string.
func (lx *Lexer) Token() []byte {
	start := lx.I
	for lx.I < len(lx.B) && IsRegular(lx.B[lx.I]) {
		lx.I++
	}
	return lx.B[start:lx.I]
}

// common returns the string of a word that is common in content streams
// and dictionaries, and "" for the others. A switch on string(w) does not
// allocate.
func common(w []byte) string {
	switch string(w) {
	// content stream operators
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "Tf":
		return "Tf"
	case "Td":
		return "Td"
	case "TD":
		return "TD"
	case "Tm":
		return "Tm"
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "T*":
		return "T*"
	case "Tc":
		return "Tc"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "TL":
		return "TL"
	case "Tr":
		return "Tr"
	case "Ts":
		return "Ts"
	case "cm":
		return "cm"
	case "re":
		return "re"
	case "rg":
		return "rg"
	case "RG":
		return "RG"
	case "cs":
		return "cs"
	case "CS":
		return "CS"
	case "sc":
		return "sc"
	case "SC":
		return "SC"
	case "scn":
		return "scn"
	case "SCN":
		return "SCN"
	case "gs":
		return "gs"
	case "Do":
		return "Do"
	case "f*":
		return "f*"
	case "W*":
		return "W*"
	case "BDC":
		return "BDC"
	case "BMC":
		return "BMC"
	case "EMC":
		return "EMC"
	// names in page, font and stream dictionaries
	case "Type":
		return "Type"
	case "Subtype":
		return "Subtype"
	case "Font":
		return "Font"
	case "Length":
		return "Length"
	case "Filter":
		return "Filter"
	case "FlateDecode":
		return "FlateDecode"
	case "Resources":
		return "Resources"
	case "Contents":
		return "Contents"
	case "Parent":
		return "Parent"
	case "MediaBox":
		return "MediaBox"
	case "XObject":
		return "XObject"
	case "ExtGState":
		return "ExtGState"
	case "ProcSet":
		return "ProcSet"
	case "MCID":
		return "MCID"
	case "Span":
		return "Span"
	case "Artifact":
		return "Artifact"
	case "obj":
		return "obj"
	case "endobj":
		return "endobj"
	case "stream":
		return "stream"
	case "null":
		return "null"
	case "true":
		return "true"
	case "false":
		return "false"
	}
	return ""
}

// Value reads one operand; the caller has skipped spaces.
func (lx *Lexer) Value(depth int) Object {
	c := lx.B[lx.I]
	switch {
	case c == '/':
		lx.I++
		return Object{Kind: Name, Str: lx.name()}
	case c == '(':
		return Object{Kind: String, Str: lx.literal()}
	case c == '<' && lx.I+1 < len(lx.B) && lx.B[lx.I+1] == '<':
		lx.I += 2
		return lx.collect(depth, ">>", Dict)
	case c == '<':
		return Object{Kind: String, Str: lx.hex()}
	case c == '[':
		lx.I++
		return lx.collect(depth, "]", Array)
	case IsNumStart(c):
		o := Object{Kind: Number, Num: lx.number()}
		if lx.Refs && o.Int() >= 0 {
			if gen, ok := lx.refTail(); ok {
				return Object{Kind: Ref, Num: o.Num, Gen: int32(gen)}
			}
		}
		return o
	}
	switch lx.Word() {
	case "true":
		return Object{Kind: Bool, Num: 1}
	case "false":
		return Object{Kind: Bool}
	case "":
		lx.I++ // a delimiter that starts nothing here
	}
	return Object{} // null, or a keyword inside an array or dictionary: dropped
}

// number reads a number at lx.I, up to the next space or delimiter. The
// numbers content streams are made of, [sign]digits[.digits], are read as
// they are scanned, to the value parseDecimal gives; the rest by ParseNum.
func (lx *Lexer) number() float64 {
	b, start := lx.B, lx.I
	i := start
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		if c := b[i]; c >= '0' && c <= '9' {
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		} else if c == '.' && !dot {
			dot = true
		} else {
			break
		}
	}
	if (i == len(b) || !IsRegular(b[i])) && digits > 0 && digits <= 15 {
		lx.I = i
		v := float64(mant) / pow10[frac]
		if neg {
			v = -v
		}
		return v
	}
	for i < len(b) && IsRegular(b[i]) {
		i++
	}
	lx.I = i
	return ParseNum(b[start:i])
}

// refTail reads the "0 R" after an object number, if that is what follows.
func (lx *Lexer) refTail() (int, bool) {
	save := lx.I
	lx.SkipSpace()
	start := lx.I
	for lx.I < len(lx.B) && lx.B[lx.I] >= '0' && lx.B[lx.I] <= '9' {
		lx.I++
	}
	if lx.I == start || lx.I-start > 9 { // no generation number (and no error to make)
		lx.I = save
		return 0, false
	}
	gen := 0
	for _, c := range lx.B[start:lx.I] {
		gen = gen*10 + int(c-'0')
	}
	if lx.I < len(lx.B) && IsSpace(lx.B[lx.I]) {
		lx.SkipSpace()
		if lx.I < len(lx.B) && lx.B[lx.I] == 'R' && (lx.I+1 == len(lx.B) || !IsRegular(lx.B[lx.I+1])) {
			lx.I++
			return gen, true
		}
	}
	lx.I = save
	return 0, false
}

// collect reads array elements or dictionary entries up to end.
func (lx *Lexer) collect(depth int, end string, kind Kind) Object {
	// The elements gather on the stack and are copied once, at their
	// size, when the array or dictionary closes: grown element by element
	// on the heap, the slices were a tenth of a document's garbage. A long
	// one (a font's widths) goes on to the heap and is kept as it grew.
	var local [24]Object
	n := 0
	var long []Object
	done := func() Object {
		o := Object{Kind: kind}
		switch {
		case long != nil:
			o.Arr = slices.Clip(long)
		case n > 0:
			o.Arr = slices.Clone(local[:n])
		}
		return o
	}
	for {
		lx.SkipSpace()
		if lx.I >= len(lx.B) {
			return done()
		}
		if bytes.HasPrefix(lx.B[lx.I:], []byte(end)) {
			lx.I += len(end)
			return done()
		}
		if c := lx.B[lx.I]; c == ']' || c == '>' || c == ')' {
			lx.I++ // the other closer: a damaged stream
			return done()
		}
		if depth >= MaxNesting {
			lx.I++
			continue
		}
		v := lx.Value(depth + 1)
		switch {
		case long != nil:
			long = append(long, v)
		case n < len(local):
			local[n], n = v, n+1
		default:
			long = append(make([]Object, 0, 4*len(local)), local[:]...)
			long = append(long, v)
		}
	}
}

// ParseNum reads a number leniently, as viewers do: "3.", "-.5", "--2".
func ParseNum(w []byte) float64 {
	for len(w) > 1 && (w[0] == '-' || w[0] == '+') && (w[1] == '-' || w[1] == '+') {
		w = w[1:]
	}
	if v, ok := parseDecimal(w); ok {
		return v
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

// pow10 are the powers of ten that a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseDecimal parses a number as content streams write nearly all of
// theirs, [sign]digits[.digits] with at most 15 digits, without
// strconv.ParseFloat's generality (4% of a page's time): the digits
// and the power of ten are exact float64s, so the one division rounds
// correctly, to the value ParseFloat gives.
func parseDecimal(w []byte) (float64, bool) {
	neg := false
	if len(w) > 0 && (w[0] == '-' || w[0] == '+') {
		neg, w = w[0] == '-', w[1:]
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

// name reads a name after its slash.
func (lx *Lexer) name() string {
	w := lx.Token()
	if s := common(w); s != "" {
		return s
	}
	if s, ok := lx.names[string(w)]; ok {
		return s
	}
	s := unescapeName(string(w))
	if !lx.Refs && len(lx.names) < maxNames { // content streams repeat names; objects hardly do
		if lx.names == nil {
			lx.names = map[string]string{}
		}
		k := s // the key is the name as read: s unless it had escapes
		if s != string(w) {
			k = string(w)
		}
		lx.names[k] = s
	}
	return s
}

func unescapeName(s string) string {
	if !bytes.ContainsRune([]byte(s), '#') {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if h, ok := Unhex(s[i+1]); ok {
				if l, ok := Unhex(s[i+2]); ok {
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
func (lx *Lexer) literal() string {
	lx.I++ // (
	var out []byte
	depth := 1
	for lx.I < len(lx.B) {
		c := lx.B[lx.I]
		lx.I++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		case '\\':
			if lx.I >= len(lx.B) {
				return string(out)
			}
			e := lx.B[lx.I]
			lx.I++
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
				if lx.I < len(lx.B) && lx.B[lx.I] == '\n' {
					lx.I++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.I < len(lx.B) && lx.B[lx.I] >= '0' && lx.B[lx.I] <= '7'; k++ {
						v = v*8 + int(lx.B[lx.I]-'0')
						lx.I++
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
func (lx *Lexer) hex() string {
	lx.I++ // <
	var out []byte
	var hi byte
	have := false
	for lx.I < len(lx.B) && lx.B[lx.I] != '>' {
		if v, ok := Unhex(lx.B[lx.I]); ok {
			if have {
				out = append(out, hi<<4|v)
			} else {
				hi = v
			}
			have = !have
		}
		lx.I++
	}
	if have {
		out = append(out, hi<<4)
	}
	if lx.I < len(lx.B) {
		lx.I++ // >
	}
	return string(out)
}

// class holds each byte's class in PDF syntax (7.2.3): white space, a
// delimiter, or neither (a regular character). A table, not comparisons:
// the lexer asks of every byte of every content stream.
var class = [256]uint8{
	' ': space, '\n': space, '\r': space, '\t': space, '\f': space, 0: space,
	'(': delim, ')': delim, '<': delim, '>': delim, '[': delim, ']': delim, '{': delim, '}': delim, '/': delim, '%': delim,
}

const (
	space = 1 << iota
	delim
)

func IsSpace(c byte) bool { return class[c]&space != 0 }

func IsDelim(c byte) bool { return class[c]&delim != 0 }

func Unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
