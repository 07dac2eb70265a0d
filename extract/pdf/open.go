package pdf

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	lpdf "github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/gongkai/gongkai/extract"
)

// reader is one open PDF: the object model from ledongthuc/pdf plus our
// font cache.
type reader struct {
	r     *lpdf.Reader
	fonts fontCache
}

// fontCache holds decoded fonts by font object. A font dictionary prints
// with its references unresolved ("12 0 R"), so its text names the object:
// two pages using the resource name /F1 for different fonts get different
// entries, and a font used on every page is parsed once.
type fontCache struct {
	m map[string]*font
}

func (c *fontCache) get(v lpdf.Value) *font {
	if v.Kind() != lpdf.Dict {
		return nil
	}
	key := v.String()
	if f, ok := c.m[key]; ok {
		return f
	}
	if c.m == nil {
		c.m = map[string]*font{}
	}
	f := loadFont(v)
	c.m[key] = f
	return f
}

// maxDecrypt bounds the size of an encrypted file we decrypt in memory.
const maxDecrypt = 256 << 20

// open reads the cross-reference data (rebuilt where needed, see xref.go).
// Files that ledongthuc/pdf cannot decrypt itself (AES-256, 40-bit RC4) are
// decrypted by pdfcpu into memory first; that only works with the empty
// user password.
func open(ra io.ReaderAt, size int64) (rd *reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			rd, err = nil, fmt.Errorf("pdf: %w: %v", extract.ErrCorrupt, p)
		}
	}()
	ra, size = fixHeader(ra, size)
	p, err := prepare(ra, size, decryptBytes)
	if err != nil {
		return nil, err
	}
	ra, size = p.ra, p.size
	r, err := lpdf.NewReader(ra, size)
	encrypted := err != nil && isEncryptErr(err)
	if err == nil && !r.Trailer().Key("Encrypt").IsNull() {
		// ledongthuc accepts some files whose streams it then decrypts
		// wrongly (40-bit RC4); check that a page's content decodes.
		encrypted = !contentReadable(r)
	}
	if encrypted {
		var b []byte
		if b, err = decryptBytes(ra, size); err != nil {
			return nil, err
		}
		if p, err = prepare(bytes.NewReader(b), int64(len(b)), nil); err != nil {
			return nil, err
		}
		if r, err = lpdf.NewReader(p.ra, p.size); err != nil {
			return nil, fmt.Errorf("pdf: decrypted file unreadable: %w: %v", extract.ErrCorrupt, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("pdf: %w: %v", extract.ErrCorrupt, err)
	}
	return &reader{r: r}, nil
}

func isEncryptErr(err error) bool {
	return errors.Is(err, lpdf.ErrInvalidPassword) || bytes.Contains([]byte(err.Error()), []byte("encrypt"))
}

func contentReadable(r *lpdf.Reader) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	c := r.Page(1).V.Key("Contents")
	if c.Kind() == lpdf.Array {
		c = c.Index(0)
	}
	rc := c.Reader()
	defer rc.Close()
	_, err := io.Copy(io.Discard, io.LimitReader(rc, 1<<16))
	return err == nil
}

var pdfcpuOnce sync.Once

// decryptBytes decrypts a file with pdfcpu into memory. pdfcpu writes
// object streams; prepare then rebuilds the file for ledongthuc/pdf.
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

// fixHeader makes files that ledongthuc/pdf refuses by their first line
// readable: junk before "%PDF-" (offsets count from the header) and
// versions it does not know (1.8, 2.0).
func fixHeader(ra io.ReaderAt, size int64) (io.ReaderAt, int64) {
	head := make([]byte, min(size, 1024))
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	i := bytes.Index(head, []byte("%PDF-"))
	if i < 0 {
		return ra, size
	}
	if i > 0 {
		ra, size = io.NewSectionReader(ra, int64(i), size-int64(i)), size-int64(i)
		head = head[i:]
	}
	if len(head) >= 9 && bytes.HasPrefix(head, []byte("%PDF-1.")) && head[7] >= '0' && head[7] <= '7' &&
		(head[8] == '\r' || head[8] == '\n') {
		return ra, size
	}
	return &overlay{ra, []byte("%PDF-1.7\n")}, size
}

// overlay replaces the first bytes of a file.
type overlay struct {
	io.ReaderAt
	head []byte
}

func (o *overlay) ReadAt(p []byte, off int64) (int, error) {
	n, err := o.ReaderAt.ReadAt(p, off)
	for i := 0; i < n; i++ {
		if k := off + int64(i); k < int64(len(o.head)) {
			p[i] = o.head[k]
		}
	}
	return n, err
}
