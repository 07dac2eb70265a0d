package normalize

import "slices"

//go:generate go run gen_simplified.go

// Portals serve 繁體 versions of their pages (行政規範性文件, 申請人情況):
// labels and prose are matched in simplified characters, by OpenCC's
// character table (simplified_table.go). Values and names are kept as
// printed. The table is static data, generated: nothing is made of it at
// start or at first use (building it as a map was a tenth of a one-file
// run's preparing), and a bit for each character of the Basic
// Multilingual Plane says whether the table holds it, without a search:
// nearly every character of a report is simplified already.

// simplified maps a traditional character to its simplified form.
func simplified(r rune) rune {
	if r < 0x3400 {
		return r // below the CJK ideographs: nothing to convert
	}
	if r < 0x10000 && simplifiedBMP[r>>6]&(1<<(r&63)) == 0 {
		return r
	}
	if i, ok := slices.BinarySearch(simplifiedFrom[:], r); ok {
		return simplifiedTo[i]
	}
	return r
}
