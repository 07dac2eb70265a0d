// Package pdftest writes small PDF files for tests (the PDF reader's, the
// command's, the scans of internal/scan): the objects given, numbered from
// 1, with a classic xref table.
package pdftest

import (
	"bytes"
	"fmt"
)

// Classic writes objs (object 1 first) with an xref table and a trailer
// holding the given entries (e.g. "/Root 1 0 R").
func Classic(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}
