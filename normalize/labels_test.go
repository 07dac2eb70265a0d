package normalize

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

const wildLabels = "../../shared/corpus/labels/labels-in-the-wild.tsv"

// Every label of the labels file maps to its key, and to no other.
func TestLabelsInTheWild(t *testing.T) {
	f, err := os.Open(wildLabels)
	if err != nil {
		t.Skip("../shared/corpus is not beside the repository (a user's clone has none):", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	n := 0
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 3 {
			continue
		}
		key, label := c[0], strings.ReplaceAll(c[2], `\n`, "\n")
		n++
		for _, m := range labelMatchers(key) {
			got, _, ok := m.cat.best(label)
			if !ok || got != m.want {
				t.Errorf("%s %q: %s catalog gives %q (ok %v), want %q", key, label, m.name, got, ok, m.want)
			}
		}
		// Precision: the label names nothing in the catalogs of the other
		// part of its table, but for the template's own words that are
		// both (总计, 其他), which the reader tells apart by position.
		for _, m := range otherMatchers(key) {
			if got, score, ok := m.cat.best(label); ok && score < 1 {
				t.Errorf("%s %q: also matches %s %q", key, label, m.name, got)
			}
		}
	}
	if n < 100 {
		t.Errorf("only %d labels read", n)
	}
}

type matcher struct {
	name string
	cat  catalog
	want string
}

// labelMatchers says which catalog must give which key for a key pattern
// of the labels file: "active.*.issued" is a column label, "active.rules.*"
// a row label, a full key of table 二 either.
func labelMatchers(key string) []matcher {
	parts := strings.Split(key, ".")
	switch parts[0] {
	case "active":
		row, col := parts[1], parts[2]
		switch {
		case row == "*":
			return []matcher{{"table 二 column", activeColumns, col}}
		case col == "*":
			return []matcher{{"table 二 row", activeRows, row}}
		}
		return nil // a full key: the label is its row's or its column's (checked by otherMatchers)
	case "applications":
		if parts[1] == "*" {
			return []matcher{{"table 三 column", appColumns, parts[2]}}
		}
		return []matcher{{"table 三 row", appRowCatalog, strings.Join(parts[1:len(parts)-1], ".")}}
	case "review", "litigation":
		return []matcher{{"table 四 column", reviewColumns, parts[len(parts)-1]}}
	}
	return nil
}

func otherMatchers(key string) []matcher {
	parts := strings.Split(key, ".")
	switch {
	case parts[0] == "active" && parts[1] == "*":
		return []matcher{{"a table 二 row", activeRows, ""}}
	case parts[0] == "active" && parts[2] == "*":
		return []matcher{{"a table 二 column", activeColumns, ""}}
	case parts[0] == "applications" && parts[1] == "*":
		return []matcher{{"a table 三 row", appRowCatalog, ""}}
	case parts[0] == "applications":
		return []matcher{{"a table 三 column", appColumns, ""}}
	}
	return nil
}

// A full key of table 二 (active.fees.amount ← 本年收费金额) names its row
// or its column, and nothing else.
func TestLabelsInTheWildFullKeys(t *testing.T) {
	f, err := os.Open(wildLabels)
	if err != nil {
		t.Skip("../shared/corpus is not beside the repository:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		parts := strings.Split(c[0], ".")
		if len(c) < 3 || parts[0] != "active" || len(parts) != 3 || parts[1] == "*" || parts[2] == "*" {
			continue
		}
		row, rok := firstKey(activeRows, c[2])
		col, cok := firstKey(activeColumns, c[2])
		if !(rok && row == parts[1] && !cok || cok && col == parts[2] && !rok) {
			t.Errorf("%s %q: row %q (%v), column %q (%v)", c[0], c[2], row, rok, col, cok)
		}
	}
}

func firstKey(c catalog, s string) (string, bool) {
	k, _, ok := c.best(s)
	return k, ok
}

// A label printed as its core only — numbering and the parenthetical
// remark dropped, or reworded — still finds its key, and a label that is
// only a shared word does not guess.
func TestShortLabels(t *testing.T) {
	tests := []struct {
		cat   catalog
		label string
		want  string // "" for no match
	}{
		{appRowCatalog, "（二）部分公开", "partially_granted"},
		{appRowCatalog, "部分公开", "partially_granted"},
		{appRowCatalog, "2.部分公开（区分处理的，只计这一情况）", "partially_granted"},
		{appRowCatalog, "本年新收申请数量", "new"},
		{appRowCatalog, "上年结转申请数量", "carried_in"},
		{appRowCatalog, "结转下年度办理", "carried_out"},
		{appRowCatalog, "申请人逾期不补正", "other_handling.no_correction"},
		{appRowCatalog, "申请人逾期未缴费", "other_handling.unpaid_fee"},
		{appRowCatalog, "国家秘密", "denied.state_secret"},
		{appRowCatalog, "行政查询事项", "denied.inquiry_matters"},
		{activeColumns, "现行有效件", "in_force"},
		{activeColumns, "本年新", ""}, // 本年新制作 or 本年新公开: unsure, so no guess
		{activeColumns, "本年制发", "issued"},
		{activeColumns, "本年废止", "repealed"},
		{appRowCatalog, "公开", ""},
		{appRowCatalog, "申请", ""},
		{activeColumns, "数量", ""},
	}
	for _, tt := range tests {
		got, _, ok := tt.cat.best(tt.label)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.label, got, tt.want)
		}
	}
}

// A header fragment of a borderless table (科研 / 社会公 / 法律服务, the
// applicant columns cut by line wraps) names no row.
func TestHeaderFragmentsNameNoRow(t *testing.T) {
	for _, s := range []string{"法律服务", "法律服务机构", "社会公益组织", "科研机构", "商业企业", "申请人情况"} {
		if k, _, ok := appRowCatalog.best(s); ok {
			t.Errorf("%q matched row %q", s, k)
		}
	}
}
