package series

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// nameKey reduces a body's name to what tells it from other bodies: no
// spaces or punctuation, full-width letters folded, 人民政府 and 政府 alike,
// 管理委员会 and 管委会 alike, and a government reduced to its place
// (洪泽区人民政府 → 洪泽区), since a report titled with the place alone is the
// government's. An office stays an office: many governments and their
// offices (…人民政府办公室) each publish a report of their own.
func nameKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= '！' && r <= '～':
			r = r - '！' + '!'
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		b.WriteRune(r)
	}
	k := b.String()
	k = strings.ReplaceAll(k, "人民政府", "政府")
	k = strings.ReplaceAll(k, "党工委管委会", "管委会")
	k = strings.ReplaceAll(k, "管理委员会", "管委会")
	for _, g := range []string{"政府", "管委会"} {
		if place, ok := strings.CutSuffix(k, g); ok && startsWithPlace(place) && endsWithLevel(place) {
			return place
		}
	}
	return k
}

// placePrefix is one or more places, each ending in its level:
// 江苏省淮安市, 淮安市.
var placePrefix = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\p{Han}{1,10}?(省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗))+$`)
})

// startsWithPlace says a name still says where it is (洪泽区…, 邢集镇), not
// a bare department (教育局), which could be anywhere's: one to ten Han
// characters, then a place's level. Every conversion asks; it was a
// regular expression (kept in series_test.go, which holds this to it),
// whose compiling cost a run more than its asking.
func startsWithPlace(s string) bool {
	for range 10 {
		r, n := utf8.DecodeRuneInString(s)
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		s = s[n:]
		for _, l := range placeLevels {
			if strings.HasPrefix(s, l) {
				return true
			}
		}
	}
	return false
}

// placeLevels are the words that end a place's name.
var placeLevels = []string{"省", "市", "区", "县", "镇", "乡", "州", "旗", "盟", "街道"}

func endsWithLevel(s string) bool {
	for _, l := range placeLevels {
		if strings.HasSuffix(s, l) {
			return true
		}
	}
	return false
}

// sameBody reports whether long is short with the places above it written
// out: 淮安市洪泽区 and 洪泽区, 淮安市洪泽区教育局 and 洪泽区教育局 — but not
// 洪泽区教育局 and 洪泽区, nor 淮安市教育局 and 教育局.
func sameBody(long, short string) bool {
	p, ok := strings.CutSuffix(long, short)
	return ok && p != "" && placePrefix().MatchString(p) && startsWithPlace(short)
}

// linkKeys groups name keys of one body. A short key joins the longer keys
// it is a suffix of only when those agree among themselves: 岔河镇 beside
// 洪泽区岔河镇 and 盱眙县岔河镇 could be either, and joins neither.
func linkKeys(keys []string) [][]string {
	slices.Sort(keys)
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		if p, ok := parent[k]; ok && p != k {
			r := find(p)
			parent[k] = r
			return r
		}
		return k
	}
	union := func(a, b string) { parent[find(a)] = find(b) }
	for _, short := range keys {
		var longer []string
		for _, long := range keys {
			if sameBody(long, short) {
				longer = append(longer, long)
			}
		}
		agree := true
		for _, a := range longer {
			for _, b := range longer {
				if a != b && !sameBody(a, b) && !sameBody(b, a) {
					agree = false
				}
			}
		}
		if agree {
			for _, long := range longer {
				union(short, long)
			}
		}
	}
	groups := map[string][]string{}
	var roots []string
	for _, k := range keys {
		r := find(k)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], k)
	}
	var out [][]string
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out
}
