package content

import (
	hexpkg "encoding/hex"
	"maps"
	"regexp"
	"strconv"
	"testing"
	"unicode/utf16"
)

// type1EncRE is the regular expression type1Encoding's scan replaced: the
// reference it must agree with.
var type1EncRE = regexp.MustCompile(`dup\s+(\d+)\s*/([^\s/\[\]{}()<>]+)\s+put`)

var type1Cases = []string{
	"/Encoding 256 array 0 1 255 {1 index exch /.notdef put} for dup 65 /A put dup 66 /B put readonly def",
	"/Encoding 256 array\ndup 32/space put\ndup\t49 /one\tput\r\ndup 300 /big put dup 7 /x put readonly def",
	"/Encoding StandardEncoding def",
	"/Encoding dup65 /A put dup 66/B put dup 67 /C put",           // no space after dup: skipped
	"/Encoding dup 65 /A put dup 66 / put dup 67 /C[ put",         // empty and cut names
	"/Encoding dupdup 68 /D put dup 69 /E putdup 70 /F put",       // a match inside a run
	"/Encoding dup 71 /G  \n put dup 99999999999999999999 /H put", // overflow
	"/Encoding dup 72 /H put eexec dup 73 /I put",                 // after eexec: encrypted
	"no encoding here",
}

func TestType1Encoding(t *testing.T) {
	for _, tc := range type1Cases {
		got := type1Encoding([]byte(tc))
		want := regexpEncoding([]byte(tc))
		if !maps.Equal(got, want) {
			t.Errorf("%q: %v; want %v", tc, got, want)
		}
	}
}

// regexpEncoding is type1Encoding as it was, with the regular expression.
func regexpEncoding(b []byte) map[byte]string {
	m := map[byte]string{}
	for _, s := range type1EncRE.FindAllSubmatch(encodingPart(b), 256) {
		if c, err := strconv.Atoi(string(s[1])); err == nil && c >= 0 && c < 256 {
			m[byte(c)] = string(s[2])
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// FuzzType1Encoding checks the scan against the regular expression on any
// input.
func FuzzType1Encoding(f *testing.F) {
	for _, s := range type1Cases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := type1Encoding(b), regexpEncoding(b); !maps.Equal(got, want) {
			t.Errorf("%q: %v; want %v", b, got, want)
		}
	})
}

// TestUTF16Text: a ToUnicode destination decodes as utf16.Decode would,
// surrogate pairs, lone surrogates and an odd byte included.
func TestUTF16Text(t *testing.T) {
	for _, hex := range []string{"", "4e2d", "0041004200", "d83dde00", "d83d0041", "de00d83d", "d83d", "00", "feff7533", "d83dde"} {
		b, _ := hexpkg.DecodeString(hex)
		s := string(b)
		want := s
		if len(want)%2 == 1 {
			want += "\x00"
		}
		u := make([]uint16, len(want)/2)
		for i := range u {
			u[i] = uint16(want[2*i])<<8 | uint16(want[2*i+1])
		}
		if got, w := string(appendUTF16Text(nil, cmapTok{kind: tokHex, s: s})), string(utf16.Decode(u)); got != w {
			t.Errorf("%s: %q; want %q", hex, got, w)
		}
	}
}
