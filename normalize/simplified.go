package normalize

import "sync"

//go:generate go run gen_simplified.go

// Portals serve 繁體 versions of their pages (行政規範性文件, 申請人情況):
// labels and prose are matched in simplified characters, by OpenCC's
// character table (simplified_table.go). Values and names are kept as
// printed.
var simplifiedOf = sync.OnceValue(func() *simplifiedTable {
	rs := []rune(simplifiedPairs)
	t := &simplifiedTable{m: make(map[rune]rune, len(rs)/2)}
	for i := 0; i+1 < len(rs); i += 2 {
		t.m[rs[i]] = rs[i+1]
		if rs[i] < 0x10000 {
			t.bmp[rs[i]>>6] |= 1 << (rs[i] & 63)
		}
	}
	return t
})

// simplifiedTable is OpenCC's table as a map, with a bit for each
// character of the Basic Multilingual Plane that the map holds: nearly
// every character of a report is simplified already, and the bit says so
// without a map lookup (a map lookup a character was 3% of a run).
type simplifiedTable struct {
	bmp [0x10000 / 64]uint64
	m   map[rune]rune
}

// simplified maps a traditional character to its simplified form.
func simplified(r rune) rune {
	if r < 0x3400 {
		return r // below the CJK ideographs: nothing to convert
	}
	t := simplifiedOf()
	if r < 0x10000 && t.bmp[r>>6]&(1<<(r&63)) == 0 {
		return r
	}
	if s, ok := t.m[r]; ok {
		return s
	}
	return r
}
