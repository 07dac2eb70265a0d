package docx

import (
	"github.com/gongkai/gongkai/internal/golden"

	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

// corpusDir is the shared corpus beside the repository (../shared/corpus
// from its root); tests that need it skip without it.
const corpusDir = "../../../shared/corpus/generated"

func corpusFiles(t testing.TB, pattern string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, pattern))
	if len(files) == 0 {
		t.Skipf("corpus not found at %s (it sits beside the repository in CI)", corpusDir)
	}
	return files
}

// dump renders a document as text for golden files: one line per paragraph,
// one per table row, each cell as col[:rowspan x colspan] "text".
func dump(doc *extract.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Para != nil {
			fmt.Fprintf(&b, "P %q\n", bl.Para.Text)
			continue
		}
		t := bl.Table
		fmt.Fprintf(&b, "TABLE %d\n", t.Index)
		for r, row := range t.Rows {
			fmt.Fprintf(&b, "  r%d:", r)
			for _, c := range row {
				if c.Row != r {
					fmt.Fprintf(&b, " !row=%d", c.Row)
				}
				fmt.Fprintf(&b, " %d", c.Col)
				if c.RowSpan != 1 || c.ColSpan != 1 {
					fmt.Fprintf(&b, ":%dx%d", c.RowSpan, c.ColSpan)
				}
				fmt.Fprintf(&b, " %q", c.Text)
			}
			b.WriteByte('\n')
		}
	}
	for _, p := range doc.Problems {
		fmt.Fprintf(&b, "PROBLEM %s\n", p.Message)
	}
	return b.String()
}

// checkGolden compares got with testdata/name, or rewrites it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

// fixture is a hand-written document body from testdata/NAME.xml.
type fixture struct {
	name string
	body []byte
}

func fixtures(t testing.TB) []fixture {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.xml")
	if len(files) == 0 {
		t.Fatal("no testdata/*.xml")
	}
	var fs []fixture
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, fixture{strings.TrimSuffix(filepath.Base(f), ".xml"), b})
	}
	return fs
}

// Fixtures are made here: a minimal package around a document body.

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>`

// wrapBody puts body content into a w:document.
func wrapBody(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` +
		body + `</w:body></w:document>`
}

// part is one zip entry of a fixture.
type part struct {
	name string
	data string
}

// zipOf writes the parts as a zip.
func zipOf(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := w.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf makes a .docx whose main part, at the usual place, is document.
func docxOf(t testing.TB, document string) []byte {
	return zipOf(t,
		part{"[Content_Types].xml", fmt.Sprintf(contentTypes, "word/document.xml")},
		part{"_rels/.rels", fmt.Sprintf(packageRels, "word/document.xml")},
		part{"word/document.xml", document})
}

func input(t testing.TB, name string, data []byte) *extract.Input {
	t.Helper()
	in, err := extract.NewInput(name, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func openInput(t testing.TB, path string) *extract.Input {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return input(t, path, data)
}

func extractDocx(t testing.TB, in *extract.Input) *extract.Document {
	t.Helper()
	doc, err := New().Extract(context.Background(), in)
	if err != nil {
		t.Fatalf("%s: %v", in.Name, err)
	}
	return doc
}
