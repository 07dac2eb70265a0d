package normalize

import (
	"slices"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// reader holds what the rules need to know about the report.
type reader struct {
	agency string
	year   int
	level  string // the agency's administrative level when it is a government: 区, 市, 县, …
	// What a sentence is read with, used again sentence after sentence
	// (made for each, it was a twelfth of a report's bytes): nothing the
	// reader returns points into it.
	st            sentence
	subject, ends []int
	hasFigure     map[int]bool
}

func newReader(rep schema.Report) *reader {
	agency := foldNarrative(rep.Agency)
	return &reader{agency: agency, year: rep.Year, level: levelOf(agency)}
}

// levelOf is the level of a government by its name (淮安市洪泽区人民政府 →
// 区), or "" for a department or an office (…教育局, …办公厅).
func levelOf(agency string) string {
	name := agency
	for _, s := range []string{"人民政府", "政府", "党工委管委会", "管委会", "管理委员会"} {
		if t, ok := strings.CutSuffix(name, s); ok {
			name = t
			break
		}
	}
	for _, l := range []string{"省", "市", "区", "县", "镇", "乡", "州", "旗", "盟"} {
		if strings.HasSuffix(name, l) {
			return l
		}
	}
	return ""
}

// found is one figure the rules accept.
type found struct {
	key   string
	value float64
}

// window bounds how far from a figure its clause is read. Real clauses are
// far shorter; the bound keeps the reader linear on any input.
const window = 48

// sentence is one sentence, lexed, with what the rules ask of it worked out
// once.
type sentence struct {
	toks     []token
	text     string // the folded sentence, quotes and titles hidden
	applying bool   // the paragraph up to the sentence names 依申请
	// from* hold the index of the first token of a kind, len(toks) when
	// there is none: the rules ask whether one comes before a figure.
	fromElse     int         // another year, a plan
	other        []bool      // by token: the last body named before it is not the report's own
	fromNextYear int         // 下年度 and its like
	fromApp      int         // a noun naming applications
	ofWhich      map[int]int // by segment: 其中
	changes      map[int]int // by clause: a comparison or a denial
	clause       [][2]int    // by token: the bounds of its clause
}

// read reads one sentence; applying says that the paragraph up to it names
// 依申请.
func (r *reader) read(s string, applying bool) []found {
	if !mayStateFigure(s) {
		return nil
	}
	st := r.analyse(lexInto(r.st.toks, s, r.year), applying)
	var out []found
	if r.hasFigure == nil {
		r.hasFigure = map[int]bool{}
	}
	hasFigure := r.hasFigure
	clear(hasFigure)
	for i, t := range st.toks {
		if !t.num || i+1 >= len(st.toks) || !figureUnits.has(st.toks[i+1].text) {
			continue
		}
		hasFigure[t.clause] = true
		if f, ok := r.figure(st, i); ok {
			out = append(out, f)
		}
	}
	return append(out, r.zeros(st, hasFigure)...)
}

// unitsOf says which units each key's figures come in.
var unitsOf = []struct {
	group string
	units []string
}{
	{"applications", []string{"个", "件", "份", "宗", "条", "次", "起"}},
	{"review.total", []string{"个", "件", "份", "宗", "次", "起"}},
	{"litigation.total", []string{"个", "件", "份", "宗", "次", "起"}},
	{"active.published", []string{"个", "件", "条"}},
	{"active.interpretations", []string{"个", "件", "条", "篇"}},
	{"active.press_conferences", []string{"场", "次"}},
	{"fees.processing", []string{"万元", "元"}},
	{"complaints.total", []string{"个", "件", "次", "起"}},
	{"replies", []string{"件", "条"}},
	{"staff.full_time", []string{"名"}},
	{"staff.part_time", []string{"名"}},
}

// inUnit says whether a figure of group comes in unit.
func inUnit(group, unit string) bool {
	for _, u := range unitsOf {
		if u.group == group {
			return slices.Contains(u.units, unit)
		}
	}
	return false
}

// figure decides what the number at toks[i] counts, if anything.
func (r *reader) figure(st *sentence, i int) (found, bool) {
	toks := st.toks
	if vague(toks, i) {
		return found{}, false
	}
	pre, post := st.around(i, i+2)
	fam, noun := family(pre, post)
	key := key(fam, noun, pre, post, st.fromApp < i)
	if key == "" {
		return found{}, false
	}
	unit := toks[i+1].text
	group := key
	if g, _, _ := strings.Cut(key, "."); g == "applications" || g == "replies" {
		group = g
	}
	if !inUnit(group, unit) {
		return found{}, false
	}
	carried := key == "applications.carried_in" || key == "applications.carried_out"
	if toks[i].paren && !carried {
		return found{}, false // "(其中…", "(含…": part of the figure before
	}
	if st.aboutSomethingElse(i, key) || !st.inContext(key) {
		return found{}, false
	}
	v := toks[i].value
	if unit == "万元" {
		v = roundDecimals(v * 10000)
	}
	if key == "applications.new" && includesCarriedIn(toks, i) {
		key = "applications.received"
	}
	return found{key, v}, true
}

// around returns the words of toks[i]'s clause before i and from j on,
// within the window.
func (st *sentence) around(i, j int) (pre, post []token) {
	b := st.clause[i]
	pre = st.toks[max(b[0], i-window):i]
	if j < b[1] {
		post = st.toks[j:min(b[1], j+window)]
	}
	return pre, post
}

// vague: an approximate figure (约, 近, 以上, 左右), a range (3至5件), one
// figure for each of several things (各1件), an average, an ordinal.
func vague(toks []token, i int) bool {
	if i > 0 {
		switch toks[i-1].text {
		case "约", "近", "逾", "超", "超过", "将近", "各", "每", "平均", "人均", "第":
			return true
		case "至", "到", "-", "~":
			if i > 1 && toks[i-2].num {
				return true
			}
		}
	}
	if i+2 < len(toks) {
		switch toks[i+2].text {
		case "左右", "以上", "以下", "多", "余":
			return true
		}
	}
	return false
}

// includesCarriedIn spots "N 件（含上年结转 M 件）": N counts last year's
// applications too.
func includesCarriedIn(toks []token, i int) bool {
	if i+2 >= len(toks) || toks[i+2].text != "(" {
		return false
	}
	c := toks[i+2].clause
	incl := false
	for k := i + 3; k < min(len(toks), i+3+window) && toks[k].clause == c; k++ {
		switch toks[k].text {
		case "含", "包括", "包含":
			incl = true
		case "上年结转":
			return incl
		}
	}
	return false
}

// mayStateFigure is a cheap look at a sentence before segmenting it: a
// figure needs a digit or a Chinese numeral before a unit, a zero in words
// a denial. Most of a report's prose has neither.
func mayStateFigure(s string) bool {
	if !mentionsTopic(s) {
		return false
	}
	prev := rune(0)
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９', r == '未', r == '没', r == '无':
			return true
		case isUnitRune(r) && isNumeralRune(prev):
			return true
		}
		prev = r
	}
	return false
}

// isUnitRune says r is a unit a count in words comes in: 三件, 十二条.
func isUnitRune(r rune) bool {
	switch r {
	case '件', '条', '次', '场', '篇', '个', '起', '份', '宗', '元':
		return true
	}
	return false
}

// topics are word stems every narrative figure's sentence holds: what it
// counts (申请, 复议, 诉讼, 解读, 发布会, 处理费) or does (公开, 发布, 受理,
// 答复, 办结, 结转). Most sentences of a report hold none, and are not
// worth segmenting.
var topics = []string{"申请", "公开", "发布", "解读", "复议", "诉讼", "费", "结转", "答复", "办结", "受理"}

func mentionsTopic(s string) bool {
	for _, t := range topics {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}
