package main

import (
	"encoding/hex"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/schema"
)

// duplicatePrefix starts the warning on a file whose content is the same as
// an earlier one's; merge recognises it by this prefix.
const duplicatePrefix = "duplicate: the same content (sha256) as "

// duplicates remembers the first path seen with each content. Memory grows
// with the number of distinct files (about 100 bytes each), not their size.
// Records are marked in input order; workers may look up earlier ones.
type duplicates struct {
	mu sync.RWMutex
	m  map[[32]byte]string
}

func newDuplicates() *duplicates { return &duplicates{m: map[[32]byte]string{}} }

func key(sha string) ([32]byte, bool) {
	var k [32]byte
	n, err := hex.Decode(k[:], []byte(sha))
	return k, err == nil && n == len(k)
}

// first returns the first path seen with this content, remembering path
// when it is the first.
func (d *duplicates) first(sha, path string) (string, bool) {
	k, ok := key(sha)
	if !ok {
		return "", false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if p, ok := d.m[k]; ok {
		return p, true
	}
	d.m[k] = path
	return "", false
}

// earlier returns the first path with this content among the records
// already marked, without remembering anything.
func (d *duplicates) earlier(sha string) (string, bool) {
	k, ok := key(sha)
	if !ok {
		return "", false
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	p, ok := d.m[k]
	return p, ok
}

// mark adds the duplicate warning to a record whose content was seen
// before, and says whether it did.
func (d *duplicates) mark(rec *schema.Record) bool {
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
