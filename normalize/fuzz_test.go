package normalize

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gongkai/gongkai/extract/text"
)

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"12", "１,２０４", "-3", "75394432.52元", "—", "7①", "1.", "1,23", "无"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := parseValue(s)
		if !ok {
			return
		}
		if math.IsNaN(v.n) || math.IsInf(v.n, 0) && !v.repaired {
			// ParseFloat accepts only digits, '.', '-' here, so no NaN or Inf words.
			t.Fatalf("parseValue(%q) = %v", s, v.n)
		}
		if v.blank && v.n != 0 {
			t.Fatalf("blank %q read as %v", s, v.n)
		}
		if _, err := strconv.ParseFloat(strconv.FormatFloat(v.n, 'f', -1, 64), 64); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDocument feeds text documents through normalize: it must never panic,
// and every value it gives must have its provenance.
func FuzzDocument(f *testing.F) {
	files, _ := filepath.Glob("../samples/reports/*.txt")
	more, _ := filepath.Glob("../extract/text/testdata/*.txt")
	for _, p := range append(files, more...) {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		res := Document(text.Parse(s))
		for k := range res.Values {
			if _, ok := res.Provenance[k]; !ok {
				t.Fatalf("%s has no provenance", k)
			}
		}
	})
}
