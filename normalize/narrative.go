package normalize

import (
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// The narrative reader finds the figures a report's prose states — "全年共
// 受理政府信息公开申请17件" — so that schema can hold them against the
// tables. Each sentence is segmented with the domain dictionary, and rules
// over the segments decide what a number counts: the noun beside it, the
// verb of its clause, and the words around it that make it a figure about
// something else (a sub-unit, another year, an "of which", a comparison).
// Precision comes first: a figure the rules are unsure of is left out, and
// a key stated twice with different values is left out too.

// Narrative reads the figures the prose of doc states. rep gives the year
// the report is about and the body that publishes it, which decide what
// "上年" and "全区" refer to.
func Narrative(doc *extract.Document, rep schema.Report) schema.Narrative {
	r := newReader(rep)
	type candidate struct {
		st    schema.Statement
		clash bool
	}
	found := map[string]*candidate{}
	for _, run := range proseRuns(doc) {
		applying := false // the paragraph up to this sentence names 依申请
		for _, s := range sentences(run.text) {
			for _, f := range r.read(s, applying) {
				c, seen := found[f.key]
				switch {
				case !seen:
					found[f.key] = &candidate{st: schema.Statement{
						Value: f.value, Sentence: strings.TrimSpace(s), Paragraph: run.index, Page: run.page,
					}}
				case c.st.Value != f.value:
					c.clash = true
				}
			}
			// A sentence ends in 。！？ (or ends the paragraph): no mention
			// runs across two, and each is looked at alone.
			// No fold makes 依 (TestProseShortcuts): a sentence without it is not
			// folded to be looked at.
			applying = applying || strings.Contains(s, "依") && strings.Contains(foldNarrative(s), "依申请")
		}
	}
	n := schema.Narrative{}
	for k, c := range found {
		if !c.clash {
			n[k] = c.st
		}
	}
	return n
}

// A run is a paragraph as the author wrote it: extractors of paged formats
// may cut one at a page break, and a line that stops mid-sentence goes on
// in the next paragraph.
type run struct {
	text  string
	index int // the 1-based paragraph number where it starts
	page  int
}

func proseRuns(doc *extract.Document) []run {
	var runs []run
	open := false // the last run stops mid-sentence
	n := 0
	for _, b := range doc.Blocks {
		if b.Table != nil {
			open = false
			continue
		}
		if b.Para == nil {
			continue
		}
		n++
		text := strings.TrimSpace(b.Para.Text)
		if text == "" || isPageNumber(text) {
			continue
		}
		if open && !startsItem(text) {
			runs[len(runs)-1].text += text
		} else {
			runs = append(runs, run{text: text, index: n, page: b.Para.Page})
		}
		last := runs[len(runs)-1].text
		r, _ := utf8.DecodeLastRuneInString(last)
		// A heading has no punctuation inside; a paragraph cut at a page
		// break has some before the cut.
		open = strings.ContainsAny(last, "，。；,;") && !strings.ContainsRune("。！？!?；;：:）)”\"", r)
	}
	return runs
}

// isPageNumber spots page footers: "-1-", "- 2 -", "第3页".
func isPageNumber(s string) bool {
	// Most paragraphs are prose: a rune that can be no part of a footer
	// says so without canonicalising the paragraph.
	digits := 0
	for _, r := range s {
		switch c := canonRune(r); {
		case canonDrops(c) || c == '页' || strings.ContainsRune(pageMarks, c) || r == utf8.RuneError:
		case isDigit(c):
			if digits++; digits > 3 {
				return false
			}
		default:
			return false
		}
	}
	t := strings.Trim(strings.ReplaceAll(canon(s), "页", ""), pageMarks)
	return t != "" && len(t) <= 3 && isDigits(t)
}

// pageMarks are what a footer prints around its page number, 页 aside.
const pageMarks = "-第共/"

// startsItem reports whether a paragraph opens a new heading or item (一、
// （二） 3.), which never continues the paragraph before it.
func startsItem(s string) bool {
	n, _ := splitNumber(canon(s))
	return n > 0
}

// sentences splits a run after each 。！？ — the figures' context never
// reaches across them.
func sentences(text string) []string {
	var out []string
	start := 0
	// Byte by byte, not rune by rune: a lead byte is never inside another
	// character, so 。！？ are found where decoding finds them.
	for i := 0; i < len(text); i++ {
		n := 0
		switch text[i] {
		case '!', '?':
			n = 1
		case 0xe3, 0xef:
			if t := text[i:]; strings.HasPrefix(t, "。") || strings.HasPrefix(t, "！") || strings.HasPrefix(t, "？") {
				n = len("。")
			}
		}
		if n > 0 {
			out = append(out, text[start:i+n])
			start = i + n
			i += n - 1
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}
