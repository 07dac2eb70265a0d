package normalize

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A figure in the right words can still be about something else: a part
// of a total (其中), another year, a sub-unit or another body, a change
// rather than a count, a plan. These rules read the sentence before the
// figure; when one applies, the figure is left out.

// subUnitText are sub-units as text, where the segmenter leaves them in
// pieces (subUnitWords are the words).
var subUnitText = []string{"各镇", "各乡", "各县", "各区", "各市", "各地", "各有关单位", "各相关单位", "片区"}

// analyse works out, once per sentence, where the words stand that make a
// figure about something else.
func (r *reader) analyse(toks []token, applying bool) *sentence {
	n := len(toks)
	st := &r.st
	ofWhich, changes := st.ofWhich, st.changes
	if ofWhich == nil {
		ofWhich, changes = map[int]int{}, map[int]int{}
	}
	clear(ofWhich)
	clear(changes)
	*st = sentence{toks: toks, applying: applying, fromElse: n, fromNextYear: n, fromApp: n,
		ofWhich: ofWhich, changes: changes, clause: zeroed(st.clause, n), other: zeroed(st.other, n)}
	subject, ends := r.readWords(st)
	r.readSubjects(st, subject, ends)
	return st
}

// readWords marks, token by token, the words that put a figure in another
// year, a plan, a comparison or a part (其中), and each clause's bounds. It
// returns where the body itself (+1) or another (-1) opens a clause, and
// the byte offset in the text where each token ends.
func (r *reader) readWords(st *sentence) (subject, ends []int) {
	toks, n := st.toks, len(st.toks)
	first := func(at *int, k int) { *at = min(*at, k) }
	// subject[k] is +1 where the body itself opens a clause, -1 where
	// another body or a sub-unit is named.
	subject = zeroed(r.subject, n)
	var b strings.Builder
	ends = zeroed(r.ends, n) // byte offset in text where each token ends
	r.subject, r.ends = subject, ends
	start, opening := 0, true
	for k, t := range toks {
		w := t.text
		b.WriteString(w)
		ends[k] = b.Len()
		if t.sep {
			start, opening = k, true
		} else if k > 0 && toks[k-1].sep {
			start = k
		}
		st.clause[k][0] = start
		c := classOf(w)
		own := c.in(scopeWords) && r.level != "" && strings.HasSuffix(w, r.level)
		switch {
		case c.in(lastYearWords) && k > 0 && comparedWith.has(toks[k-1].text):
			// 较去年回落: a comparison, which speaks for its own clause only.
		case c.in(lastYearWords), c.in(futureWords):
			first(&st.fromElse, k)
		case c.in(subUnitWords), c.in(scopeWords) && !own:
			subject[k] = -1 // 全区 is the body's own scope only in a 区's report
		case opening && (own || c.in(selfWords)):
			subject[k] = 1
		case c.in(nextYear):
			first(&st.fromNextYear, k)
		case c.in(applicationNouns):
			first(&st.fromApp, k)
		}
		if !t.sep && !c.in(timeWords) {
			opening = false
		}
		if _, seen := st.ofWhich[t.seg]; !seen && w == "其中" {
			st.ofWhich[t.seg] = k
		}
		if _, seen := st.changes[t.clause]; !seen && (c.in(comparisons) || c.in(negations)) {
			st.changes[t.clause] = k
		}
	}
	for k, end := n-1, n; k >= 0; k-- {
		if toks[k].sep {
			end = k
		}
		st.clause[k][1] = end
	}
	st.text = b.String()
	return subject, ends
}

// readSubjects marks the tokens that speak of another body or a sub-unit:
// from a name that the segmenter left in pieces or that names another body,
// up to the next clause the body itself opens.
func (r *reader) readSubjects(st *sentence, subject, ends []int) {
	toks, n := st.toks, len(st.toks)
	// A name in the text counts from the token where it ends.
	tokenAt := func(offset int) int {
		k, _ := slices.BinarySearch(ends, offset)
		return k
	}
	for _, s := range subUnitText {
		for i := 0; ; {
			j := strings.Index(st.text[i:], s)
			if j < 0 {
				break
			}
			i += j + len(s)
			if k := tokenAt(i); k < n {
				subject[k] = -1
			}
		}
	}
	for _, end := range r.otherBodies(st.text) {
		if k := tokenAt(end); k < n {
			subject[k] = -1
		}
	}
	last := 0
	for k := range toks {
		st.other[k] = last < 0
		if subject[k] != 0 {
			last = subject[k]
		}
	}
}

// isPart says whether a key counts a part of a total (an application's
// channel, a kind of staff): 其中 introduces such figures, it does not
// make them about something else.
func isPart(key string) bool {
	group, item, _ := strings.Cut(key, ".")
	switch group {
	case "staff", "replies":
		return true
	case "applications":
		for _, ch := range channels {
			if ch == item {
				return true
			}
		}
	}
	return false
}

// aboutSomethingElse reports whether the sentence before toks[i] makes the
// figure about something other than the body's own year.
func (st *sentence) aboutSomethingElse(i int, key string) bool {
	t := st.toks[i]
	of, ok := st.ofWhich[t.seg]
	if ok && of < i && !isPart(key) {
		return true
	}
	ch, ok := st.changes[t.clause]
	if ok && ch < i && ch >= st.clause[i][0] {
		return true
	}
	return st.other[i] || st.fromElse < i || st.fromNextYear < i && key != "applications.carried_out"
}

// inContext: counts of applications, reviews and lawsuits must be about
// disclosure — a service hall also 受理申请, a justice bureau 办理行政复议.
// The sentence must say so (政府信息公开申请, 信息公开类行政复议), or, for
// applications, the paragraph must be about 依申请公开. A bare 诉讼 counts
// only beside 行政复议 or 行政诉讼.
func (st *sentence) inContext(key string) bool {
	s := st.text
	switch {
	case key == "litigation.total" && !strings.Contains(s, "行政诉讼") && !strings.Contains(s, "行政复议"):
		return false
	case strings.HasPrefix(key, "applications."), strings.HasPrefix(key, "replies."):
		return strings.Contains(s, "信息公开") || strings.Contains(s, "依申请") || st.applying
	case key == "review.total", key == "litigation.total", key == "complaints.total", strings.HasPrefix(key, "staff."):
		return strings.Contains(s, "信息公开") || strings.Contains(s, "依申请") || strings.Contains(s, "政府信息")
	}
	return true
}

// Suffixes of the names of bodies. A figure after another body's name (区
// 市场监督管理局…发布信息77条) is that body's.
var orgSuffixes = []string{"街道办事处", "委员会", "办公室", "办公厅", "局", "厅", "公司", "中心", "街道", "镇", "办"}

// otherBodies returns the byte offsets where names of bodies other than
// the report's own end in text. The body itself appears as 我局, 本机关, its
// own name, its government's office (区政府办), or any body acting for it
// (…代表区政府).
func (r *reader) otherBodies(text string) []int {
	var ends []int
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		matched := false
		// Most characters start no suffix: they are passed over without
		// trying every suffix at them.
		if _, starts := slices.BinarySearch(orgSuffixStarts, c); i > 0 && starts {
			for _, suf := range orgSuffixes {
				if !strings.HasPrefix(text[i:], suf) {
					continue
				}
				end := i + len(suf)
				if isName(text, i, end, suf) && !r.isSelf(text, i, end, suf) {
					ends = append(ends, end)
				}
				i, matched = end, true
				break
			}
		}
		if !matched {
			i += size
		}
	}
	return ends
}

// orgSuffixStarts holds the characters the suffixes start with, sorted:
// searched for each character of the prose, they were a tenth of reading
// it as a string.
var orgSuffixStarts = func() []rune {
	var rs []rune
	for _, suf := range orgSuffixes {
		r, _ := utf8.DecodeRuneInString(suf)
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return slices.Compact(rs)
}()

// isName tells a body's name from a word that ends alike (布局, 服务大厅,
// 中心工作, 城镇, 办理).
func isName(text string, from, to int, suf string) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:from])
	next := text[to:]
	switch suf {
	case "局":
		return !strings.ContainsRune("布格大全当结开政邮", prev)
	case "厅":
		return !strings.ContainsRune("大餐客展门", prev)
	case "中心":
		return prev != '为' && !strings.HasPrefix(next, "工作") && !strings.HasPrefix(next, "任务") && !strings.HasPrefix(next, "城区")
	case "镇":
		return !strings.ContainsRune("城乡村", prev)
	case "办":
		return strings.ContainsRune("府开委", prev) // 政府办, 公开办, 管委办
	}
	return true
}

func (r *reader) isSelf(text string, from, to int, suf string) bool {
	if strings.HasPrefix(text[to:], "代表") {
		return true
	}
	head := lastRunes(text[:from], 8)
	before := lastRunes(head, 2)
	if strings.ContainsAny(before, "我本") || r.agency != "" && strings.Contains(r.agency, before+suf) {
		return true
	}
	// The office of a government at the body's level: 区政府办, 区管委会办公室.
	for _, g := range []string{"人民政府", "政府", "管委会", "管理"} {
		if h, ok := strings.CutSuffix(head, g); ok && r.level != "" && strings.HasSuffix(h, r.level) {
			return true
		}
	}
	return false
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// negatedVerbs are the denials the dictionary keeps as one word.
var negatedVerbs = map[string]string{
	"未收到": "收到", "没有收到": "收到", "未受理": "受理", "未发生": "发生", "没有发生": "发生",
	"未产生": "产生", "没有产生": "产生", "未收取": "收取", "没有收取": "收取", "无收取": "收取", "未出现": "出现",
}

// zeros reads the clauses that state a count of zero in words. Only
// clauses without a figure count: "未收到…申请" beside a number is not zero.
func (r *reader) zeros(st *sentence, hasFigure map[int]bool) []found {
	var out []found
	toks := st.toks
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.sep || t.paren || hasFigure[t.clause] {
			continue
		}
		verb, at := negatedVerb(toks, k)
		if verb == "" {
			continue
		}
		_, rest := st.around(k, at)
		var keys []string
		rev, lit := has(rest, reviewNouns), has(rest, litigationNouns)
		switch {
		case (rev || lit) && has(rest, reviewQualifiers):
		case rev || lit:
			if rev {
				keys = append(keys, "review.total")
			}
			if lit {
				keys = append(keys, "litigation.total")
			}
		case has(rest, applicationNouns) && newVerbs.has(verb):
			keys = append(keys, "applications.new")
		case has(rest, feeNouns) && feeVerbs.has(verb):
			keys = append(keys, "fees.processing")
		}
		for _, key := range keys {
			if !st.aboutSomethingElse(k, key) && st.inContext(key) {
				out = append(out, found{key, 0})
			}
		}
		k = st.clause[k][1] // the next clause
	}
	return out
}

// negatedVerb returns the verb denied at toks[k] and the index of the word
// after it, or "".
func negatedVerb(toks []token, k int) (string, int) {
	if v, ok := negatedVerbs[toks[k].text]; ok {
		return v, k + 1
	}
	if !denials.has(toks[k].text) {
		return "", 0
	}
	j := k + 1
	if j < len(toks) && (toks[j].text == "均" || toks[j].text == "曾") {
		j++
	}
	if j < len(toks) && zeroVerbs.has(toks[j].text) {
		return toks[j].text, j + 1
	}
	return "", 0
}

// zeroed is s holding n zero values, in s's memory when it has room.
func zeroed[T any](s []T, n int) []T {
	s = slices.Grow(s[:0], n)[:n]
	clear(s)
	return s
}
