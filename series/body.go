package series

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/schema"
)

// The division table is divisions.tsv (gen_divisions.go writes it),
// compiled into divisions_gen.go by TestDivisionsGenerated.
//
//go:generate go run gen_divisions.go

// division is a division of divisionList: its name is
// divisionNames[from:to]. It holds no pointer, so that the garbage
// collector, which reads every pointer of the program's variables at each
// cycle, and the start of every run, which lays out where they are, pass
// the table's 3,000 entries over.
type division struct {
	from, to uint32
	gbCode   uint32 // its GB/T 2260 code
	parent   int32  // its index in divisionList; -1 for a province
}

func (d *division) name() string { return divisionNames[d.from:d.to] }

func (d *division) code() string { return strconv.FormatUint(uint64(d.gbCode), 10) }

func (d *division) up() *division {
	if d.parent < 0 {
		return nil
	}
	return &divisionList[d.parent]
}

// path is the division's full name: 江苏省淮安市洪泽区.
func (d *division) path() string {
	if p := d.up(); p != nil {
		return p.path() + d.name()
	}
	return d.name()
}

func (d *division) within(a *division) bool {
	for ; d != nil; d = d.up() {
		if d == a {
			return true
		}
	}
	return false
}

// named returns the indices of the divisions named name (朝阳区: two), in
// the table's order: a run of divisionsByName found by binary search.
func named(name string) []uint16 {
	lo, _ := slices.BinarySearchFunc(divisionsByName[:], name, func(i uint16, n string) int { return strings.Compare(divisionList[i].name(), n) })
	hi := lo
	for hi < len(divisionsByName) && divisionList[divisionsByName[hi]].name() == name {
		hi++
	}
	return divisionsByName[lo:hi]
}

// maxDivisionName bounds the names tried at each point of a body's name.
const maxDivisionName = 12

// Identify returns the body a report of the named agency is of: its id,
// resolved place and kind. The id is the same for the spellings of one
// body's name that series links (洪泽区人民政府, 淮安市洪泽区人民政府): the name
// is reduced by the same rules, and a place is resolved only when the
// division table leaves one choice, so that an id is never a guess.
func Identify(agency string) *schema.Body {
	if agency == "" {
		return nil
	}
	key := nameKey(agency)
	b := &schema.Body{ID: key, Name: agency}
	d, rest := resolvePlace(key)
	switch {
	case d != nil:
		b.Division, b.Place = d.code(), d.path()
		if isTown(rest) { // a town is a place below the county: part of the id
			b.Place, rest = b.Place+rest, ""
		}
		b.ID = b.Place
		if rest != "" {
			b.ID += "/" + rest
		}
	case startsWithPlace(key) && endsWithLevel(key):
		b.Place, rest = key, "" // a place alone: the division table does not know it or has several
	}
	b.Kind = kindOf(b.Place, rest, key)
	return b
}

// resolvePlace reads the places a key starts with (淮安市洪泽区教育局 →
// 淮安市, 洪泽区), each within the one before, and returns the last when
// only one division fits, with what follows it.
func resolvePlace(key string) (*division, string) {
	var cands []*division
	i := 0
	for i < len(key) {
		next, n := matchDivision(key[i:], cands)
		if next == nil {
			break
		}
		cands, i = next, i+n
	}
	if len(cands) != 1 {
		return nil, key
	}
	return cands[0], key[i:]
}

// matchDivision finds the longest division name s starts with that lies
// within one of the candidates (any, when there are none), and the
// divisions of that name that do.
func matchDivision(s string, within []*division) ([]*division, int) {
	ends := []int{}
	for j, n := 0, 0; j < len(s) && n < maxDivisionName; n++ {
		_, w := utf8.DecodeRuneInString(s[j:])
		j += w
		ends = append(ends, j)
	}
	for k := len(ends) - 1; k >= 1; k-- { // names have two characters or more
		var fit []*division
		for _, i := range named(s[:ends[k]]) {
			d := &divisionList[i]
			if len(within) == 0 {
				fit = append(fit, d)
				continue
			}
			for _, w := range within {
				if d != w && d.within(w) {
					fit = append(fit, d)
					break
				}
			}
		}
		if len(fit) > 0 {
			return fit, ends[k]
		}
	}
	return nil, 0
}

// isTown reports whether s names a town, township or sub-district alone.
func isTown(s string) bool {
	if !startsWithPlace(s) {
		return false
	}
	for _, t := range []string{"镇", "乡", "街道", "街道办事处"} {
		if strings.HasSuffix(s, t) {
			return true
		}
	}
	return false
}

// kindOf tells a government from its departments and offices by what
// follows the place.
func kindOf(place, rest, key string) schema.BodyKind {
	switch {
	case rest == "" && place != "":
		if isTown(place) || isTown(key) {
			return schema.BodyTown
		}
		return schema.BodyGovernment
	case strings.Contains(rest, "办公室") || strings.Contains(rest, "办公厅"):
		if strings.HasPrefix(rest, "政府") || strings.HasPrefix(rest, "管委会") || strings.HasPrefix(rest, "办公") {
			return schema.BodyOffice
		}
		return schema.BodyDepartment
	case rest != "":
		for _, t := range []string{"局", "厅", "委员会", "委", "办", "署", "院", "中心", "所", "队", "站", "馆", "处", "会", "部"} {
			if strings.HasSuffix(rest, t) {
				return schema.BodyDepartment
			}
		}
	}
	return schema.BodyOther
}
