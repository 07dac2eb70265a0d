// Package series is the step after the gongkai pipeline: it reads the
// records of many reports, links those of one body across years — the same
// body under slightly different names (洪泽区人民政府, 淮安市洪泽区人民政府) —
// and checks what must hold from one year's report to the next: the
// applications carried over (结转下年度 of year N is 上年结转 of year N+1),
// a report for every year, one report per year, and no figure that jumps
// beyond belief.
//
// It needs only package schema: it works on records however they were
// made, read back from JSON Lines with schema.Record's UnmarshalJSON.
package series

import (
	"slices"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// Series is the reports of one body.
type Series struct {
	Body    string          // the fullest name its reports use
	Names   []string        // every name its reports use, sorted
	Records []schema.Record // by year, then path
}

// Years returns the years the series has a report for, sorted, once each.
func (s Series) Years() []int {
	var ys []int
	for _, r := range s.Records {
		if len(ys) == 0 || ys[len(ys)-1] != r.Report.Year {
			ys = append(ys, r.Report.Year)
		}
	}
	return ys
}

// Link groups records by body. Records that cannot be placed — no agency,
// no year, or status error — are returned apart.
func Link(recs []schema.Record) (series []Series, unlinked []schema.Record) {
	byKey := map[string][]schema.Record{}
	for _, r := range recs {
		if r.Status == schema.StatusError || r.Report.Agency == "" || r.Report.Year == 0 {
			unlinked = append(unlinked, r)
			continue
		}
		k := nameKey(r.Report.Agency)
		byKey[k] = append(byKey[k], r)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	groups := mergeByID(linkKeys(keys))
	for _, g := range groups {
		var s Series
		for _, k := range g {
			s.Records = append(s.Records, byKey[k]...)
		}
		slices.SortStableFunc(s.Records, func(a, b schema.Record) int {
			if a.Report.Year != b.Report.Year {
				return a.Report.Year - b.Report.Year
			}
			return strings.Compare(a.Source.Path, b.Source.Path)
		})
		for _, r := range s.Records {
			if !slices.Contains(s.Names, r.Report.Agency) {
				s.Names = append(s.Names, r.Report.Agency)
			}
		}
		slices.Sort(s.Names)
		s.Body = fullest(s.Names)
		series = append(series, s)
	}
	slices.SortFunc(series, func(a, b Series) int { return strings.Compare(a.Body, b.Body) })
	return series, unlinked
}

// mergeByID joins groups of name keys whose places resolve to one body
// (淮安市洪泽区 and 洪泽区 do by the division table even where no
// report writes the longer name beside the shorter).
func mergeByID(groups [][]string) [][]string {
	byID := map[string]int{}
	var out [][]string
	for _, g := range groups {
		ids := make([]string, len(g))
		at := -1
		for i, k := range g {
			ids[i] = Identify(k).ID
			if j, ok := byID[ids[i]]; ok && at < 0 {
				at = j
			}
		}
		if at < 0 {
			at = len(out)
			out = append(out, nil)
		}
		out[at] = append(out[at], g...)
		for _, id := range ids {
			byID[id] = at
		}
	}
	return out
}

// fullest is the longest name, the first in order among equals.
func fullest(names []string) string {
	best := ""
	for _, n := range names {
		if len([]rune(n)) > len([]rune(best)) {
			best = n
		}
	}
	return best
}
