package pdf

import (
	"sort"
	"strings"
)

// The label columns of a borderless table. Nested labels (an outer
// vertical label such as "三、本年度办理结果", a group label such as
// "（四）无法提供", the items) stand in columns that no rule marks. Two
// things find them: the left edges the labels of several rows share, and
// the valleys in how many label runs cover each x position.

// minSplitGap is the least gap between two characters, in em, at which a
// run may be split at a shared left edge. Producers leave gaps of a
// quarter em inside labels (after "(" and ")" or "1."), so the gap alone
// proves nothing; the edge does.
const minSplitGap = 0.15

// splitAligned splits label runs (left of x = left) where another label
// starts at a left edge that at least two other rows' labels share, and the
// run has a gap there: two labels of neighbouring columns printed too
// close to be told apart by their distance.
func splitAligned(tl []tline, left float64) []tline {
	var starts []float64
	for _, t := range tl {
		for _, r := range t.runs {
			if r.x1 < left {
				starts = append(starts, r.x0)
			}
		}
	}
	sort.Float64s(starts)
	shared := func(x float64) bool {
		i := sort.SearchFloat64s(starts, x-0.75)
		n := 0
		for ; i < len(starts) && starts[i] <= x+0.75; i++ {
			n++
		}
		return n >= 2
	}
	out := make([]tline, len(tl))
	for i, t := range tl {
		out[i] = t
		var runs []run
		changed := false
		for _, r := range t.runs {
			if r.x1 >= left {
				runs = append(runs, r)
				continue
			}
			from := 0
			for k := 1; k < len(r.cs); k++ {
				p, c := r.cs[k-1], r.cs[k]
				if c.X0-p.X1 >= minSplitGap*c.Size && shared(c.X0) && !bareNumber(joinChars(r.cs[from:k])) {
					runs = append(runs, newRun(r.cs[from:k]))
					from, changed = k, true
				}
			}
			if from == 0 {
				runs = append(runs, r)
			} else {
				runs = append(runs, newRun(r.cs[from:]))
			}
		}
		if changed {
			out[i].runs = runs
		}
	}
	return out
}

// bareNumber reports text that is only an item number ("1." "（三）"): the
// gap after it is the label's own.
func bareNumber(s string) bool {
	rest, ok := afterItem(s)
	return ok && strings.TrimSpace(rest) == ""
}

// labelCuts finds the borders between label columns: the valleys in the
// number of label runs covering each x. A valley is a border when it is
// wide enough to be a gap and the coverage on both sides, up to the next
// valley as deep, rises well above it (labels spanning several columns
// keep it above zero).
func labelCuts(label []run) []float64 {
	if len(label) < 4 {
		return nil
	}
	type step struct {
		x   float64
		add int
	}
	var ev []step
	for _, r := range label {
		ev = append(ev, step{r.x0, 1}, step{r.x1, -1})
	}
	sort.Slice(ev, func(i, j int) bool { return ev[i].x < ev[j].x || ev[i].x == ev[j].x && ev[i].add < ev[j].add })
	// piecewise constant coverage: seg i runs from xs[i] to xs[i+1]
	type seg struct {
		x0, x1 float64
		cover  int
	}
	var segs []seg
	cover := 0
	for i, e := range ev {
		cover += e.add
		if i+1 < len(ev) && ev[i+1].x > e.x {
			if n := len(segs); n > 0 && segs[n-1].cover == cover {
				segs[n-1].x1 = ev[i+1].x
			} else {
				segs = append(segs, seg{e.x, ev[i+1].x, cover})
			}
		}
	}
	size := label[0].cs[0].Size
	var cuts []float64
	for i := 1; i+1 < len(segs); i++ {
		s := segs[i]
		if s.cover >= segs[i-1].cover || s.cover >= segs[i+1].cover || s.x1-s.x0 < minSplitGap*size {
			continue
		}
		// the highest coverage on each side before a valley as deep as
		// this one: a dip where one spanning label starts is no border
		pl, pr := 0, 0
		for k := i - 1; k >= 0 && segs[k].cover > s.cover; k-- {
			pl = max(pl, segs[k].cover)
		}
		for k := i + 1; k < len(segs) && segs[k].cover > s.cover; k++ {
			pr = max(pr, segs[k].cover)
		}
		if p := min(pl, pr); p >= s.cover+2 && 2*p >= 3*s.cover {
			cuts = append(cuts, (s.x0+s.x1)/2)
		}
	}
	return cuts
}
