package normalize

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// The segmenter knows only the template's vocabulary (dict.txt): gse's
// general dictionary would cost most of a second and tens of MB at every
// start, and the labels we match are all template words.
//
//go:embed dict.txt
var domainDict string

// domainWords is the domain dictionary as cut asks it: whether a string
// is a word, and whether a word starts with it, which a binary search over
// its 300 words answers. It was a gse trie, whose making was 3% of a
// one-file run, and gse's packages were started in every run; gse, loaded
// with the same list, is now what cut is tested against.
var domainWords = sync.OnceValue(func() *dictionary {
	w := strings.Fields(domainDict)
	slices.Sort(w)
	d := &dictionary{words: slices.Compact(w), first: map[rune][2]int{}}
	d.logFreq = make([]float64, len(d.words))
	for i, w := range d.words {
		d.total += wordFreq(w)
		d.logFreq[i] = math.Log(wordFreq(w))
		r, _ := utf8.DecodeRuneInString(w)
		span, ok := d.first[r]
		if !ok {
			span[0] = i
		}
		span[1] = i + 1
		d.first[r] = span
		if r < 1<<16 {
			d.starts[r>>6] |= 1 << (r & 63)
		}
	}
	return d
})

// dictionary is a sorted list of distinct words, their frequencies' logs
// and the frequencies' sum; first holds, for each character a word starts
// with, where those words are in the list (they are next to each other),
// and starts has the bit of each such character of the BMP set: most
// characters of prose start no word, and say so at a bit's test.
type dictionary struct {
	words   []string
	logFreq []float64
	first   map[rune][2]int
	starts  [1 << 16 / 64]uint64
	total   float64
}

// wordFreq is a domain word's frequency as gse's dictionary loader gives
// it to a word listed at 1000: 2 to a single character, so that a route
// through longer words wins.
func wordFreq(w string) float64 {
	if utf8.RuneCountInString(w) < 2 {
		return 2
	}
	return 1000
}

// startingWith returns where in the list the words that start with s's
// first character are: words[lo:hi], empty for none.
func (d *dictionary) startingWith(s string) (lo, hi int) {
	r, _ := utf8.DecodeRuneInString(s)
	if r < 1<<16 && d.starts[r>>6]&(1<<(r&63)) == 0 {
		return 0, 0
	}
	span := d.first[r]
	return span[0], span[1]
}

// find says whether a word starts with w (gse's Dictionary.Find), and
// which word w is (-1 for none), looking among words[lo:hi], which must
// hold every word that starts with w; at is where w would be among them,
// so that every word starting with a longer w is in words[at:hi].
func (d *dictionary) find(lo, hi int, w string) (word, at int, ok bool) {
	i, found := slices.BinarySearch(d.words[lo:hi], w)
	at = lo + i
	if found {
		return at, at, true
	}
	return -1, at, at < hi && strings.HasPrefix(d.words[at], w)
}

// features are what two labels are compared on: the template words the
// segmenter finds, and every pair of adjacent characters. Words reward
// whole-term agreement; pairs survive the documents' typos (其他法律行政止公开
// for 其他法律行政法规禁止公开 still shares most of them).
func features(s string) featureSet {
	if f, ok := featureCache.get(s); ok {
		return f
	}
	f := computeFeatures(s)
	featureCache.put(s, f)
	return f
}

// The features of labels already seen, shared by all workers: labels
// repeat from report to report (the template's vocabulary).
var featureCache = cache[string, featureSet]{max: 20000}

// cache is a map safe for concurrent use, read without a lock (the
// workers read it at every label, and a lock's cache line passed between
// cores at every read), that stops growing at max entries: a run over
// archives full of OCR's misreadings must not grow it without bound.
type cache[K comparable, V any] struct {
	m   sync.Map
	n   atomic.Int64
	max int64
}

func (c *cache[K, V]) get(k K) (V, bool) {
	v, ok := c.m.Load(k)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// put stores v for k, unless the cache is full.
func (c *cache[K, V]) put(k K, v V) {
	if c.n.Add(1) <= c.max {
		c.m.Store(k, v)
	}
}

// featureSet is a label's features as distinct 64-bit hashes, sorted:
// two sets are compared by one merge, and a set is built without a map or
// a string a feature (maps of strings were most of a one-file run's
// matching time). Two features sharing a hash are as likely as nothing.
type featureSet []uint64

func computeFeatures(s string) featureSet {
	f := make(featureSet, 0, len(s)/2)
	for _, w := range cut(s) {
		if utf8.RuneCountInString(w) > 1 {
			f = append(f, featureHash('w', w))
		}
	}
	// Every pair of adjacent characters, as []rune(s) makes them (an
	// invalid byte is U+FFFD); a lone character stands for itself.
	var pair [2 * utf8.UTFMax]byte
	prev, n := rune(-1), 0
	for _, r := range s {
		if prev >= 0 {
			k := utf8.AppendRune(utf8.AppendRune(pair[:0], prev), r)
			f = append(f, featureHash(0, string(k)))
		}
		prev, n = r, n+1
	}
	if n == 1 {
		f = append(f, featureHash(0, s))
	}
	slices.Sort(f)
	return slices.Clip(slices.Compact(f))
}

// featureHash is FNV-1a of a tag byte (a word's 'w', a pair's 0) and s.
func featureHash(tag byte, s string) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(tag)) * 1099511628211
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// common counts the features two sets share.
func common(a, b featureSet) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			n++
			a, b = a[1:], b[1:]
		}
	}
	return n
}

// similarity is the Dice coefficient of two feature sets.
func similarity(a, b featureSet) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(common(a, b)) / float64(len(a)+len(b))
}

// entry is one label a catalog can match.
type entry struct {
	key  string
	text string // as the catalog writes it
	f    *entryFeatures
}

// entryFeatures are an entry's label and features, computed at its first
// match: the catalogs are package variables, and canonicalising and
// segmenting every label at start-up would cost every run — `gongkai
// version` included — their time.
type entryFeatures struct {
	labelOnce, featOnce sync.Once
	label               string // canon, numbering stripped
	core                string // the label without its parenthetical remark
	han                 string // the label's Chinese characters, in order
	feat, coreFeat      featureSet
}

// labels returns the entry's label and its core.
func (e entry) labels() (label, core string) {
	e.f.labelOnce.Do(func() {
		if p, ok := precomputedFor(e.text); ok {
			e.f.label, e.f.core, e.f.han = p.label, p.core, p.han
			return
		}
		e.f.label, e.f.core, e.f.han = labelsOf(e.text)
	})
	return e.f.label, e.f.core
}

// labelsOf is a catalog label's canon form, its core and its Chinese
// characters.
func labelsOf(text string) (label, core, hanChars string) {
	label = stripNumbering(canon(text))
	return label, coreOf(label), han(label)
}

// han returns the entry's label's Chinese characters, in order.
func (e entry) han() string {
	e.labels()
	return e.f.han
}

func (e entry) features() (feat, coreFeat featureSet) {
	e.f.featOnce.Do(func() {
		if p, ok := precomputedFor(e.text); ok {
			e.f.feat, e.f.coreFeat = p.feat, p.coreFeat
			return
		}
		label, core := e.labels()
		e.f.feat, e.f.coreFeat = features(label), features(core)
	})
	return e.f.feat, e.f.coreFeat
}

// precomputed is what labelsOf and computeFeatures make of a catalog's
// label. features_gen.go holds them for every catalog label a run reads
// (TestCatalogFeaturesGenerated writes and checks it): made at a
// process's first match, they were a third of a one-file run's preparing.
type precomputed struct {
	text, label, core, han string
	feat, coreFeat         featureSet
}

// precomputedFor finds a label's precomputed features.
func precomputedFor(text string) (precomputed, bool) {
	i, ok := slices.BinarySearchFunc(catalogFeatures, text, func(p precomputed, t string) int { return strings.Compare(p.text, t) })
	if !ok {
		return precomputed{}, false
	}
	return catalogFeatures[i], true
}

// catalog is a set of labels to match document text against.
type catalog []entry

// newCatalog makes a catalog of key, label pairs.
func newCatalog(pairs ...string) catalog {
	if len(pairs)%2 != 0 {
		panic("normalize: newCatalog: a key without a label: " + pairs[len(pairs)-1])
	}
	c := make(catalog, 0, len(pairs)/2)
	fs := make([]entryFeatures, len(pairs)/2) // one allocation at start-up, not one an entry
	for i := 0; i+1 < len(pairs); i += 2 {
		c = append(c, entry{key: pairs[i], text: pairs[i+1], f: &fs[i/2]})
	}
	return c
}

func newEntry(key, text string) entry {
	return entry{key: key, text: text, f: &entryFeatures{}}
}

// coreOf is a label without the parenthetical remark that ends it:
// 部分公开（区分处理的，只计这一情形，不计其他情形） is 部分公开 at its core.
// Documents print the core alone, or reword the remark.
func coreOf(label string) string {
	if i := strings.IndexByte(label, '('); i > 0 {
		return label[:i]
	}
	return label
}

// Thresholds for accepting a match: good enough, and clearly better than
// the runner-up with another key.
const (
	minScore  = 0.45
	minMargin = 0.12
	// minContained is the shortest core (in characters) that may match a
	// longer label it is contained in: 逾期不补正 may, 公开 may not.
	minContained = 4
	// minContainment is how much of a short form must lie in a label for
	// it to count: nearly all (法律服务 shares 法律 with 其他法律行政法规禁止
	// 公开, and no more).
	minContainment = 0.75
)

// best returns the key whose label is most like s. An exact match of the
// label or of its core wins outright; otherwise the best score must pass
// minScore and beat the best other key by minMargin. An entry's score is
// the best of the whole labels' similarity, the cores' similarity, and how
// much of the core of s lies in the entry's core (a short form such as
// 申请人逾期不补正, which whole-label similarity scores low).
func (c catalog) best(s string) (key string, score float64, ok bool) {
	if len(c) == 0 {
		return "", 0, false
	}
	q := bestQuery{&c[0], len(c), s}
	if m, hit := bests.get(q); hit {
		return m.key, m.score, m.ok
	}
	key, score, ok = c.match(s)
	bests.put(q, bestMatch{key, score, ok})
	return key, score, ok
}

// bests remembers best's answers: reports print the template's labels, so
// a run over many reports asks the same questions again and again, and
// scoring a label against a catalog was a twentieth of a report's time.
// A catalog is told by its first entry's address, which the key keeps
// alive (no other catalog can take it), and its length.
var bests = cache[bestQuery, bestMatch]{max: 1 << 14}

type bestQuery struct {
	first *entry
	n     int
	s     string
}

type bestMatch struct {
	key   string
	score float64
	ok    bool
}

// match is best without the cache.
func (c catalog) match(s string) (key string, score float64, ok bool) {
	s = stripNumbering(canon(s))
	if s == "" {
		return "", 0, false
	}
	core := coreOf(s)
	if k, ok := c.exact(s, core); ok {
		return k, 1, true
	}
	q := newQuery(s, core)
	if k, ok := c.sameHan(q.han); ok {
		return k, 1, true
	}
	var best, second float64
	for _, e := range c {
		sc := q.score(e)
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

// han is the Chinese characters of s, in order.
func han(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) {
			return r
		}
		return -1
	}, s)
}

// sameHan finds the one key with a label whose Chinese characters are h,
// four or more: the same label, its punctuation and numbering
// aside (信函传真申请数 for 信函、传真申请数). Without it, a label's
// characters with some lost (lostFrom) would tie with the label itself.
func (c catalog) sameHan(h string) (string, bool) {
	if utf8.RuneCountInString(h) < 4 {
		return "", false
	}
	k, _ := c.only(func(e entry) bool { return e.han() == h })
	return k, k != ""
}

// score is how like s the labels of key are, as best scores them.
func (c catalog) score(s, key string) float64 {
	s = stripNumbering(canon(s))
	q := newQuery(s, coreOf(s))
	var best float64
	for _, e := range c {
		if e.key == key {
			best = max(best, q.score(e))
		}
	}
	return best
}

// query is a label's features, to score entries against.
type query struct {
	s         string
	han       string // its Chinese characters, in order
	f, fc     featureSet
	contained bool // its core is long enough to match by containment
}

func newQuery(s, core string) query {
	return query{s, han(s), features(s), features(core), len([]rune(core)) >= minContained}
}

// dropScore is the score of a label that is an entry's with one character
// lost: OCR drops a stroke-heavy character (行政强制 read 行政制) and the
// bigrams left share little.
const dropScore = 0.8

// score is the best of the whole labels' similarity, the cores', how much
// of the query's core lies in the entry's, and dropScore for the entry's
// label less one character (of three or more left).
func (q query) score(e entry) float64 {
	feat, coreFeat := e.features()
	sc := max(similarity(q.f, feat), similarity(q.fc, coreFeat))
	if c := containment(q.fc, coreFeat); q.contained && c >= minContainment {
		sc = max(sc, 0.9*c)
	}
	if label, _ := e.labels(); oneDropped(q.s, label) {
		sc = max(sc, dropScore)
	} else if lostFrom(q.han, e.han()) {
		sc = max(sc, lostScore)
	}
	return sc
}

// lostScore is the score of a label whose Chinese characters are an
// entry's in order with one or two lost (信函、传真申请数 read 3信 传真申请数,
// 同意部分公开 read 同分公开): OCR loses characters far more often than it
// makes them up, so such an entry explains the label better than a
// shorter one that lacks a character the label prints.
const lostScore = 0.95

// lostFrom says the Chinese characters s, four or more, are those of
// label, in order, with one or two left out.
func lostFrom(s, label string) bool {
	// By rune, not by []rune: it runs for every entry of every label.
	n, m := utf8.RuneCountInString(s), utf8.RuneCountInString(label)
	if n < 4 || m-n < 1 || m-n > 2 {
		return false
	}
	for _, r := range label {
		if s != "" {
			if first, size := utf8.DecodeRuneInString(s); first == r {
				s = s[size:]
			}
		}
	}
	return s == ""
}

// oneDropped says s is label with one of its characters left out, and at
// least three left.
func oneDropped(s, label string) bool {
	// By rune, not by []rune, as lostFrom: it runs for every entry of
	// every label.
	n := utf8.RuneCountInString(s)
	if n < 3 || utf8.RuneCountInString(label) != n+1 {
		return false
	}
	dropped := false
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		l, lsize := utf8.DecodeRuneInString(label)
		label = label[lsize:]
		switch {
		case r == l:
			s = s[size:]
		case dropped:
			return false
		default:
			dropped = true // l is the one left out; r is compared with the next
		}
	}
	return true // the one left out is label's last, or was passed
}

// exact finds the one key whose label is s, or whose core is the core of
// s; two keys sharing a core decide nothing.
func (c catalog) exact(s, core string) (string, bool) {
	if k, matched := c.only(func(e entry) bool { label, _ := e.labels(); return label == s }); matched {
		return k, k != "" // a label two keys share: the caller's context decides
	}
	k, _ := c.only(func(e entry) bool { _, c := e.labels(); return c == core || c == s })
	return k, k != ""
}

// only is the one key whose entries match says: "" when two keys' do,
// which decides nothing. matched says any entry did.
func (c catalog) only(match func(entry) bool) (key string, matched bool) {
	for _, e := range c {
		if match(e) {
			if matched && key != e.key {
				return "", true
			}
			key, matched = e.key, true
		}
	}
	return key, matched
}

// containment is the share of a's features that b holds.
func containment(a, b featureSet) float64 {
	if len(a) == 0 {
		return 0
	}
	return float64(common(a, b)) / float64(len(a))
}

// Prepare makes now what the package otherwise makes at first use: the
// catalogs' label features, and with them the dictionary, and the narrative
// reader's map of words (classes). The first
// conversion of a run waits for them after reading its file unless Prepare
// made them meanwhile, on a core that reading leaves free. Safe to call at
// any time, from any goroutine.
func Prepare() {
	classes()
	for _, c := range preparedCatalogs() {
		for _, e := range c {
			e.features()
		}
	}
}

// preparedCatalogs are the catalogs every run matches against.
func preparedCatalogs() []catalog {
	cats := []catalog{appTop, appHeadings, appColumns, appRowCatalog, activeRows, activeColumns, reviewColumns, sectionTitles}
	for _, c := range appItems {
		cats = append(cats, c)
	}
	return cats
}
