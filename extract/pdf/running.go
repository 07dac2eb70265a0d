package pdf

import (
	"regexp"
	"strings"
	"sync"
)

// Page furniture is not text of the report: page numbers, and running
// headers and footers that repeat on every page. They would also sit
// between the two halves of a paragraph or a table cut by a page break.

// pageNumber matches running page numbers: "3", "-3-", "— 3 —", "第3页",
// "3/6", "第 1 页 共 5 页", "共5页 第1页", "Page 1 of 5".
// It is compiled at first use, not at start-up.
var pageNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^[-—－–\s]*(` +
		`第\s*[0-9０-９]+\s*页(\s*[，,/、]?\s*共\s*[0-9０-９]+\s*页)?|` +
		`共\s*[0-9０-９]+\s*页\s*[，,/、]?\s*第\s*[0-9０-９]+\s*页|` +
		`(page\s*)?[0-9０-９]+(\s*(/|of)\s*[0-9０-９]+)?` +
		`)[-—－–\s]*$`)
})

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
		if inMargin(l.y0, l.y1, height) && pageNumber().MatchString(l.text()) {
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
