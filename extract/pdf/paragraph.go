package pdf

import (
	"regexp"
	"sort"
)

// pageNumber matches running page numbers: "3", "-3-", "— 3 —", "第3页",
// "3/6".
var pageNumber = regexp.MustCompile(`^[-—－–\s]*(第\s*)?[0-9０-９]+(\s*页)?(\s*/\s*[0-9]+)?[-—－–\s]*$`)

// dropPageNumbers removes page numbers in the top or bottom margin: they
// are not text of the report, and they sit between the two halves of a
// table cut by a page break.
func dropPageNumbers(lines []*line, height float64) []*line {
	if height <= 0 {
		return lines
	}
	out := lines[:0]
	for _, l := range lines {
		inMargin := l.y1 < 0.12*height || l.y0 > 0.9*height
		if inMargin && pageNumber.MatchString(l.text()) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// paragraphs joins lines into paragraphs: body lines that run to the right
// margin continue on the next line; title lines (larger, centred, one
// after the other) are one paragraph.
func paragraphs(lines []*line) []item {
	if len(lines) == 0 {
		return nil
	}
	body := medianSize(lines)
	right := 0.0
	for _, l := range lines {
		if absf(l.size-body) < 0.1*body {
			right = maxf(right, l.x1)
		}
	}
	var items []item
	var prev *line
	for _, l := range lines {
		t := l.text()
		if t == "" {
			continue
		}
		if prev != nil && continues(prev, l, body, right) {
			it := &items[len(items)-1]
			it.text = joinLines([]string{it.text, t})
		} else {
			items = append(items, item{top: l.y1, text: t})
		}
		prev = l
	}
	return items
}

func continues(a, b *line, body, right float64) bool {
	if absf(a.size-b.size) > 0.1*a.size || a.y0-b.y1 > 0.9*a.size {
		return false
	}
	if a.size > 1.15*body { // title lines
		return true
	}
	return a.x1 >= right-1.5*a.size && b.x0 <= a.x0+0.5*a.size
}

func medianSize(lines []*line) float64 {
	var s []float64
	for _, l := range lines {
		for range l.chars {
			s = append(s, l.size)
		}
	}
	sort.Float64s(s)
	return s[len(s)/2]
}
