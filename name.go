package gongkai

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// RecordPath is path as written in a record: as given when it is valid
// UTF-8. A file name that is not (archives unpacked from Windows machines
// keep GBK names) is decoded as GB18030, component by component, so that
// the record stays valid JSON and the name stays readable; bytes that are
// not GB18030 either are written as \xNN. The record's warnings keep the
// original bytes.
func RecordPath(path string) string {
	if utf8.ValidString(path) {
		return path
	}
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if !utf8.ValidString(p) {
			parts[i] = decodeName(p)
		}
	}
	return strings.Join(parts, "/")
}

func decodeName(s string) string {
	if d, err := simplifiedchinese.GB18030.NewDecoder().String(s); err == nil && !strings.ContainsRune(d, utf8.RuneError) {
		return d
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[0])
		} else {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}
