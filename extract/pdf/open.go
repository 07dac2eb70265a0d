package pdf

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/gongkai/gongkai/extract/pdf/internal/content"
	"github.com/gongkai/gongkai/extract/pdf/internal/object"

	"github.com/gongkai/gongkai/extract"
)

// reader is one open PDF: its objects, its pages, and our font cache.
type reader struct {
	f     *object.File
	pages []object.Page
	fonts content.Fonts
}

// maxDecrypt bounds the size of an encrypted file we decrypt in memory.
const maxDecrypt = 256 << 20

// open reads the file's objects and page tree. An encrypted file is
// decrypted by pdfcpu into memory first; that only works with the empty
// user password (files with only an owner password, as most encrypted
// reports are).
func open(ctx context.Context, ra io.ReaderAt, size int64) (*reader, error) {
	ra, size = skipJunk(ra, size)
	f, err := object.Open(ra, size)
	if err == nil && f.Encrypted() {
		var b []byte
		if b, err = decryptBytes(ra, size); err != nil {
			return nil, err
		}
		if f, err = object.Open(bytes.NewReader(b), int64(len(b))); err != nil {
			return nil, fmt.Errorf("pdf: decrypted file unreadable: %w: %v", extract.ErrCorrupt, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("pdf: %w: %v", extract.ErrCorrupt, err)
	}
	pages, err := f.Pages(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("pdf: %w: %v", extract.ErrCorrupt, err)
	}
	return &reader{f: f, pages: pages}, nil
}

var pdfcpuOnce sync.Once

// decryptBytes decrypts a file with pdfcpu into memory. pdfcpu writes
// object streams, which the object layer reads.
// (Asking pdfcpu for none loses the objects that were in object streams.)
func decryptBytes(ra io.ReaderAt, size int64) ([]byte, error) {
	if size > maxDecrypt {
		return nil, fmt.Errorf("pdf: encrypted file of %d bytes: %w", size, extract.ErrTooLarge)
	}
	// pdfcpu would otherwise create a configuration directory in the
	// user's home on first use.
	pdfcpuOnce.Do(func() { model.ConfigPath = "disable" })
	conf := model.NewDefaultConfiguration()
	var out bytes.Buffer
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%v", p)
			}
		}()
		// pdfcpu's Read and WriteContext, not its api package: the api pulls
		// in form filling, whose text-width tables take ~50 ms to build at
		// every process start.
		conf.Cmd = model.DECRYPT
		ctx, err := pdfcpu.Read(io.NewSectionReader(ra, 0, size), conf)
		if err != nil {
			return err
		}
		// Validation dereferences every object: without it pdfcpu writes
		// the objects of object streams nowhere. A file it finds invalid
		// is written all the same.
		_ = validate.XRefTable(ctx)
		w := bufio.NewWriter(&out)
		ctx.Write.Writer = w
		if err := pdfcpu.WriteContext(ctx); err != nil {
			return err
		}
		return w.Flush()
	}()
	if err != nil {
		return nil, fmt.Errorf("pdf: cannot open without a password (%v): %w", err, extract.ErrEncrypted)
	}
	return out.Bytes(), nil
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
