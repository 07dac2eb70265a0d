package normalize

import (
	_ "embed"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-ego/gse"
)

// The segmenter knows only the template's vocabulary (dict.txt): loading
// gse's general dictionary would cost most of a second and tens of MB at
// every start, and the labels we match are all template words.
//
//go:embed dict.txt
var domainDict string

var segmenter = sync.OnceValue(func() *gse.Segmenter {
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	var lines []string
	for _, w := range strings.Fields(domainDict) {
		lines = append(lines, w+" 1000")
	}
	if err := seg.LoadDictStr(strings.Join(lines, "\n")); err != nil {
		panic("normalize: domain dictionary: " + err.Error()) // embedded; cannot fail at run time
	}
	return seg
})

// features are what two labels are compared on: the template words the
// segmenter finds, and every pair of adjacent characters. Words reward
// whole-term agreement; pairs survive the documents' typos (其他法律行政止公开
// for 其他法律行政法规禁止公开 still shares most of them).
func features(s string) map[string]bool {
	if f, ok := featureCache.Load(s); ok {
		return f.(map[string]bool)
	}
	f := computeFeatures(s)
	// Labels repeat from report to report (the template's vocabulary);
	// the cache stops growing at a bound, for archives of odd labels.
	if featureCached.Add(1) <= maxCachedFeatures {
		featureCache.Store(s, f)
	}
	return f
}

// The features of labels already seen, shared by all workers; read only
// once stored.
var (
	featureCache  sync.Map
	featureCached atomic.Int64
)

const maxCachedFeatures = 20000

func computeFeatures(s string) map[string]bool {
	f := map[string]bool{}
	for _, w := range segmenter().Cut(s, false) {
		if len([]rune(w)) > 1 {
			f["w:"+w] = true
		}
	}
	rs := []rune(s)
	for i := 0; i+1 < len(rs); i++ {
		f[string(rs[i:i+2])] = true
	}
	if len(rs) == 1 {
		f[s] = true
	}
	return f
}

// similarity is the Dice coefficient of two feature sets.
func similarity(a, b map[string]bool) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// entry is one label a catalog can match.
type entry struct {
	key   string
	label string // canon, numbering stripped
	feat  map[string]bool
}

// catalog is a set of labels to match document text against.
type catalog []entry

// newCatalog makes a catalog of key, label pairs.
func newCatalog(pairs ...string) catalog {
	if len(pairs)%2 != 0 {
		panic("normalize: newCatalog: a key without a label: " + pairs[len(pairs)-1])
	}
	var c catalog
	for i := 0; i+1 < len(pairs); i += 2 {
		label := stripNumbering(canon(pairs[i+1]))
		c = append(c, entry{key: pairs[i], label: label, feat: features(label)})
	}
	return c
}

// Thresholds for accepting a match: good enough, and clearly better than
// the runner-up with another key.
const (
	minScore  = 0.45
	minMargin = 0.12
)

// best returns the key whose label is most like s. An exact match wins
// outright; otherwise the best similarity must pass minScore and beat the
// best other key by minMargin.
func (c catalog) best(s string) (key string, score float64, ok bool) {
	s = stripNumbering(canon(s))
	if s == "" {
		return "", 0, false
	}
	for _, e := range c {
		if e.label == s {
			return e.key, 1, true
		}
	}
	f := features(s)
	var best, second float64
	for _, e := range c {
		sc := similarity(f, e.feat)
		switch {
		case sc > best && e.key != key:
			second, best, key = best, sc, e.key
		case sc > best:
			best = sc
		case sc > second && e.key != key:
			second = sc
		}
	}
	if best < minScore || best-second < minMargin {
		return "", best, false
	}
	return key, best, true
}
