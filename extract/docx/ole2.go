package docx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
)

// An OLE2 compound file (a "file system in a file") holds Word 97-2003 .doc,
// Kingsoft .wps, and also a password-protected .docx, whose encrypted zip
// sits in an EncryptedPackage stream. Telling these apart needs only the
// names in the directory, which is all this reader gives: it follows the
// sector chains of the directory and of the FAT that lists them, and reads
// the first bytes of one stream (the .doc header, for its encryption flag).

var ole2Magic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")

const (
	secEnd  = 0xFFFFFFFE // end of a sector chain
	secFree = 0xFFFFFFFF
	// maxSectors caps the sectors a chain may visit, so that a looping or
	// absurd chain costs little; it allows a 512 MiB file with 4 KiB sectors.
	maxSectors = 1 << 17
)

var errOLE2 = errors.New("damaged OLE2 compound file")

// ole2 is the directory of a compound file.
type ole2 struct {
	r          io.ReaderAt
	size       int64
	sectorSize int64
	fat        []uint32
	entries    []ole2Entry
}

type ole2Entry struct {
	name  string
	kind  byte // 1 storage, 2 stream, 5 root
	start uint32
	size  uint64
}

// readOLE2 reads the directory of a compound file.
func readOLE2(r io.ReaderAt, size int64) (*ole2, error) {
	var h [512]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, fmt.Errorf("header: %w", errOLE2)
	}
	if !bytes.Equal(h[:8], ole2Magic) {
		return nil, fmt.Errorf("no OLE2 signature: %w", errOLE2)
	}
	le := binary.LittleEndian
	shift := le.Uint16(h[0x1E:])
	if shift != 9 && shift != 12 {
		return nil, fmt.Errorf("sector size 2^%d: %w", shift, errOLE2)
	}
	f := &ole2{r: r, size: size, sectorSize: 1 << shift}

	// The FAT's own sectors are listed in the header (109 of them) and then
	// in a chain of DIFAT sectors, each ending with the next one's number.
	nFAT := le.Uint32(h[0x2C:])
	if int64(nFAT) > size/f.sectorSize+1 {
		return nil, fmt.Errorf("%d FAT sectors in a %d byte file: %w", nFAT, size, errOLE2)
	}
	var fatSecs []uint32
	for i := 0; i < 109 && uint32(len(fatSecs)) < nFAT; i++ {
		fatSecs = append(fatSecs, le.Uint32(h[0x4C+4*i:]))
	}
	perSec := int(f.sectorSize / 4)
	dif := le.Uint32(h[0x44:])
	for steps := 0; uint32(len(fatSecs)) < nFAT && dif < secEnd; steps++ {
		b, err := f.sector(dif)
		if err != nil || steps > f.maxChain() {
			return nil, fmt.Errorf("DIFAT: %w", errOLE2)
		}
		for i := 0; i < perSec-1 && uint32(len(fatSecs)) < nFAT; i++ {
			fatSecs = append(fatSecs, le.Uint32(b[4*i:]))
		}
		dif = le.Uint32(b[4*(perSec-1):])
	}
	for _, s := range fatSecs {
		b, err := f.sector(s)
		if err != nil {
			return nil, fmt.Errorf("FAT: %w", errOLE2)
		}
		for i := 0; i < perSec; i++ {
			f.fat = append(f.fat, le.Uint32(b[4*i:]))
		}
	}

	err := f.chain(le.Uint32(h[0x30:]), func(b []byte) {
		for off := 0; off+128 <= len(b); off += 128 {
			f.entries = append(f.entries, parseEntry(b[off:off+128]))
		}
	})
	if err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	if len(f.entries) == 0 || f.entries[0].kind != 5 {
		return nil, fmt.Errorf("no root entry: %w", errOLE2)
	}
	return f, nil
}

func parseEntry(b []byte) ole2Entry {
	le := binary.LittleEndian
	n := int(le.Uint16(b[64:]))
	if n > 64 {
		n = 64
	}
	u := make([]uint16, 0, 32)
	for i := 0; i+1 < n; i += 2 {
		if c := le.Uint16(b[i:]); c != 0 {
			u = append(u, c)
		}
	}
	return ole2Entry{
		name:  string(utf16.Decode(u)),
		kind:  b[66],
		start: le.Uint32(b[116:]),
		size:  le.Uint64(b[120:]),
	}
}

// sector reads one sector; sector n starts after the 512-byte header block.
func (f *ole2) sector(n uint32) ([]byte, error) {
	off := (int64(n) + 1) * f.sectorSize
	if n >= 0xFFFFFFFA || off+f.sectorSize > f.size {
		return nil, fmt.Errorf("sector %d outside the file: %w", n, errOLE2)
	}
	b := make([]byte, f.sectorSize)
	if _, err := f.r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("sector %d: %w", n, errOLE2)
	}
	return b, nil
}

// chain calls fn with each sector of the chain starting at n.
func (f *ole2) chain(n uint32, fn func([]byte)) error {
	for steps := 0; n != secEnd; steps++ {
		if steps > f.maxChain() || int(n) >= len(f.fat) {
			return fmt.Errorf("broken sector chain: %w", errOLE2)
		}
		b, err := f.sector(n)
		if err != nil {
			return err
		}
		fn(b)
		n = f.fat[n]
	}
	return nil
}

// maxChain is the longest a sector chain can be: no longer than the file.
func (f *ole2) maxChain() int { return int(min(f.size/f.sectorSize, maxSectors)) }

// has reports whether a stream or storage of that name exists.
func (f *ole2) has(name string) bool {
	_, ok := f.find(name)
	return ok
}

func (f *ole2) find(name string) (ole2Entry, bool) {
	for _, e := range f.entries {
		if (e.kind == 1 || e.kind == 2) && e.name == name {
			return e, true
		}
	}
	return ole2Entry{}, false
}

// head returns the first sector of a stream stored in regular sectors, or
// nil for a small stream kept in the mini stream (4096 bytes or less).
func (f *ole2) head(name string) []byte {
	e, ok := f.find(name)
	if !ok || e.kind != 2 || e.size <= 4096 {
		return nil
	}
	b, err := f.sector(e.start)
	if err != nil {
		return nil
	}
	return b
}

// encryptedOOXML reports whether the file is a password-protected Office
// Open XML document (ECMA-376 Agile or Standard encryption).
func (f *ole2) encryptedOOXML() bool {
	return f.has("EncryptionInfo") && f.has("EncryptedPackage")
}

// encryptedDoc reports whether the file is a Word 97-2003 document saved
// with a password: the FIB at the start of the WordDocument stream carries
// the identifier 0xA5EC and the fEncrypted flag.
func (f *ole2) encryptedDoc() bool {
	b := f.head("WordDocument")
	if len(b) < 12 || binary.LittleEndian.Uint16(b) != 0xA5EC {
		return false
	}
	return binary.LittleEndian.Uint16(b[0x0A:])&0x0100 != 0
}
