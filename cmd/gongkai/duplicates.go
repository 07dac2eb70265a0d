package main

import (
	"encoding/hex"
	"strings"

	"github.com/gongkai/gongkai/schema"
)

// duplicatePrefix starts the warning on a file whose content is the same as
// an earlier one's; merge recognises it by this prefix.
const duplicatePrefix = "duplicate: the same content (sha256) as "

// duplicates remembers the first path seen with each content. Memory grows
// with the number of distinct files (about 100 bytes each), not their size.
type duplicates map[[32]byte]string

// first returns the first path seen with this content, remembering path
// when it is the first.
func (d duplicates) first(sha, path string) (string, bool) {
	var key [32]byte
	if n, err := hex.Decode(key[:], []byte(sha)); err != nil || n != len(key) {
		return "", false
	}
	if p, ok := d[key]; ok {
		return p, true
	}
	d[key] = path
	return "", false
}

// mark adds the duplicate warning to a record whose content was seen
// before, and says whether it did.
func (d duplicates) mark(rec *schema.Record) bool {
	if rec.Source.SHA256 == "" {
		return false
	}
	p, dup := d.first(rec.Source.SHA256, rec.Source.Path)
	if dup {
		rec.Warnings = append(rec.Warnings, duplicatePrefix+p)
	}
	return dup
}

// unmark removes duplicate warnings, for merge to mark again over all shards.
func unmark(rec *schema.Record) {
	ws := rec.Warnings[:0]
	for _, w := range rec.Warnings {
		if !strings.HasPrefix(w, duplicatePrefix) {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		ws = nil
	}
	rec.Warnings = ws
}
