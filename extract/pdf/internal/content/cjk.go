package content

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/binary"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
)

// Font data for text without a ToUnicode map, generated from Adobe's
// resources (see gen_cjk.go and cjk/LICENSE): the predefined CJK CMaps
// (code → CID), each collection's CID → Unicode table, and the Adobe Glyph
// List. Each part is read on first use, so a document whose fonts all carry
// ToUnicode maps pays nothing.

//go:generate go run gen_cjk.go

//go:embed cjk
var cjkData embed.FS

// predefined CMaps parsed so far, by name (nil: not one we hold).
var (
	predefMu sync.Mutex
	predef   = map[string]*predefCMap{}
)

type predefCMap struct {
	m    *cmap
	coll string // its character collection, e.g. Adobe-Japan1
}

// predefinedCMap returns a predefined CMap by name and the collection its
// CIDs belong to; nil for a name we do not hold (Identity-H, the Uni…
// CMaps, unknown names).
func predefinedCMap(name string) *predefCMap {
	predefMu.Lock()
	defer predefMu.Unlock()
	return loadPredef(name, 0)
}

func loadPredef(name string, depth int) *predefCMap {
	if p, ok := predef[name]; ok {
		return p
	}
	predef[name] = nil
	if depth > 4 || name == "" || strings.ContainsAny(name, "/\\.") {
		return nil
	}
	paths, _ := fs.Glob(cjkData, path.Join("cjk/cmap/*", name))
	if len(paths) != 1 {
		return nil
	}
	b, err := cjkData.ReadFile(paths[0])
	if err != nil {
		return nil
	}
	p := &predefCMap{m: parseCMap(b), coll: path.Base(path.Dir(paths[0]))}
	if p.m.use != "" {
		if parent := loadPredef(p.m.use, depth+1); parent != nil {
			p.m.parent = parent.m
			if len(p.m.space) == 0 {
				p.m.space = parent.m.space
			}
		}
	}
	predef[name] = p
	return p
}

// collection is one character collection's CID → Unicode table.
type collection struct {
	dense []byte            // big-endian uint16 per CID; 0xFFFF: see extra
	extra map[uint32]string // texts of several code units or beyond the BMP
}

var collections = map[string]func() *collection{}

func init() {
	for _, name := range []string{"Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Korea1"} {
		collections[name] = sync.OnceValue(func() *collection { return loadCollection(name) })
	}
}

func loadCollection(name string) *collection {
	c := &collection{extra: map[uint32]string{}}
	c.dense, _ = cjkData.ReadFile("cjk/" + name + ".u16")
	b, _ := cjkData.ReadFile("cjk/extra.txt")
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[0] == name {
			if cid, err := strconv.ParseUint(f[1], 10, 32); err == nil {
				c.extra[uint32(cid)] = f[2]
			}
		}
	}
	return c
}

// cidText maps a CID of a collection to its text; "" when unknown.
func cidText(coll string, cid uint32) string {
	load, ok := collections[coll]
	if !ok {
		return ""
	}
	c := load()
	if int(cid)*2+2 > len(c.dense) {
		return ""
	}
	switch u := binary.BigEndian.Uint16(c.dense[2*cid:]); u {
	case 0:
		return ""
	case 0xFFFF:
		return c.extra[cid]
	default:
		return string(rune(u))
	}
}

// glyphList is the Adobe Glyph List: glyph name → text.
var glyphList = sync.OnceValue(func() map[string]string {
	b, _ := cjkData.ReadFile("cjk/glyphlist.txt")
	m := make(map[string]string, 4500)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		name, codes, ok := strings.Cut(sc.Text(), ";")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		var t []rune
		for _, h := range strings.Fields(codes) {
			if v, err := strconv.ParseUint(h, 16, 32); err == nil {
				t = append(t, rune(v))
			}
		}
		m[name] = string(t)
	}
	return m
})
