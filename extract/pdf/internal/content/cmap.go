package content

import (
	"sort"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
)

// cmap is a parsed CMap: a ToUnicode map (code → text) or an embedded
// encoding CMap (code → CID). It is parsed once per font object with a small
// tokenizer of its own, because going through the PostScript interpreter at
// every font switch costs tens of milliseconds a page.
type cmap struct {
	space  []codeRange       // codespace ranges; decide how many bytes a code takes
	uni    map[uint32]string // bfchar / bfrange
	cid    map[uint32]uint32 // cidchar / cidrange
	cidRg  []cidRange        // large cid ranges kept as ranges, sorted by lo
	use    string            // the CMap named by usecmap
	parent *cmap             // that CMap, where we hold it: asked after this one
}

type codeRange struct {
	n      int // bytes
	lo, hi uint32
}

type cidRange struct {
	lo, hi, cid uint32
}

// maxRange bounds the codes expanded from one bfrange, and maxUniTexts
// those of a whole CMap, so that a hostile CMap cannot make us allocate
// gigabytes: a font has at most 65,536 glyphs, and a CMap of a few
// kilobytes can name a million codes 65,536 at a time.
const maxRange, maxUniTexts = 1 << 16, 1 << 18

// parseCMap reads the operators that matter and ignores the rest.
func parseCMap(data []byte) *cmap {
	m := &cmap{cid: map[uint32]uint32{}}
	var u uniTexts
	t := cmapTokens{b: data}
	// A section holds at most 100 entries of up to three tokens (PDF
	// 32000 9.10.3): room for one from the start, not grown token by token.
	stack := make([]cmapTok, 0, 300)
	var last cmapTok
	mode := ""
	for {
		tok, ok := t.next()
		if !ok {
			break
		}
		if tok.kind != tokKeyword {
			if mode != "" {
				stack = append(stack, tok)
			}
			last = tok
			continue
		}
		switch tok.s {
		case "usecmap":
			if last.kind == tokName {
				m.use = last.s
			}
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidchar", "begincidrange":
			mode = tok.s[5:]
			stack = stack[:0]
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, hi := stack[i], stack[i+1]
				if lo.kind == tokHex && hi.kind == tokHex && len(lo.s) > 0 && len(lo.s) <= 4 {
					m.space = append(m.space, codeRange{len(lo.s), code(lo.s), code(hi.s)})
				}
			}
			mode = ""
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				if src := stack[i]; src.kind == tokHex {
					u.add(code(src.s), stack[i+1])
				}
			}
			mode = ""
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				u.addRange(stack[i], stack[i+1], stack[i+2])
			}
			mode = ""
		case "endcidchar":
			for i := 0; i+1 < len(stack); i += 2 {
				if stack[i].kind == tokHex && stack[i+1].kind == tokNum {
					m.cid[code(stack[i].s)] = uint32(stack[i+1].n)
				}
			}
			mode = ""
		case "endcidrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, c := stack[i], stack[i+1], stack[i+2]
				if lo.kind == tokHex && hi.kind == tokHex && c.kind == tokNum {
					m.cidRg = append(m.cidRg, cidRange{code(lo.s), code(hi.s), uint32(c.n)})
				}
			}
			mode = ""
		case "[":
			// arrays arrive as a token of their own (tokArray), see next()
		}
	}
	sort.SliceStable(m.cidRg, func(i, j int) bool { return m.cidRg[i].lo < m.cidRg[j].lo })
	m.uni = u.done()
	return m
}

// uniTexts gathers a ToUnicode map's texts in one buffer, made one string
// at the end, and the map sized once: a CMap has hundreds or thousands of
// entries, and a string and a map growth an entry were a tenth of a
// document's allocations.
type uniTexts struct {
	buf     []byte
	entries []uniEntry // in the CMap's order: a later entry for a code wins
	scratch []byte     // a bfrange destination, incremented code by code
}

type uniEntry struct {
	code     uint32
	from, to int32 // the text is buf[from:to]
}

// add gives code c the text of dst, unless the map is full.
func (u *uniTexts) add(c uint32, dst cmapTok) {
	if !u.full() {
		from := len(u.buf)
		u.buf = appendUTF16Text(u.buf, dst)
		u.end(c, from)
	}
}

// end gives code c the text appended to buf from byte from on.
func (u *uniTexts) end(c uint32, from int) {
	u.entries = append(u.entries, uniEntry{c, int32(from), int32(len(u.buf))})
}

func (u *uniTexts) full() bool { return len(u.entries) >= maxUniTexts }

func (u *uniTexts) addRange(lo, hi, dst cmapTok) {
	if lo.kind != tokHex || hi.kind != tokHex {
		return
	}
	a, b := code(lo.s), code(hi.s)
	if b < a || b-a > maxRange {
		return
	}
	switch dst.kind {
	case tokArray:
		for i, d := range dst.arr {
			if a+uint32(i) > b {
				break
			}
			u.add(a+uint32(i), d)
		}
	case tokHex:
		if len(dst.s) == 0 {
			return
		}
		for c := a; c <= b && !u.full(); c++ {
			off := c - a
			out := append(u.scratch[:0], dst.s...)
			// The last byte (or code unit) increments; carry into the
			// byte before, as Acrobat does.
			v := uint32(out[len(out)-1]) + off
			out[len(out)-1] = byte(v)
			if len(out) >= 2 {
				out[len(out)-2] += byte(v >> 8)
			}
			u.scratch = out
			from := len(u.buf)
			u.buf = appendUTF16(u.buf, out)
			u.end(c, from)
		}
	}
}

// done makes the map.
func (u *uniTexts) done() map[uint32]string {
	all := string(u.buf)
	m := make(map[uint32]string, len(u.entries))
	for _, e := range u.entries {
		m[e.code] = all[e.from:e.to]
	}
	return m
}

// codeLen says how many bytes the code starting s[0:] takes.
func (m *cmap) codeLen(s string, def int) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		c := code(s[:n])
		for _, r := range m.space {
			if r.n == n && c >= r.lo && c <= r.hi {
				return n
			}
		}
	}
	return def
}

// lookupCID maps a code through an embedded encoding CMap.
func (m *cmap) lookupCID(c uint32) (uint32, bool) {
	if v, ok := m.cid[c]; ok {
		return v, true
	}
	// The last range starting at or below c; a damaged CMap's ranges may
	// overlap, so a miss looks through them all.
	if i := sort.Search(len(m.cidRg), func(i int) bool { return m.cidRg[i].lo > c }); i > 0 {
		if r := m.cidRg[i-1]; c <= r.hi {
			return r.cid + c - r.lo, true
		}
		for _, r := range m.cidRg[:i-1] {
			if c <= r.hi {
				return r.cid + c - r.lo, true
			}
		}
	}
	if m.parent != nil {
		return m.parent.lookupCID(c)
	}
	return 0, false
}

func code(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// appendUTF16Text appends a ToUnicode destination's text to dst: UTF-16BE
// bytes decoded, or a glyph name's character.
func appendUTF16Text(dst []byte, t cmapTok) []byte {
	switch t.kind {
	case tokHex:
		return appendUTF16(dst, t.s)
	case tokName:
		if r, ok := glyphRune(t.s); ok {
			return utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// appendUTF16 appends UTF-16BE bytes, decoded, to dst; an odd length is
// read as if a zero byte ended it.
func appendUTF16[S ~string | ~[]byte](dst []byte, b S) []byte {
	at := func(k int) rune {
		if k < len(b) {
			return rune(b[k])
		}
		return 0
	}
	n := len(b) + len(b)%2
	for i := 0; i+1 < n; i += 2 {
		r := at(i)<<8 | at(i+1)
		if utf16.IsSurrogate(r) && i+3 < n {
			if p := utf16.DecodeRune(r, at(i+2)<<8|at(i+3)); p != utf8.RuneError {
				r = p
				i += 2
			}
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

type tokKind int

const (
	tokKeyword tokKind = iota
	tokHex
	tokNum
	tokName
	tokString
	tokArray
)

type cmapTok struct {
	kind tokKind
	s    string
	n    int64
	arr  []cmapTok
}

type cmapTokens struct {
	b      []byte
	i      int
	hexBuf []byte // a hex string's bytes, before they are made a string
}

func (t *cmapTokens) next() (cmapTok, bool) {
	b := t.b
	for t.i < len(b) {
		c := b[t.i]
		switch {
		case c == '%':
			for t.i < len(b) && b[t.i] != '\n' && b[t.i] != '\r' {
				t.i++
			}
		case syntax.IsSpace(c):
			t.i++
		case c == '<' && t.i+1 < len(b) && b[t.i+1] == '<', c == '>' && t.i+1 < len(b) && b[t.i+1] == '>':
			t.i += 2
			return cmapTok{kind: tokKeyword, s: string(b[t.i-2 : t.i])}, true
		case c == '<':
			return t.hex(), true
		case c == '[':
			return t.array(), true
		case c == ']' || c == '{' || c == '}':
			t.i++
			return cmapTok{kind: tokKeyword, s: string(c)}, true
		case c == '(':
			return t.literal(), true
		case c == '/':
			t.i++
			return cmapTok{kind: tokName, s: t.word()}, true
		default:
			w := t.word()
			if w == "" { // a lone delimiter such as ')' or '>'
				t.i++
				continue
			}
			if c := w[0]; c >= '0' && c <= '9' || c == '-' || c == '+' { // not for a keyword: no error made
				if n, err := strconv.ParseInt(w, 10, 64); err == nil {
					return cmapTok{kind: tokNum, n: n}, true
				}
			}
			return cmapTok{kind: tokKeyword, s: w}, true
		}
	}
	return cmapTok{}, false
}

// cmapOperators are the operators parseCMap acts on.
var cmapOperators = []string{"begincodespacerange", "endcodespacerange", "beginbfchar", "endbfchar",
	"beginbfrange", "endbfrange", "begincidchar", "endcidchar", "begincidrange", "endcidrange"}

// word reads up to the next space or delimiter. The operators parseCMap
// acts on are not allocated: a CMap is mostly them and hex strings.
func (t *cmapTokens) word() string {
	start := t.i
	for t.i < len(t.b) && !syntax.IsSpace(t.b[t.i]) && !syntax.IsDelim(t.b[t.i]) {
		t.i++
	}
	w := t.b[start:t.i]
	for _, op := range cmapOperators {
		if string(w) == op {
			return op
		}
	}
	return string(w)
}

// hex reads a <hex string>; an odd last digit counts as if followed by 0.
func (t *cmapTokens) hex() cmapTok {
	b := t.b
	t.i++
	out := t.hexBuf[:0]
	hi, have := byte(0), false
	for t.i < len(b) && b[t.i] != '>' {
		if v, ok := syntax.Unhex(b[t.i]); ok {
			if have {
				out = append(out, hi<<4|v)
				have = false
			} else {
				hi, have = v, true
			}
		}
		t.i++
	}
	if have {
		out = append(out, hi<<4)
	}
	t.i++
	t.hexBuf = out
	return cmapTok{kind: tokHex, s: string(out)}
}

// array reads [ … ] up to its closer, or the end.
func (t *cmapTokens) array() cmapTok {
	t.i++
	var arr []cmapTok
	for {
		save := t.i
		tok, ok := t.next()
		if !ok || tok.kind == tokKeyword && (tok.s == "]" || save == t.i) {
			break
		}
		arr = append(arr, tok)
	}
	return cmapTok{kind: tokArray, arr: arr}
}

// literal reads a (string), escapes kept as written.
func (t *cmapTokens) literal() cmapTok {
	b := t.b
	depth := 0
	start := t.i + 1
	for t.i < len(b) {
		if b[t.i] == '\\' {
			t.i += 2
			continue
		}
		if b[t.i] == '(' {
			depth++
		} else if b[t.i] == ')' {
			depth--
			if depth == 0 {
				break
			}
		}
		t.i++
	}
	s := string(b[start:min(t.i, len(b))])
	t.i++
	return cmapTok{kind: tokString, s: s}
}
