package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"
	"github.com/gongkai/gongkai/extract/pdf/internal/object"

	"github.com/gongkai/gongkai/extract"
)

// reader is one open PDF: its objects, its pages, and our font cache.
type reader struct {
	f     *object.File
	pages []object.Page
	fonts content.Fonts
	// the file itself, for pdftoppm to render pages OCR reads
	src  io.ReaderAt
	size int64
}

// open reads the file's objects and page tree. An encrypted file is
// decrypted as it is read, with the empty user password: reports are
// encrypted to forbid copying or printing, not opening.
func open(ctx context.Context, ra io.ReaderAt, size int64) (*reader, error) {
	ra, size = skipJunk(ra, size)
	f, err := object.Open(ra, size)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w: %v", extract.ErrCorrupt, err)
	}
	if err := f.Decrypt(); err != nil {
		return nil, fmt.Errorf("pdf: %w: %v", extract.ErrEncrypted, err)
	}
	pages, err := f.Pages(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("pdf: %w: %v", extract.ErrCorrupt, err)
	}
	return &reader{f: f, pages: pages, src: ra, size: size}, nil
}

// skipJunk drops bytes before "%PDF-": offsets count from the header.
func skipJunk(ra io.ReaderAt, size int64) (io.ReaderAt, int64) {
	head := make([]byte, min(size, 1024))
	n, _ := ra.ReadAt(head, 0)
	if i := bytes.Index(head[:n], []byte("%PDF-")); i > 0 {
		return io.NewSectionReader(ra, int64(i), size-int64(i)), size - int64(i)
	}
	return ra, size
}
