package batch

import (
	"encoding/hex"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/schema"
)

// legacyDuplicate starts the message of a duplicate mark: the whole
// warning of records before 1.2.0, which Unmark removes too.
const legacyDuplicate = "duplicate: the same content (sha256) as "

// Duplicates remembers the first path seen with each content. Memory grows
// with the number of distinct files (about 100 bytes each), not their size.
// Records are marked in input order; workers may look up earlier ones.
type Duplicates struct {
	mu sync.RWMutex
	m  map[[32]byte]string
}

// NewDuplicates returns an empty memory of contents.
func NewDuplicates() *Duplicates { return &Duplicates{m: map[[32]byte]string{}} }

func key(sha string) ([32]byte, bool) {
	var k [32]byte
	n, err := hex.Decode(k[:], []byte(sha))
	return k, err == nil && n == len(k)
}

// First returns the first path seen with this content (hex SHA-256),
// remembering path when it is the first.
func (d *Duplicates) First(sha, path string) (string, bool) {
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
func (d *Duplicates) earlier(sha string) (string, bool) {
	k, ok := key(sha)
	if !ok {
		return "", false
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	p, ok := d.m[k]
	return p, ok
}

// Mark marks a record whose content was seen before, remembering it when
// it was not, and says whether it did.
func (d *Duplicates) Mark(rec *schema.Record) bool {
	if rec.Source.SHA256 == "" {
		return false
	}
	p, dup := d.First(rec.Source.SHA256, rec.Source.Path)
	if dup {
		MarkDuplicate(rec, p)
	}
	return dup
}

// markEarlier marks a record whose content a record already marked had.
func (d *Duplicates) markEarlier(rec *schema.Record) bool {
	p, ok := d.earlier(rec.Source.SHA256)
	if ok {
		MarkDuplicate(rec, p)
	}
	return ok
}

// MarkDuplicate says in rec that its content is that of the file at path.
func MarkDuplicate(rec *schema.Record, path string) {
	rec.Source.DuplicateOf = path
	rec.Problems = append(rec.Problems, schema.Problem{Kind: schema.ProblemDuplicateFile,
		Message: legacyDuplicate + path})
}

// Unmark removes the duplicate mark, for merge to mark again over all
// shards.
func Unmark(rec *schema.Record) {
	rec.Source.DuplicateOf = ""
	ps := rec.Problems[:0]
	for _, p := range rec.Problems {
		if p.Kind == schema.ProblemDuplicateFile || p.Kind == schema.ProblemWarning && strings.HasPrefix(p.Message, legacyDuplicate) {
			continue
		}
		ps = append(ps, p)
	}
	if len(ps) == 0 {
		ps = nil
	}
	rec.Problems = ps
}
