package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"

	"github.com/gongkai/gongkai/extract"
)

// A file whose cross-reference data ledongthuc/pdf cannot use well is
// handed to it rebuilt: the original bytes, then an appendix holding the
// objects of object streams as plain objects and a classic xref table and
// trailer for every object. syntax.Object offsets stay those of the file, so
// nothing is copied but the compressed objects.

var errNoObject = errors.New("object not found")

// prepared is a file ready for ledongthuc/pdf.
type prepared struct {
	ra        io.ReaderAt
	size      int64
	encrypted bool
}

// prepare reads a file's cross-reference data and rebuilds it when the
// file uses object streams or a hybrid xref, or when the data is wrong. An
// encrypted file that needs rebuilding is decrypted first (decrypt is
// called with the file and returns it decrypted).
func prepare(ra io.ReaderAt, size int64, decrypt func(io.ReaderAt, int64) ([]byte, error)) (*prepared, error) {
	s := &source{ra: ra, size: size}
	x, err := readXref(s)
	if err != nil || !x.valid(s) || !x.rootOK(s) {
		x = scan(s)
	}
	if _, ok := x.root(); !ok {
		return nil, fmt.Errorf("pdf: %w: no document catalog (/Root) in the trailer or among the objects", extract.ErrCorrupt)
	}
	_, enc := x.trailer.Get("Encrypt")
	if !x.streams && !x.hybrid && !x.scanned {
		return &prepared{ra: ra, size: size, encrypted: enc}, nil
	}
	if enc {
		// compressed objects of an encrypted file are encrypted with
		// their stream: decrypt the whole file, then look again
		b, err := decrypt(ra, size)
		if err != nil {
			return nil, err
		}
		return prepare(bytes.NewReader(b), int64(len(b)), nil)
	}
	app, err := appendix(s, x)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w: rebuilding the cross-reference table: %v", extract.ErrCorrupt, err)
	}
	return &prepared{ra: &appended{ra, size, app}, size: size + int64(len(app))}, nil
}

// rootOK checks that the trailer's /Root names a catalog the table places.
func (x *xref) rootOK(s *source) bool {
	r, ok := x.root()
	if !ok {
		return false
	}
	e, ok := x.ents[int(r.Num)]
	if !ok {
		return false
	}
	if e.kind != 1 {
		return true // checked when its object stream is read
	}
	o, err := parseIndirect(s, e.off)
	_, pages := o.v.Get("Pages")
	return err == nil && pages
}

// appendix writes the compressed objects and a new xref section.
func appendix(s *source, x *xref) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\n%gongkai: cross-reference rebuilt\n")
	nums := make([]int, 0, len(x.ents))
	for n := range x.ents {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	type loc struct {
		off int64
		gen int
	}
	locs := map[int]loc{}
	stms := map[int]*objStm{}
	for _, n := range nums {
		e := x.ents[n]
		if e.kind == 1 {
			locs[n] = loc{e.off, e.gen}
			continue
		}
		stm, ok := stms[int(e.off)]
		if !ok {
			stm, _ = loadObjStm(s, x, int(e.off)) // nil when unreadable
			stms[int(e.off)] = stm
		}
		if stm == nil {
			continue
		}
		body, ok := stm.object(e.idx)
		if !ok || e.idx >= len(stm.nums) || stm.nums[e.idx] != n {
			continue
		}
		locs[n] = loc{s.size + int64(b.Len()), 0}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, bytes.TrimSpace(body))
	}
	if len(nums) == 0 {
		return nil, errNoObject
	}
	xrefAt := s.size + int64(b.Len())
	size := nums[len(nums)-1] + 1
	fmt.Fprintf(&b, "xref\n0 %d\n", size)
	for n := 0; n < size; n++ {
		if l, ok := locs[n]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", l.off, l.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	r, _ := x.root()
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d %d R", size, int(r.Num), r.Gen)
	if v, ok := x.trailer.Get("Info"); ok && v.Kind == syntax.Ref {
		fmt.Fprintf(&b, " /Info %d %d R", int(v.Num), v.Gen)
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return b.Bytes(), nil
}

// appended is a file with bytes added at its end.
type appended struct {
	io.ReaderAt
	size  int64
	extra []byte
}

func (a *appended) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	if off < a.size {
		k, err := a.ReaderAt.ReadAt(p[:min(int64(len(p)), a.size-off)], off)
		n += k
		if err != nil && err != io.EOF {
			return n, err
		}
		if k < int(min(int64(len(p)), a.size-off)) {
			return n, io.EOF
		}
	}
	if n < len(p) {
		at := off + int64(n) - a.size
		if at >= int64(len(a.extra)) {
			return n, io.EOF
		}
		n += copy(p[n:], a.extra[at:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
