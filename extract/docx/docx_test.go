package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

const simpleBody = `<w:p><w:r><w:t>邢集镇2024年政府信息公开工作年度报告</w:t></w:r></w:p>` +
	`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>行政许可</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>126</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`

func TestSniff(t *testing.T) {
	doc := wrapBody(simpleBody)
	full := docxOf(t, doc)
	tests := []struct {
		name string
		data []byte
		want extract.Match
	}{
		{"docx", full, extract.Certain},
		{"main part named document2.xml (Word Online)", zipOf(t,
			part{"[Content_Types].xml", fmt.Sprintf(contentTypes, "word/document2.xml")},
			part{"_rels/.rels", fmt.Sprintf(packageRels, "word/document2.xml")},
			part{"word/document2.xml", doc}), extract.Certain},
		{"no content types", zipOf(t, part{"word/document.xml", doc}), extract.Likely},
		{"spreadsheet", zipOf(t,
			part{"[Content_Types].xml", strings.Replace(fmt.Sprintf(contentTypes, "xl/workbook.xml"), "wordprocessingml.document", "spreadsheetml.sheet", 1)},
			part{"xl/workbook.xml", "<workbook/>"}), extract.NoMatch},
		{"plain zip", zipOf(t, part{"readme.txt", "hello"}), extract.NoMatch},
		{"truncated docx", full[:len(full)/2], extract.Likely},
		{"truncated docx, Word parts not first", zipOf(t,
			part{"_rels/.rels", fmt.Sprintf(packageRels, "word/document.xml")},
			part{"docProps/core.xml", strings.Repeat("<dc:title>x</dc:title>", 100)},
			part{"word/document.xml", doc + strings.Repeat(" ", 9000)})[:900], extract.Likely},
		{"truncated other zip", zipOf(t, part{"readme.txt", strings.Repeat("x", 5000)})[:100], extract.NoMatch},
		{"encrypted docx", cfbOf(t, stream{"EncryptionInfo", filler(4200)}, stream{"EncryptedPackage", filler(8000)}), extract.Certain},
		{"doc", cfbOf(t, stream{"WordDocument", wordFIB(false)}), extract.NoMatch},
		{"text", []byte("PK is not enough"), extract.NoMatch},
	}
	for _, tt := range tests {
		// The name has no extension: sniffing must not look at it.
		if got := New().Sniff(input(t, "file", tt.data)); got != tt.want {
			t.Errorf("%s: Sniff = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestMainPart(t *testing.T) {
	doc := wrapBody(simpleBody)
	decoy := wrapBody(`<w:p><w:r><w:t>不是正文</w:t></w:r></w:p>`)
	tests := []struct {
		name  string
		parts []part
	}{
		{"relationship", []part{
			{"_rels/.rels", fmt.Sprintf(packageRels, "/word/document2.xml")},
			{"word/document.xml", decoy},
			{"word/document2.xml", doc}}},
		{"content type", []part{
			{"[Content_Types].xml", fmt.Sprintf(contentTypes, "word/main.xml")},
			{"word/main.xml", doc}}},
		{"usual place, case differs", []part{{"Word/Document.xml", doc}}},
	}
	for _, tt := range tests {
		d := extractDocx(t, input(t, "x.docx", zipOf(t, tt.parts...)))
		if len(d.Blocks) != 2 || d.Blocks[0].Para.Text != "邢集镇2024年政府信息公开工作年度报告" {
			t.Errorf("%s: read %q", tt.name, d.Text())
		}
	}
}

// TestBadInput: each bad file gives one clear error of the right kind.
func TestBadInput(t *testing.T) {
	full := docxOf(t, wrapBody(simpleBody))
	bomb := docxOf(t, wrapBody(simpleBody+strings.Repeat(" ", 3<<20)))
	big := docxOf(t, wrapBody(simpleBody+strings.Repeat("<w:p><w:r><w:t>行政许可 126</w:t></w:r></w:p>", 50000)))
	tests := []struct {
		name   string
		data   []byte
		limits *extract.Limits
		want   error
		msg    string
	}{
		{"truncated", full[:len(full)/2], nil, extract.ErrCorrupt, "truncated"},
		{"zip bomb", bomb, nil, extract.ErrTooLarge, "zip bomb"},
		{"part over the size limit", big, &extract.Limits{MaxPart: 1 << 20, MaxRatio: 200}, extract.ErrTooLarge, "over the limit"},
		{"size in directory lies", lyingSize(t, bigBody(t)), nil, extract.ErrCorrupt, "word/document.xml"},
		{"encrypted", cfbOf(t, stream{"EncryptionInfo", filler(4200)}, stream{"EncryptedPackage", filler(8000)}), nil, extract.ErrEncrypted, "password"},
		{"not a word zip", zipOf(t, part{"readme.txt", "hello"}), nil, extract.ErrUnknownFormat, "without a Word document"},
		{"no body", docxOf(t, `<?xml version="1.0"?><w:document xmlns:w="`+nsW+`"/>`), nil, extract.ErrCorrupt, "w:body"},
		{"damaged XML", docxOf(t, wrapBody(simpleBody)[:200]), nil, extract.ErrCorrupt, "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New()
			if tt.limits != nil {
				e.Limits = *tt.limits
			}
			doc, err := e.Extract(context.Background(), input(t, "x.docx", tt.data))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %v, want %v mentioning %q", err, tt.want, tt.msg)
			}
			t.Log(err)
			if !strings.HasPrefix(err.Error(), "docx: ") {
				t.Errorf("error %q does not name the package", err)
			}
			if doc != nil && len(doc.Problems) == 0 {
				t.Error("a document read in part has no Problems")
			}
		})
	}
}

// TestDamagedKeepsWhatWasRead: a body cut short keeps the blocks before the cut.
func TestDamagedKeepsWhatWasRead(t *testing.T) {
	body := wrapBody(simpleBody + `<w:p><w:r><w:t>后面`)
	doc, err := New().Extract(context.Background(), input(t, "x.docx", docxOf(t, body)))
	var perr *PartError
	if !errors.As(err, &perr) || perr.Part != "word/document.xml" {
		t.Fatalf("error %v, want a *PartError", err)
	}
	if doc == nil || len(doc.Tables()) != 1 || doc.Blocks[0].Para == nil {
		t.Fatalf("lost what came before the damage: %+v", doc)
	}
}

// TestRegistry: through the registry, a zip that is not a Word file is
// unsupported, and a .docx is found whatever its name.
func TestRegistry(t *testing.T) {
	reg := extract.NewRegistry(New(), NewDoc(), NewWPS())
	_, err := reg.Detect(input(t, "x.docx", zipOf(t, part{"readme.txt", "hello"})))
	if !errors.Is(err, extract.ErrUnknownFormat) {
		t.Errorf("plain zip: %v", err)
	}
	e, err := reg.Detect(input(t, "report.bin", docxOf(t, wrapBody(simpleBody))))
	if err != nil || e.Format() != "docx" {
		t.Errorf("docx named .bin: %v, %v", e, err)
	}
}

// bigBody is a document.xml over the 1 MiB below which ratios are not checked.
func bigBody(t *testing.T) []byte {
	return docxOf(t, wrapBody(strings.Repeat("<w:p><w:r><w:t>规章 1 0 3 行政规范性文件 4 2 17</w:t></w:r></w:p>", 30000)))
}

// lyingSize rewrites the zip so that word/document.xml claims to inflate to
// 1000 bytes: archive/zip must stop reading there.
func lyingSize(t *testing.T, z []byte) []byte {
	t.Helper()
	out := bytes.Clone(z)
	name := []byte("word/document.xml")
	for _, sig := range []struct {
		magic      string
		sizeAt     int
		nameLenAt  int
		headerSize int
	}{{"PK\x03\x04", 22, 26, 30}, {"PK\x01\x02", 24, 28, 46}} {
		for i := 0; ; {
			j := bytes.Index(out[i:], []byte(sig.magic))
			if j < 0 {
				break
			}
			h := out[i+j:]
			n := int(binary.LittleEndian.Uint16(h[sig.nameLenAt:]))
			if sig.headerSize+n <= len(h) && bytes.Equal(h[sig.headerSize:sig.headerSize+n], name) {
				binary.LittleEndian.PutUint32(h[sig.sizeAt:], 1000)
			}
			i += j + 4
		}
	}
	if _, err := zip.NewReader(bytes.NewReader(out), int64(len(out))); err != nil {
		t.Fatal(err)
	}
	return out
}

// A main part with several w:body elements (some writers make them; Word
// shows them all) gives the text of every one.
func TestSeveralBodies(t *testing.T) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body>` +
		`<w:body><w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p></w:body></w:document>`
	got, err := New().Extract(context.Background(), input(t, "x.docx", docxOf(t, doc)))
	if err != nil || !strings.Contains(got.Text(), "一、总体情况") || !strings.Contains(got.Text(), "二、主动公开政府信息情况") {
		t.Errorf("%v: %q", err, got.Text())
	}
}
