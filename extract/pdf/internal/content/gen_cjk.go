//go:build ignore

// gen_cjk writes the font data under cjk/: Adobe's predefined CMaps (a
// legacy encoding's code → CID, for the CJK names PDF 1.7 lists in its
// Table 118), Adobe's CID → Unicode maps of the four CJK collections, and
// the Adobe Glyph List (glyph name → Unicode). The CMaps come from Debian's
// poppler-data (Adobe's BSD-3-Clause files under cMap/; its cidToUnicode/
// files are GPL and not used), the glyph list from Debian's
// python3-fonttools (fontTools/agl.py quotes Adobe's glyphlist.txt, BSD-3-
// Clause). Both packages are fetched with apt-get download and checked
// against the SHA-256 below. Run with go generate ./extract/pdf/internal/content
// on a Debian 12 machine.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

var packages = []struct{ name, version, sha256 string }{
	{"poppler-data", "0.4.12-1", "7951512a24fc4ea05c246a0f9891dd1ec9844a886de6550ebd8c50e57db5441d"},
	{"python3-fonttools", "4.38.0-1+deb12u1", "c6fd1de05cc61dd7ae0780902b776f1db63ccf01ac8cf73cb11f469c66e6664b"},
}

// predefined are the CJK CMaps of PDF 1.7 Table 118 that map a legacy
// encoding to CIDs. The Uni… CMaps are left out: their codes are Unicode
// already, which the reader decodes without a table.
var predefined = strings.Fields(`GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V
GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V
ETenms-B5-H ETenms-B5-V CNS-EUC-H CNS-EUC-V 83pv-RKSJ-H 90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H
90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V
KSC-EUC-H KSC-EUC-V KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V KSCpc-EUC-H`)

var collections = []string{"Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Korea1"}

func main() {
	tmp, err := os.MkdirTemp("", "gen_cjk")
	check(err)
	defer os.RemoveAll(tmp)
	for _, p := range packages {
		cmd := exec.Command("apt-get", "download", p.name+"="+p.version)
		cmd.Dir, cmd.Stderr = tmp, os.Stderr
		check(cmd.Run())
		debs, _ := filepath.Glob(filepath.Join(tmp, p.name+"_*.deb"))
		if len(debs) != 1 {
			check(fmt.Errorf("%s: %d .deb files", p.name, len(debs)))
		}
		b, err := os.ReadFile(debs[0])
		check(err)
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != p.sha256 {
			check(fmt.Errorf("%s: sha256 %x, want %s", debs[0], sum, p.sha256))
		}
		check(exec.Command("dpkg-deb", "-x", debs[0], filepath.Join(tmp, "root")).Run())
	}
	root := filepath.Join(tmp, "root")
	cmapDir := filepath.Join(root, "usr/share/poppler/cMap")
	check(os.RemoveAll("cjk"))
	check(os.MkdirAll("cjk/cmap", 0o755))

	// The CMaps, with every CMap they use, comments and blank lines dropped.
	todo := slices.Clone(predefined)
	done := map[string]bool{}
	for len(todo) > 0 {
		name := todo[0]
		todo = todo[1:]
		if done[name] {
			continue
		}
		done[name] = true
		src, coll := findCMap(cmapDir, name)
		out := strip(src)
		if m := regexp.MustCompile(`/(\S+)\s+usecmap`).FindSubmatch(out); m != nil {
			todo = append(todo, string(m[1]))
		}
		check(os.MkdirAll(filepath.Join("cjk/cmap", coll), 0o755))
		check(os.WriteFile(filepath.Join("cjk/cmap", coll, name), out, 0o644))
	}

	// CID → Unicode: one big-endian uint16 per CID; 0 none, 0xFFFF a text
	// of several code units or outside the BMP, listed in extra.txt.
	var extra bytes.Buffer
	for _, coll := range collections {
		src, _ := findCMap(cmapDir, coll+"-UCS2")
		m := ucs2(src)
		n := 0
		for cid := range m {
			n = max(n, int(cid)+1)
		}
		dense := make([]byte, 2*n)
		for cid := range n {
			u, ok := m[uint32(cid)]
			if !ok {
				continue
			}
			// A variation selector after the character asks for a glyph
			// variant; the text is the character.
			if len(u) == 2 && u[1] >= 0xFE00 && u[1] <= 0xFE0F {
				u = u[:1]
			}
			// The typographic spaces (en, em, thin …) of the proportional
			// and half-width forms are spaces to a reader.
			if len(u) == 1 && u[0] >= 0x2000 && u[0] <= 0x200A {
				u = []uint16{' '}
			}
			switch {
			case len(u) == 1 && u[0] != 0xFFFF && u[0] != 0:
				binary.BigEndian.PutUint16(dense[2*cid:], u[0])
			default:
				binary.BigEndian.PutUint16(dense[2*cid:], 0xFFFF)
				fmt.Fprintf(&extra, "%s %d %s\n", coll, cid, string(utf16.Decode(u)))
			}
		}
		check(os.WriteFile(filepath.Join("cjk", coll+".u16"), dense, 0o644))
	}
	check(os.WriteFile("cjk/extra.txt", extra.Bytes(), 0o644))

	// The glyph list, as fontTools quotes it, its licence header kept.
	agl, err := os.ReadFile(filepath.Join(root, "usr/lib/python3/dist-packages/fontTools/agl.py"))
	check(err)
	_, rest, ok := bytes.Cut(agl, []byte("_aglText = \"\"\"\\\n"))
	list, _, ok2 := bytes.Cut(rest, []byte(`"""`))
	if !ok || !ok2 {
		check(fmt.Errorf("agl.py: _aglText not found"))
	}
	check(os.WriteFile("cjk/glyphlist.txt", list, 0o644))

	// The licence of Adobe's files, as Debian's copyright file states it.
	cp, err := os.ReadFile(filepath.Join(root, "usr/share/doc/poppler-data/copyright"))
	check(err)
	lic := regexp.MustCompile(`(?s)Files: cMap/\*.*?\n\nFiles:`).Find(cp)
	if lic == nil {
		check(fmt.Errorf("poppler-data copyright: cMap licence not found"))
	}
	check(os.WriteFile("cjk/LICENSE", append([]byte("The files under cmap/ and the *.u16 and extra.txt tables made from Adobe's\n"+
		"*-UCS2 CMaps come from Debian's poppler-data 0.4.12-1, whose copyright file says:\n\n"),
		bytes.TrimSuffix(lic, []byte("\n\nFiles:"))...), 0o644))
}

// findCMap reads one CMap and names its collection (the folder it is in).
func findCMap(dir, name string) ([]byte, string) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*", name))
	if len(paths) != 1 {
		check(fmt.Errorf("CMap %s: %d files", name, len(paths)))
	}
	b, err := os.ReadFile(paths[0])
	check(err)
	return b, filepath.Base(filepath.Dir(paths[0]))
}

// strip drops comments and blank lines; the reader's CMap parser reads the rest.
func strip(src []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		out.WriteString(strings.Join(strings.Fields(line), " "))
		out.WriteByte('\n')
	}
	return out.Bytes()
}

var hexTok = regexp.MustCompile(`<([0-9A-Fa-f]+)>`)

// ucs2 reads the bfchar and bfrange lines of Adobe's CID → UCS-2 CMaps.
func ucs2(src []byte) map[uint32][]uint16 {
	m := map[uint32][]uint16{}
	mode := ""
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasSuffix(line, "beginbfchar"):
			mode = "char"
			continue
		case strings.HasSuffix(line, "beginbfrange"):
			mode = "range"
			continue
		case strings.HasPrefix(line, "end"):
			mode = ""
			continue
		}
		t := hexTok.FindAllStringSubmatch(line, -1)
		switch {
		case mode == "char" && len(t) == 2:
			m[num(t[0][1])] = units(t[1][1])
		case mode == "range" && len(t) == 3:
			lo, hi, dst := num(t[0][1]), num(t[1][1]), units(t[2][1])
			for c := lo; c <= hi; c++ {
				u := slices.Clone(dst)
				u[len(u)-1] += uint16(c - lo)
				m[c] = u
			}
		case mode != "" && strings.Contains(line, "<"):
			check(fmt.Errorf("unread line %q", line))
		}
	}
	return m
}

func num(h string) uint32 {
	v, err := strconv.ParseUint(h, 16, 32)
	check(err)
	return uint32(v)
}

func units(h string) []uint16 {
	var u []uint16
	for i := 0; i+4 <= len(h); i += 4 {
		u = append(u, uint16(num(h[i:i+4])))
	}
	return u
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen_cjk:", err)
		os.Exit(1)
	}
}
