package batch

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai"
)

// Input is one file to convert, in walk order. A file the walk could not
// read comes with its error, so that it still gets its record.
type Input struct {
	Path string
	// Entry names the file within the zip archive at Path (a bulk
	// download of reports); its record's path is Path!/Entry.
	Entry string
	Err   error
}

// Inputs lists the files of a run lazily, in a deterministic order: the
// paths in the order given, folders recursively in lexical order. It keeps
// only the files of its shard, leaves out those already done (by record
// path) and the output file itself.
type Inputs struct {
	Roots  []string
	Shard  Shard
	Done   func(recordPath string) bool // nil: none done
	Output os.FileInfo                  // the output file, never an input; nil for none
}

// Walk calls fn for each input until fn returns an error or ctx ends.
// Symbolic links are not followed into folders, so a loop cannot trap it.
func (in *Inputs) Walk(ctx context.Context, fn func(Input) error) error {
	for _, root := range in.Roots {
		st, err := os.Stat(root)
		if err == nil && !st.IsDir() && !st.Mode().IsRegular() {
			err = fmt.Errorf("gongkai: a %s, not a regular file", kind(st.Mode()))
		}
		if err != nil || !st.IsDir() {
			if err := in.visit(ctx, root, filepath.ToSlash(filepath.Clean(root)), err, fn); err != nil {
				return err
			}
			continue
		}
		// A folder given as a symbolic link is walked: the user named it.
		// WalkDir does not follow a link even at the root, but does when the
		// root ends in a separator.
		start := root
		if lst, err := os.Lstat(root); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			start = root + string(filepath.Separator)
		}
		err = filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				return nil
			}
			if err == nil {
				err = notRegular(path, d)
			}
			if verr := in.visit(ctx, path, shardKey(root, path), err, fn); verr != nil {
				return verr
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir // unreadable folder: its record says so
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (in *Inputs) visit(ctx context.Context, path, key string, err error, fn func(Input) error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if in.Output != nil && err == nil && filepath.Base(path) == in.Output.Name() {
		if st, serr := os.Stat(path); serr == nil && os.SameFile(st, in.Output) {
			return nil
		}
	}
	if err == nil {
		// A zip of reports is a folder of inputs, one record an entry; a
		// damaged one is one input, whose record says so.
		entries, ok, aerr := gongkai.ArchiveEntries(path)
		if ok && aerr == nil {
			for _, e := range entries {
				if err := in.one(ctx, Input{Path: path, Entry: e}, key+gongkai.ArchiveSep+e, fn); err != nil {
					return err
				}
			}
			return nil
		}
		err = aerr
	}
	return in.one(ctx, Input{Path: path, Err: err}, key, fn)
}

// one passes an input on when it is in the shard and not done.
func (in *Inputs) one(ctx context.Context, input Input, key string, fn func(Input) error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if !in.Shard.Has(key) {
		return nil
	}
	name := input.Path
	if input.Entry != "" {
		name += gongkai.ArchiveSep + input.Entry
	}
	if in.Done != nil && in.Done(gongkai.RecordPath(name)) {
		return nil
	}
	return fn(input)
}

// notRegular says why a walked entry that is not a regular file cannot be
// read, without opening it: opening a named pipe would block the run.
func notRegular(path string, d fs.DirEntry) error {
	t := d.Type()
	switch {
	case t.IsRegular():
		return nil
	case t&fs.ModeSymlink != 0:
		st, err := os.Stat(path)
		switch {
		case err != nil:
			return fmt.Errorf("gongkai: a symbolic link that is broken or loops: %w", err)
		case st.IsDir():
			return errors.New("gongkai: a symbolic link to a folder; links to folders are not followed (a loop would never end), give the folder itself to convert it")
		case !st.Mode().IsRegular():
			return fmt.Errorf("gongkai: a symbolic link to a %s, not a regular file", kind(st.Mode()))
		}
		return nil
	}
	return fmt.Errorf("gongkai: a %s, not a regular file", kind(t))
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// shardKey is the name a file is sharded by: its path relative to the folder
// given, with / separators, so that every node of a cluster agrees whatever
// it mounts the archive as. A file given by itself goes by its path as given.
func shardKey(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	return filepath.ToSlash(rel)
}

// Shard selects a deterministic 1/N of the inputs: those whose key (the
// path relative to the folder given) hashes (FNV-1a, 64 bits) to K modulo
// N. The zero Shard selects everything.
type Shard struct{ K, N uint64 }

// Has reports whether the input of that key is in the shard.
func (s Shard) Has(key string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()%s.N == s.K
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// ParseShard reads K/N; K counts from 0. The empty string is the zero Shard.
func ParseShard(s string) (Shard, error) {
	if s == "" {
		return Shard{}, nil
	}
	ks, ns, ok := strings.Cut(s, "/")
	k, kerr := strconv.ParseUint(strings.TrimSpace(ks), 10, 64)
	n, nerr := strconv.ParseUint(strings.TrimSpace(ns), 10, 64)
	switch {
	case !ok || kerr != nil || nerr != nil || n == 0:
		return Shard{}, fmt.Errorf("--shard %q: want K/N, e.g. 0/8", s)
	case k >= n:
		return Shard{}, fmt.Errorf("--shard %s: K counts from 0, so it runs from 0 to %d; for a Slurm array numbered from 1 use $((SLURM_ARRAY_TASK_ID-1))", s, n-1)
	}
	return Shard{k, n}, nil
}
