package docx

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/extract"
)

// .doc fixtures are made at test time from the corpus's .docx files with the
// converter the code uses (CI installs LibreOffice), all in one run of it,
// into a directory shared by the tests and removed at the end.
var docFixtures struct {
	once  sync.Once
	dir   string
	err   error
	paths map[string]string // by the .docx path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if docFixtures.dir != "" {
		os.RemoveAll(docFixtures.dir)
	}
	os.Exit(code)
}

func needSoffice(t testing.TB) string {
	t.Helper()
	bin, err := NewDoc().soffice()
	if err != nil {
		t.Skipf("LibreOffice not installed (apt-get install %s): %v", sofficePackage, err)
	}
	return bin
}

// docOf returns the .doc made from a corpus .docx.
func docOf(t testing.TB, docxPath string) string {
	t.Helper()
	bin := needSoffice(t)
	all := corpusFiles(t, "*.docx")
	docFixtures.once.Do(func() {
		dir, err := os.MkdirTemp("", "gongkai-docx-test-")
		if err != nil {
			docFixtures.err = err
			return
		}
		docFixtures.dir = dir
		out := filepath.Join(dir, "out")
		_, docFixtures.err = runSoffice(context.Background(), bin, DefaultTimeout, out, "doc:MS Word 97", all...)
		docFixtures.paths = map[string]string{}
		for _, p := range all {
			docFixtures.paths[p] = filepath.Join(out, strings.TrimSuffix(filepath.Base(p), ".docx")+".doc")
		}
	})
	if docFixtures.err != nil {
		t.Fatal(docFixtures.err)
	}
	p := docFixtures.paths[docxPath]
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("LibreOffice made no .doc of %s: %v", docxPath, err)
	}
	return p
}

func docFixture(t testing.TB) string {
	return docOf(t, corpusFiles(t, "report_serif.docx")[0])
}

// TestLegacyCorpus reads .doc files made from the corpus's .docx and checks
// that every table comes back cell for cell as read from the .docx.
func TestLegacyCorpus(t *testing.T) {
	files := corpusFiles(t, "*.docx")
	needSoffice(t)
	if testing.Short() {
		files = files[:1]
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			doc := docOf(t, path)
			got, err := NewDoc().Extract(context.Background(), openInput(t, doc))
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != "doc" {
				t.Errorf("format %q", got.Format)
			}
			want := extractDocx(t, openInput(t, path)).Tables()
			if len(got.Tables()) != len(want) {
				t.Fatalf("%d tables, the .docx has %d", len(got.Tables()), len(want))
			}
			// A .doc keeps cell widths, not Word's grid; read back, a table
			// may get an extra sliver column where two rows' borders no
			// longer line up. Texts and row spans must come back the same.
			for i, tb := range got.Tables() {
				compareRows(t, i+1, tb, want[i], textKeys)
			}
		})
	}
}

// TestLegacyWPS reads a Word binary file named .wps, as Kingsoft WPS saves.
func TestLegacyWPS(t *testing.T) {
	doc := docFixture(t)
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "report.wps", data)
	reg := extract.NewRegistry(New(), NewDoc(), NewWPS())
	got, format, err := reg.Extract(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if format != "wps" || got.Format != "wps" || len(got.Tables()) != 3 {
		t.Errorf("format %q/%q, %d tables", format, got.Format, len(got.Tables()))
	}
}

func TestLegacySniff(t *testing.T) {
	doc := cfbOf(t, stream{"WordDocument", wordFIB(false)})
	works := cfbOf(t, stream{"CONTENTS", filler(5000)})
	xls := cfbOf(t, stream{"Workbook", filler(5000)})
	enc := cfbOf(t, stream{"EncryptionInfo", filler(4200)}, stream{"EncryptedPackage", filler(8000)})
	tests := []struct {
		name     string
		data     []byte
		doc, wps extract.Match
	}{
		{"word binary", doc, extract.Certain, extract.Certain},
		{"works or older wps", works, extract.NoMatch, extract.Likely},
		{"workbook", xls, extract.NoMatch, extract.NoMatch},
		{"encrypted docx", enc, extract.NoMatch, extract.NoMatch},
		{"damaged", doc[:700], extract.Maybe, extract.Maybe},
		{"docx", docxOf(t, wrapBody("")), extract.NoMatch, extract.NoMatch},
		{"text", []byte("邢集镇2024年政府信息公开工作年度报告"), extract.NoMatch, extract.NoMatch},
	}
	for _, tt := range tests {
		in := input(t, "x", tt.data)
		if got := NewDoc().Sniff(in); got != tt.doc {
			t.Errorf("%s: doc Sniff = %d, want %d", tt.name, got, tt.doc)
		}
		if got := NewWPS().Sniff(in); got != tt.wps {
			t.Errorf("%s: wps Sniff = %d, want %d", tt.name, got, tt.wps)
		}
	}
}

// TestLegacyErrors covers what fails before or instead of a conversion.
func TestLegacyErrors(t *testing.T) {
	plain := cfbOf(t, stream{"WordDocument", wordFIB(false)})
	tests := []struct {
		name    string
		data    []byte
		soffice string
		want    error
		msg     string
	}{
		{"encrypted doc", cfbOf(t, stream{"WordDocument", wordFIB(true)}), "", extract.ErrEncrypted, "password"},
		{"damaged", plain[:700], "", extract.ErrCorrupt, "OLE2"},
		{"no LibreOffice", plain, "/nonexistent/soffice", extract.ErrConverter, sofficePackage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := NewDoc()
			l.Soffice = tt.soffice
			_, err := l.Extract(context.Background(), input(t, "x.doc", tt.data))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v, want %v mentioning %q", err, tt.want, tt.msg)
			}
		})
	}
}

// TestLegacyNotConverted: LibreOffice runs but makes nothing of the file.
func TestLegacyNotConverted(t *testing.T) {
	needSoffice(t)
	data := cfbOf(t, stream{"WordDocument", wordFIB(false)}) // no text, no tables: not a real .doc
	_, err := NewDoc().Extract(context.Background(), input(t, "x.doc", data))
	if !errors.Is(err, extract.ErrConverter) && !errors.Is(err, extract.ErrCorrupt) {
		t.Errorf("error %v, want a conversion failure", err)
	}
	t.Log(err)
}

// TestLegacyTimeout runs a stand-in converter that never finishes and starts
// a child: both must be gone when Extract returns.
func TestLegacyTimeout(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	script := filepath.Join(dir, "soffice")
	body := "#!/bin/sh\nsleep 300 &\necho $! > " + pidFile + "\nwait\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	l := NewDoc()
	l.Soffice, l.Timeout = script, 500*time.Millisecond
	_, err := l.Extract(context.Background(), input(t, "x.doc", cfbOf(t, stream{"WordDocument", wordFIB(false)})))
	if !errors.Is(err, extract.ErrConverter) || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("error %v, want a timeout", err)
	}
	checkGone(t, pidFile)
}
