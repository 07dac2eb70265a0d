package gongkai

import (
	"context"
	"errors"
	"io/fs"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// ErrInternal says the pipeline failed on a file because of a bug: a panic
// recovered outside the extractors.
var ErrInternal = errors.New("internal failure")

// kinds maps the sentinel errors to the record's error kinds, most specific
// first: an extractor's panic is ErrCorrupt, and a timeout may wrap the
// error of the read it stopped.
var kinds = []struct {
	err  error
	kind schema.ErrorKind
}{
	{ErrTimeout, schema.KindTimeout},
	{context.DeadlineExceeded, schema.KindTimeout},
	{ErrInternal, schema.KindInternal},
	{extract.ErrEncrypted, schema.KindEncrypted},
	{extract.ErrNoTextLayer, schema.KindNoTextLayer},
	{ErrNotReport, schema.KindNotReport},
	{extract.ErrTooLarge, schema.KindTooLarge},
	{extract.ErrEmpty, schema.KindEmpty},
	{extract.ErrUnknownFormat, schema.KindUnsupported},
	{extract.ErrConverter, schema.KindConverter},
	{extract.ErrCorrupt, schema.KindCorrupt},
}

// KindOf classes an error for Record.ErrorKind. Errors of the file system
// are io; an error of no known class is corrupt, the reader's last word on
// a file it could not make sense of.
func KindOf(err error) schema.ErrorKind {
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return schema.KindIO
	}
	return schema.KindCorrupt
}
