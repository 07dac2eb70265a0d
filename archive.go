package gongkai

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// ArchiveSep joins an archive's path and an entry's name in a record's
// path: reports.zip!/2023/报告.pdf.
const ArchiveSep = "!/"

// ArchiveEntries lists the files of a zip archive of reports — how portals
// serve bulk downloads — in the archive's order, with their names as
// record paths use them. ok is false when the file is not such an
// archive: not a zip, or a zip that is one document (a .docx, .xlsx or
// OpenDocument file, which hold [Content_Types].xml or mimetype).
func ArchiveEntries(file string) (names []string, ok bool, err error) {
	zr, ok, err := openArchive(file)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if name := entryName(f); entryWanted(f, name) {
			names = append(names, name)
		}
	}
	return names, true, nil
}

// openArchive opens file as a zip archive of reports; ok says it is one,
// and err why it could not be read when its head says zip.
func openArchive(file string) (*zip.ReadCloser, bool, error) {
	if !isZip(file) {
		return nil, false, nil // converted as a file, whose record says what went wrong
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		// Which zip it was meant to be is lost with its directory: the
		// extension breaks the tie (a cut .docx is the Word reader's).
		if !strings.EqualFold(filepath.Ext(file), ".zip") {
			return nil, false, nil
		}
		return nil, true, fmt.Errorf("gongkai: %w: a damaged zip archive: %v", extract.ErrCorrupt, err)
	}
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml", "mimetype", "word/document.xml":
			zr.Close()
			return nil, false, nil
		}
	}
	return zr, true, nil
}

// entryWanted says whether an entry is a file to convert: not a folder,
// and not a macOS resource fork (__MACOSX/, ._name), which only describes
// another entry.
func entryWanted(f *zip.File, name string) bool {
	return !f.FileInfo().IsDir() && !strings.HasPrefix(name, "__MACOSX/") && !strings.HasPrefix(path.Base(name), "._")
}

// entryName is an entry's name as UTF-8: archives made on Chinese Windows
// write names in GBK without saying so.
func entryName(f *zip.File) string {
	if !f.NonUTF8 || utf8.ValidString(f.Name) {
		return f.Name
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
		return s
	}
	return f.Name
}

// Entry converts the file named entry (as ArchiveEntries names it) in the
// zip archive at file. The record's path is file!/entry. The entry is
// inflated into memory, at most MaxSize bytes, so a zip bomb ends in an
// error record.
func (c *Converter) Entry(ctx context.Context, file, entry string) schema.Record {
	name := file + ArchiveSep + entry
	rec := newRecord(name)
	b, size, err := c.entry(file, entry)
	if size >= 0 {
		rec.Source.Size = size
	}
	if err != nil {
		return fail(rec, err)
	}
	return c.guard(ctx, rec, io.NopCloser(nil), func(ctx context.Context) schema.Record {
		return c.Convert(ctx, name, extract.Memory(b), int64(len(b)))
	})
}

// SplitArchivePath splits a record's path file!/entry into the zip
// archive's path and the entry's name; ok is false for a path of no
// archive entry.
func SplitArchivePath(p string) (file, entry string, ok bool) {
	file, entry, ok = strings.Cut(p, ArchiveSep)
	return file, entry, ok && entry != "" && isZip(file)
}

// entry inflates one entry of the archive at file, within MaxSize; size
// is the entry's declared size, -1 when it was not found.
func (c *Converter) entry(file, entry string) (b []byte, size int64, err error) {
	zr, ok, err := openArchive(file)
	if err == nil && !ok {
		err = fmt.Errorf("gongkai: %s is not a zip archive of reports", file)
	}
	if err != nil {
		return nil, -1, err
	}
	defer zr.Close()
	var f *zip.File
	for _, zf := range zr.File {
		if entryName(zf) == entry {
			f = zf
			break
		}
	}
	if f == nil {
		return nil, -1, fmt.Errorf("gongkai: no entry %q in the archive", entry)
	}
	size = int64(f.UncompressedSize64)
	if c.MaxSize > 0 && f.UncompressedSize64 > uint64(c.MaxSize) {
		return nil, size, fmt.Errorf("gongkai: %w: the entry is %s, over the limit of %s; not read", extract.ErrTooLarge, byteSize(size), byteSize(c.MaxSize))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, size, fmt.Errorf("gongkai: %w: the archive's entry cannot be read: %v", extract.ErrCorrupt, err)
	}
	defer rc.Close()
	limit := c.MaxSize
	if limit <= 0 {
		limit = 1 << 62
	}
	// archive/zip stops an entry that inflates past its declared size;
	// the limit stops one whose declared size lies.
	b, err = io.ReadAll(io.LimitReader(rc, limit+1))
	switch {
	case err != nil:
		return nil, size, fmt.Errorf("gongkai: %w: the archive's entry cannot be inflated: %v", extract.ErrCorrupt, err)
	case int64(len(b)) > limit:
		return nil, size, fmt.Errorf("gongkai: %w: the entry inflates past the limit of %s; not read", extract.ErrTooLarge, byteSize(c.MaxSize))
	}
	return b, size, nil
}

// isZip says whether the file starts as a zip does.
func isZip(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	return string(head[:]) == "PK\x03\x04" || string(head[:]) == "PK\x05\x06"
}
