package normalize

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"

	"github.com/gongkai/gongkai/schema"

	"github.com/gongkai/gongkai/internal/mix"
)

// Labels as real documents print them, and the key each must find.
func TestApplicationRowLabels(t *testing.T) {
	tests := []struct {
		group, label, want string
	}{
		{"", "一、本年新收政府信息公开申请数量", "new"},
		{"", "二 、上年结转政府信息公开申请数量", "carried_in"},
		{"", "（一）予以公开", "granted"},
		{"", "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "partially_granted"},
		{"", "（七）总计", "total"},
		{"", "四、结转下年度继续办理", "carried_out"},
		{"denied", "2.其他法律行政止公开", "denied.prohibited_by_law"},
		{"denied", "3.危及\"三安全一稳定\"", "denied.security_stability"},
		{"denied", "8. 属于行政查询事项", "denied.inquiry_matters"},
		{"unavailable", "1.本机关不掌握相关政府信息", "unavailable.not_held"},
		{"not_processed", "5.要求行政机关确认或重新出具已获取信息", "not_processed.confirmation"},
		{"other_handling", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_handling.no_correction"},
		{"other_handling", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政 府信息公开申请", "other_handling.unpaid_fee"},
		{"other_handling", "3.其他", "other_handling.other"},
		{"other_handling", "（七）总计", "total"},
		// OCR's reading of 2.重复申请: loosely like 无正当理由大量反复申请
		// too, but numbered as item 2 of its group.
		{"not_processed", "2.得复申请", "not_processed.duplicate"},
		{"not_processed", "4无正当理由大量反复申请", "not_processed.excessive"},
		// A result row whose label OCR lost keeps its place by its
		// bracketed number, whatever the bracket was read as.
		{"", "《一)公开", "granted"},
		{"", "(二)公", "partially_granted"},
		// An exact label keeps its key whatever its number.
		{"not_processed", "4.重复申请", "not_processed.duplicate"},
	}
	for _, tt := range tests {
		a := &applications{group: tt.group, out: &Result{}}
		got, _ := a.rowKey(row{labels: cells(tt.label)})
		if got != tt.want {
			t.Errorf("group %q, label %q: got %q, want %q", tt.group, tt.label, got, tt.want)
		}
	}
}

func TestActiveLabels(t *testing.T) {
	cols := map[string]string{
		"本年制发件数": "issued", "本年废止件数": "repealed", "本年度止件数": "repealed", "现行有效件数": "in_force",
		"本年新 制作数量": "produced", "本年新公开数量": "published", "对外公开总数量": "total_published",
		"处理决定数量": "decisions", "本年处理决定数量": "decisions", "上一年项目数量": "prior_year_items",
		"本年增/减": "change", "本年收费金额（单位：万元）": "amount", "采购项目数量": "items", "采购总金额": "amount",
	}
	for label, want := range cols {
		if got, _, ok := activeColumns.best(label); !ok || got != want {
			t.Errorf("column %q: got %q (%v), want %q", label, got, ok, want)
		}
	}
	rows := map[string]string{
		"规章": "rules", "行政规范性文件": "normative_docs", "规范性文件": "normative_docs", "行政许可": "licensing",
		"其他对外管理服务事项": "other_services", "行政处罚": "punishment", "行政强制": "coercion",
		"行政事业性收费": "fees", "政府集中采购": "procurement",
		"行政制": "coercion", // OCR lost 强
	}
	for label, want := range rows {
		if got, _, ok := activeRows.best(label); !ok || got != want {
			t.Errorf("row %q: got %q (%v), want %q", label, got, ok, want)
		}
	}
	for _, junk := range []string{"信息内容", "第二十条第（五）项", "受理依申请公开信息总数", "政府信息公开收费减免金额"} {
		if got, _, ok := activeRows.best(junk); ok {
			t.Errorf("row %q matched %q; want no match", junk, got)
		}
	}
}

// TestActiveLayouts: a header's columns not recognised are taken from the
// one template layout its recognised columns agree with, and only then.
func TestActiveLayouts(t *testing.T) {
	for _, tc := range []struct{ cols, want []string }{
		{[]string{"", "", "in_force"}, []string{"issued", "repealed", "in_force"}},
		{[]string{"produced", "", ""}, []string{"produced", "published", "total_published"}},
		{[]string{"", "change"}, []string{"prior_year_items", "change"}},
		{[]string{"prior_year_items", "", "decisions"}, []string{"prior_year_items", "change", "decisions"}}, // 2019's （五）, （六）
		{[]string{"", ""}, []string{"", ""}},                                                                 // nothing recognised
		{[]string{"issued", "", "total_published"}, []string{"issued", "", "total_published"}},               // no layout agrees
		{[]string{"decisions"}, []string{"decisions"}},
	} {
		if got := layoutOf(tc.cols); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("layoutOf(%q) = %q, want %q", tc.cols, got, tc.want)
		}
	}
}

func TestOneDropped(t *testing.T) {
	for _, tc := range []struct {
		s, label string
		want     bool
	}{
		{"行政制", "行政强制", true},
		{"行政强", "行政强制", true},
		{"政强制", "行政强制", true},
		{"规", "规章", false},      // too short to say
		{"行政许可", "行政强制", false}, // a character changed, not lost
		{"行政", "行政强制", false},   // two lost
	} {
		if got := oneDropped(tc.s, tc.label); got != tc.want {
			t.Errorf("oneDropped(%q, %q) = %v", tc.s, tc.label, got)
		}
	}
}

// oneDropped walks the strings by rune; it answers as comparing their
// []rune did, broken bytes (U+FFFD there) and all.
func TestOneDroppedAsRunes(t *testing.T) {
	byRunes := func(s, label string) bool {
		a, b := []rune(s), []rune(label)
		if len(a) < 3 || len(b) != len(a)+1 {
			return false
		}
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == string(b[i+1:])
	}
	parts := []string{"行", "政", "强", "制", "许", "可", "a", "\xff", "\xfe", "\ufffd", "\xe4\xb8"}
	texts := mix.Strings(17, 20000, 6, mix.Pick(parts))
	for i, s := range texts {
		for _, label := range []string{texts[(i+1)%len(texts)], s + "制", "行" + s, s[:len(s)/2] + "强" + s[len(s)/2:]} {
			if got, want := oneDropped(s, label), byRunes(s, label); got != want {
				t.Fatalf("oneDropped(%q, %q) = %v, by runes %v", s, label, got, want)
			}
		}
	}
}

// The catalogs and fields.tsv name the same keys: every canonical key of
// tables 二 and 三 has a label for its row and its column, and every label
// names a part of some key. Table 四 is read by position (schema.ReviewKeys).
func TestCatalogsCoverFields(t *testing.T) {
	rowCol := func(key string, table schema.Table) (string, string) {
		k := strings.TrimPrefix(key, string(table)+".")
		i := strings.LastIndexByte(k, '.')
		return k[:i], k[i+1:]
	}
	keys := func(c catalog) map[string]bool {
		m := map[string]bool{}
		for _, e := range c {
			m[e.key] = true
		}
		return m
	}
	tables := []struct {
		table      schema.Table
		rows, cols map[string]bool
	}{
		{schema.TableActive, keys(activeRows), keys(activeColumns)},
		// （六）其他处理's one row is read from its group heading.
		{schema.TableApplications, keys(append(appRowCatalog, entry{key: "other_handling.total"})), keys(appColumns)},
	}
	for _, tc := range tables {
		usedRows, usedCols := map[string]bool{}, map[string]bool{}
		for _, f := range tc.table.Fields() {
			row, col := rowCol(f.Key, tc.table)
			usedRows[row], usedCols[col] = true, true
			if !tc.rows[row] {
				t.Errorf("%s: no label for row %q (%s)", f.Key, row, f.RowLabel)
			}
			if !tc.cols[col] {
				t.Errorf("%s: no label for column %q (%s)", f.Key, col, f.ColumnLabel)
			}
		}
		for r := range tc.rows {
			if !usedRows[r] {
				t.Errorf("%s: the label of row %q names no key of fields.tsv", tc.table, r)
			}
		}
		for c := range tc.cols {
			if !usedCols[c] {
				t.Errorf("%s: the label of column %q names no key of fields.tsv", tc.table, c)
			}
		}
	}
}

func TestUnitOf(t *testing.T) {
	for s, want := range map[string]string{
		"本年收费金额(单位:万元)": "万元",
		"本年收费金额(单位:元)":  "元",
		"本年收费金额(元)":     "元",
		"收费金额元":         "", // 元 after another character is no unit of its own
		"本年收费金单位:方元)":   "", // OCR's 万元: not 元
		"本年收费金额":        "",
		"采购总金额(亿元)":     "亿元",
	} {
		if got := unitOf(canon(s)); got != want {
			t.Errorf("unitOf(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestLostFrom: a pre-2019 label OCR lost characters of matches the row it
// was cut from, or none when a shorter row explains it as well; never the
// shorter row, which lacks a character the label prints.
func TestLostFrom(t *testing.T) {
	for _, tc := range []struct{ s, label string }{
		{"3信 传真申请数", "信函、传真申请数"},
		{"2同分公开答复数", "同意部分公开答复数"},
	} {
		if !lostFrom(han(tc.s), han(tc.label)) {
			t.Errorf("lostFrom(%q, %q) = false", tc.s, tc.label)
		}
	}
	for _, tc := range []struct{ s, label string }{
		{"信传真申请数", "传真申请数"},     // a character more than the label
		{"公开数", "主动公开数"},        // too short to tell
		{"传真申请数", "信函、传真申请总数"},  // three lost
		{"信函传真申请数", "信函、传真申请数"}, // none lost: the same label (sameHan)
	} {
		if lostFrom(han(tc.s), han(tc.label)) {
			t.Errorf("lostFrom(%q, %q) = true", tc.s, tc.label)
		}
	}
	cats := pre2019Catalogs()
	for label, want := range map[string]string{
		"3信 传真申请数":  "", // 信函、传真 or 传真: not 传真 alone
		"2同分公开答复数":  "replies.partially_granted",
		"信函传真申请数":   "requests.letter_fax", // its characters, 、 lost
		"1.同意公开答复数": "replies.granted",     // not 同意部分公开 with two lost
	} {
		if got, _, _ := cats.all.best(label); got != want {
			t.Errorf("best(%q) = %q, want %q", label, got, want)
		}
	}
}

// reference is gse loaded with the domain dictionary its documented way,
// every word listed at 1000: what cut must agree with.
var reference = sync.OnceValue(func() *gse.Segmenter {
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	var lines []string
	for _, w := range strings.Fields(domainDict) {
		lines = append(lines, w+" 1000")
	}
	if err := seg.LoadDictStr(strings.Join(lines, "\n")); err != nil {
		panic(err)
	}
	return seg
})

// cut splits as gse's Cut(s, false) does: on the catalogs' labels, the
// sample reports' text, and text made of dictionary words, their
// prefixes, letters, digits and odd characters in every mix.
func TestCutAsGse(t *testing.T) {
	texts := strings.Fields(domainDict)
	for _, c := range []catalog{appTop, appHeadings, appColumns, activeRows, activeColumns, reviewColumns, sectionTitles} {
		for _, e := range c {
			texts = append(texts, e.text)
		}
	}
	files, _ := filepath.Glob("../samples/reports/*")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	words := strings.Fields(domainDict)
	parts := append(words, "受", "理", "申请", "ABC", "abc", "12", "3.5", "Ｘ", "，", "。", " ", "\t", "年", "件", "x", "0", "İ", "ǅ")
	texts = append(texts, mix.Strings(7, 3000, 9, func(x uint64) string {
		p := parts[x%uint64(len(parts))]
		if x>>40%4 == 0 { // a word's prefix
			r := []rune(p)
			p = string(r[:1+int(x>>20)%len(r)])
		}
		return p
	})...)
	texts = append(texts, "", "\xff受理\xfe", "ABCdef123受理GHI")
	for _, s := range texts {
		checkCut(t, s)
	}
}

func checkCut(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, "\x00") {
		// gse's trie (cedar) ends a key at a NUL byte, so it takes 申请 and
		// a NUL for the word 申请 (FuzzCut found it); cut does not copy that.
		return
	}
	got, want := cut(s), reference().Cut(s, false)
	if !slices.Equal(got, want) {
		t.Errorf("%q: cut %q, gse %q", s, got, want)
	}
	if cap(got) != len(got) {
		t.Errorf("%q: cut made room for %d words, not the %d it found", s, cap(got), len(got))
	}
}

// A NUL byte is a character of its own, no part of a word.
func TestCutNul(t *testing.T) {
	if got, want := cut("申请\x00件"), []string{"申请", "\x00", "件"}; !slices.Equal(got, want) {
		t.Errorf("cut = %q, want %q", got, want)
	}
}

func FuzzCut(f *testing.F) {
	for _, s := range []string{"本年度共受理政府信息公开申请17件", "ABC受理12件", "行政複議", ""} {
		f.Add(s)
	}
	f.Fuzz(checkCut)
}

// best answers as match does, from its cache or not: on the catalogs'
// labels and mixes of their pieces, asked of each catalog and of a shorter
// catalog on the same entries, which must not be taken for it.
func TestBestAsMatch(t *testing.T) {
	cats := []catalog{appTop, appHeadings, appColumns, appRowCatalog, activeRows, activeColumns, reviewColumns, sectionTitles, pre2019Catalogs().all}
	var parts []string
	for _, c := range cats {
		for _, e := range c {
			r := []rune(e.text)
			parts = append(parts, e.text, string(r[:len(r)/2]), string(r[len(r)/2:]))
		}
	}
	labels := append(parts, mix.Strings(3, 2000, 3, mix.Pick(parts))...)
	for _, c := range cats {
		for _, c := range []catalog{c, c[:len(c)-1]} {
			for _, s := range labels {
				k, sc, ok := c.match(s)
				for range 2 { // the second from the cache
					if gk, gsc, gok := c.best(s); gk != k || gsc != sc || gok != ok {
						t.Fatalf("best(%q) = %q %v %v; match says %q %v %v", s, gk, gsc, gok, k, sc, ok)
					}
				}
			}
		}
	}
}

func TestCacheStopsGrowing(t *testing.T) {
	c := cache[int, int]{max: 3}
	for i := range 5 {
		c.put(i, i*i)
	}
	n := 0
	c.m.Range(func(any, any) bool { n++; return true })
	if n != 3 {
		t.Errorf("cache holds %d, want its max 3", n)
	}
	if v, ok := c.get(2); !ok || v != 4 {
		t.Errorf("get(2) = %d, %v; want 4, true", v, ok)
	}
	if _, ok := c.get(4); ok {
		t.Error("get(4) found what a full cache did not store")
	}
}
