package extract

import "fmt"

// Limits bound what reading one file may cost. A small file can inflate to
// gigabytes (a zip bomb, a compressed PDF stream), and a reader that takes
// a whole file into memory must not be handed a huge one. Every extractor
// has a Limits field; its New sets the format's defaults, and a zero field
// means no bound of that kind.
type Limits struct {
	// MaxFile is the largest file read whole into memory: an HTML page, a
	// text file, an encrypted PDF decrypted in memory.
	MaxFile int64
	// MaxPart is the largest uncompressed size of one part read: a zip
	// entry of a .docx.
	MaxPart int64
	// MaxRatio is the largest uncompressed:compressed ratio of a part over
	// 1 MiB.
	MaxRatio float64
}

// CheckFile returns an error wrapping ErrTooLarge when a file of size
// bytes is over MaxFile; format prefixes the message.
func (l Limits) CheckFile(format string, size int64) error {
	if l.MaxFile > 0 && size > l.MaxFile {
		return fmt.Errorf("%s: %w: %d bytes (limit %d)", format, ErrTooLarge, size, l.MaxFile)
	}
	return nil
}
