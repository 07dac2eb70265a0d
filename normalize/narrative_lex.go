package normalize

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token is one segment of a sentence as the narrative rules see it: a
// dictionary word (or an unknown character), a number, or a separator.
type token struct {
	text   string
	num    bool // a number, worth value
	value  float64
	clause int  // clauses are split at ，；：（ ）
	seg    int  // segments are split at ；: the reach of 其中
	paren  bool // inside parentheses
	sep    bool // a clause separator
}

// Clause and segment separators, after folding.
const (
	clauseSeps = ",;:()"
	segSeps    = ";"
)

// Placeholders for what the rules must not read into: titles of documents
// and quoted names («政府信息公开工作年度报告», “春节…专项活动”).
const (
	titleMark = "《》"
	quoteMark = "“”"
)

// lex splits one sentence into tokens with the domain dictionary, then
// joins what the segmenter leaves in pieces: numbers with separators and
// decimals, Chinese numerals before a unit, and years, which become
// 本年度/上年度/下年度 relative to the report's year (他年 for the rest),
// so that the rules compare words, not digits.
func lex(sentence string, year int) []token { return lexInto(nil, sentence, year) }

// lexInto is lex, in buf's memory when it has room.
func lexInto(buf []token, sentence string, year int) []token {
	s := foldNarrative(hideQuoted(sentence))
	pieces := cut(s)
	words := pieces[:0] // filtered in place: the slice is ours
	for _, w := range pieces {
		if !blank(w) {
			words = append(words, w)
		}
	}
	words = joinNumbers(words)
	toks := slices.Grow(buf[:0], len(words))
	clause, seg, depth := 0, 0, 0
	for i := 0; i < len(words); i++ {
		w := words[i]
		// 、 is no separator: it joins list items inside one clause.
		if len(w) == 1 && strings.Contains(clauseSeps, w) {
			switch w {
			case "(":
				depth++
			case ")":
				depth = max(depth-1, 0)
			}
			if strings.Contains(segSeps, w) {
				seg++
			}
			clause++
			toks = append(toks, token{text: w, sep: true, clause: clause, seg: seg, paren: depth > 0})
			continue
		}
		t := token{text: w, clause: clause, seg: seg, paren: depth > 0}
		if n, ok := parseNumber(w); ok {
			t.num, t.value = true, n
		}
		// A year: 2024年, 2024年度.
		if t.num && i+1 < len(words) && words[i+1] == "年" && isYear(w) {
			t = token{text: relativeYear(int(t.value), year), clause: clause, seg: seg, paren: depth > 0}
			i++
			if i+1 < len(words) && words[i+1] == "度" {
				i++
			}
		}
		toks = append(toks, t)
	}
	return mergeCarriedIn(toks)
}

// relativeYear names a year by its distance from the report's year.
func relativeYear(y, report int) string {
	switch {
	case report == 0:
		return "他年"
	case y == report:
		return "本年度"
	case y == report-1:
		return "上年度"
	case y == report+1:
		return "下年度"
	}
	return "他年"
}

func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}

// mergeCarriedIn makes 上年(度)结转 one token: it names the applications
// carried over from last year, and must not read as "last year".
func mergeCarriedIn(toks []token) []token {
	out := toks[:0] // in place: it only ever shortens the slice
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if isLastYear(t.text) {
			j := i + 1
			if j < len(toks) && toks[j].text == "度" {
				j++
			}
			if j < len(toks) && toks[j].text == "结转" {
				t.text = "上年结转"
				out = append(out, t)
				i = j
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

func isLastYear(w string) bool {
	switch w {
	case "上年", "上年度", "上一年", "上一年度", "去年":
		return true
	}
	return false
}

// joinNumbers joins the pieces the segmenter cuts numbers into
// ("5" "," "500" "." "5") and reads Chinese numerals before a unit.
func joinNumbers(words []string) []string {
	out := make([]string, 0, len(words)) // never more than words
	for i := 0; i < len(words); i++ {
		w := words[i]
		if isDigits(w) {
			// 1,234 and 12.5; a decimal part ends the number.
			for i+2 < len(words) && isDigits(words[i+2]) && !strings.Contains(w, ".") &&
				(words[i+1] == "." || words[i+1] == "," && len(words[i+2]) == 3) {
				w += words[i+1] + words[i+2]
				i += 2
			}
			out = append(out, w)
			continue
		}
		if isChineseNumeral(w) {
			j := i
			for j+1 < len(words) && isChineseNumeral(words[j+1]) {
				j++
			}
			numeral := strings.Join(words[i:j+1], "")
			if j+1 < len(words) && figureUnits.has(words[j+1]) && (i == 0 || words[i-1] != "第") && utf8.RuneCountInString(numeral) <= 4 {
				out = append(out, strconv.Itoa(numberOf(numeral)))
			} else {
				out = append(out, words[i:j+1]...)
			}
			i = j
			continue
		}
		out = append(out, w)
	}
	return out
}

// parseNumber reads a joined number: digits, thousands separators, one
// decimal point.
func parseNumber(w string) (float64, bool) {
	if w == "" || !isDigit(rune(w[0])) {
		return 0, false
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
	return n, err == nil
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !isDigit(r) {
			return false
		}
	}
	return true
}

const chineseNumerals = "零〇一二两三四五六七八九十百"

// isChineseNumeral says w is all chineseNumerals.
func isChineseNumeral(w string) bool {
	for _, r := range w {
		if !isNumeralRune(r) {
			return false
		}
	}
	return w != ""
}

// isNumeralRune says r is one of chineseNumerals, by a switch: looking it
// up in the string (strings.Trim, strings.ContainsRune) took a tenth of
// reading the prose.
func isNumeralRune(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百':
		return true
	}
	return false
}

// blank says w is white space only (strings.TrimSpace(w) == "") without
// trimming: a word of Chinese is not, at its first character.
func blank(w string) bool {
	for _, r := range w {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// foldNarrative folds full-width ASCII and spaces, keeping 、 and 。 (which
// fold, for labels, makes '.'): in prose they separate list items and
// sentences, not digits.
func foldNarrative(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '、' || r == '。':
			return r
		case unicode.IsSpace(r):
			return ' '
		}
		return simplified(fold(r))
	}, s)
}

// hideQuoted replaces text in 《》 and “” by a placeholder: a document's
// title or a quoted name may hold any words ("2019年…", "…局…") that say
// nothing about the sentence's figures.
func hideQuoted(s string) string {
	if !strings.Contains(s, "《") && !strings.Contains(s, "“") && !strings.Contains(s, "「") {
		return s // most sentences quote nothing
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		var closing rune
		var mark string
		switch rs[i] {
		case '《':
			closing, mark = '》', titleMark
		case '“':
			closing, mark = '”', quoteMark
		case '「':
			closing, mark = '」', quoteMark
		}
		if closing != 0 {
			if j := indexRune(rs[i+1:], closing); j >= 0 {
				b.WriteString(mark)
				i += j + 1
				continue
			}
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}
