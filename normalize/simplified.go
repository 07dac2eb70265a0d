package normalize

import "sync"

//go:generate go run gen_simplified.go

// Portals serve 繁體 versions of their pages (行政規範性文件, 申請人情況):
// labels and prose are matched in simplified characters, by OpenCC's
// character table (simplified_table.go). Values and names are kept as
// printed.
var simplifiedOf = sync.OnceValue(func() map[rune]rune {
	rs := []rune(simplifiedPairs)
	m := make(map[rune]rune, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
})

// simplified maps a traditional character to its simplified form.
func simplified(r rune) rune {
	if r < 0x3400 {
		return r // below the CJK ideographs: nothing to convert
	}
	if s, ok := simplifiedOf()[r]; ok {
		return s
	}
	return r
}
