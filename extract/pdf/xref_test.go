package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
)

// The same document written with each kind of cross-reference data must
// read the same.

// xrefDoc is a two-page document with a table and paragraphs.
func xrefDoc() *testPDF {
	p := newTestPDF()
	b := p.page()
	p.text(b, 200, 760, 22, "某某镇2024年政府信息公开工作年度报告")
	p.flow(b, 72, 520, 700, 16, 32, 28, "全年共受理政府信息公开申请17件，均已按期答复。")
	b = p.page()
	p.text(b, 72, 760, 16, "二、主动公开政府信息情况")
	for i, row := range [][]string{{"信息内容", "本年制发件数"}, {"规章", "3"}, {"行政规范性文件", "5"}} {
		for j, s := range row {
			p.text(b, 80+200*float64(j), 700-30*float64(i), 12, s)
		}
	}
	return p
}

// flate compresses b.
func flate(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

type xrefStyle struct {
	objStm bool // non-stream objects in an object stream
	hybrid bool // a classic table plus an /XRefStm for the compressed objects
}

// writeXrefStream writes objects with an xref stream (PNG-predicted, as
// Word and Acrobat write them), or as a hybrid file.
func writeXrefStream(objs []string, st xrefStyle) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	type ent struct{ typ, f2, f3 int }
	ents := make([]ent, len(objs)+3) // objects, the object stream, the xref stream
	var packed []int
	for i, o := range objs {
		if st.objStm && !strings.Contains(o, "stream") {
			packed = append(packed, i+1)
			continue
		}
		ents[i+1] = ent{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	stmNum := len(objs) + 1
	if len(packed) > 0 {
		var head, body bytes.Buffer
		for k, n := range packed {
			fmt.Fprintf(&head, "%d %d ", n, body.Len())
			body.WriteString(objs[n-1] + "\n")
			ents[n] = ent{2, stmNum, k}
		}
		data := flate(append(head.Bytes(), body.Bytes()...))
		ents[stmNum] = ent{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n",
			stmNum, len(packed), head.Len(), len(data), data)
	}
	xrefNum := len(objs) + 2
	xrefAt := b.Len()
	ents[xrefNum] = ent{1, xrefAt, 0}
	rows := func(keep func(ent) bool) []byte { // PNG Up predictor, W [1 4 2]
		var raw []byte
		prev := make([]byte, 7)
		for _, e := range ents {
			if !keep(e) {
				e = ent{}
			}
			row := []byte{byte(e.typ), byte(e.f2 >> 24), byte(e.f2 >> 16), byte(e.f2 >> 8), byte(e.f2), byte(e.f3 >> 8), byte(e.f3)}
			raw = append(raw, 2)
			for i := range row {
				raw = append(raw, row[i]-prev[i])
			}
			prev = row
		}
		return flate(raw)
	}
	if !st.hybrid {
		data := rows(func(ent) bool { return true })
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length %d >>\nstream\n%s\nendstream\nendobj\n",
			xrefNum, len(ents), len(data), data)
		fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xrefAt)
		return b.Bytes()
	}
	// hybrid: the stream lists only the compressed objects; the table the rest
	data := rows(func(e ent) bool { return e.typ == 2 })
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		xrefNum, len(ents), len(data), data)
	tableAt := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(ents))
	for _, e := range ents[1:] {
		if e.typ == 1 {
			fmt.Fprintf(&b, "%010d 00000 n \n", e.f2)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n", len(ents), xrefAt, tableAt)
	return b.Bytes()
}

// incremental appends an update that replaces the first page's content.
func incremental(base []byte, objs []string, content string) []byte {
	// the first page's content stream is the first object after the fonts
	num := 0
	for _, o := range objs {
		if strings.Contains(o, "/Type /Page ") {
			fmt.Sscanf(o[strings.Index(o, "/Contents ")+len("/Contents "):], "%d", &num)
			break
		}
	}
	obj := fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
	return appendUpdate(base, num, obj, fmt.Sprintf("/Size %d /Root 1 0 R", len(objs)+1))
}

// appendUpdate appends an update section to base: object num, a table
// for it, and a trailer with entries and a /Prev to base's table.
func appendUpdate(base []byte, num int, obj, entries string) []byte {
	prev := bytes.LastIndex(base, []byte("startxref"))
	var prevOff int
	fmt.Sscanf(string(base[prev+len("startxref"):]), "%d", &prevOff)
	b := bytes.NewBuffer(append([]byte(nil), base...))
	at := b.Len()
	fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", num, obj)
	xrefAt := b.Len()
	fmt.Fprintf(b, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n", num, at)
	fmt.Fprintf(b, "trailer\n<< %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", entries, prevOff, xrefAt)
	return b.Bytes()
}

func TestCrossReferenceVariants(t *testing.T) {
	doc := xrefDoc()
	objs := doc.objects()
	classic := writeClassic(objs, "/Root 1 0 R")
	want, err := extractBytes(t, classic)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want.Text(), "申请17件") || len(want.Tables()) != 1 {
		t.Fatalf("the classic file reads wrong:\n%s", dump(want))
	}
	// the update's page: the same text, moved
	upd := newTestPDF()
	for r := range doc.runes {
		upd.runes[r] = doc.runes[r]
	}
	ub := upd.page()
	upd.text(ub, 100, 600, 16, "全年共受理政府信息公开申请17件")
	shifted := append([]byte("%PDF-1.4\n%junk inserted after writing\n"), classic[len("%PDF-1.4\n"):]...)
	cases := []struct {
		name string
		b    []byte
		want string // a text the document must hold; "" means: the same as the classic file
	}{
		{"xref stream", writeXrefStream(objs, xrefStyle{}), ""},
		{"object streams", writeXrefStream(objs, xrefStyle{objStm: true}), ""},
		{"hybrid", writeXrefStream(objs, xrefStyle{objStm: true, hybrid: true}), ""},
		{"offsets off", shifted, ""},
		{"no xref table", classic[:bytes.Index(classic, []byte("xref\n0 "))], ""},
		{"no /Root", writeClassic(objs, ""), ""},
		{"/Root to nothing", writeClassic(objs, "/Root 99 0 R"), ""},
		{"incremental update", incremental(classic, objs, ub.String()), "全年共受理政府信息公开申请17件"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := extractBytes(t, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == "" && dump(got) != dump(want):
				t.Errorf("got\n%s\nwant\n%s", dump(got), dump(want))
			case tc.want != "" && (!strings.Contains(got.Text(), tc.want) || strings.Contains(got.Text(), "均已按期答复")):
				t.Errorf("the update is not what is read:\n%s", dump(got))
			}
		})
	}
}

func TestCrossReferenceErrors(t *testing.T) {
	objs := xrefDoc().objects()
	noCatalog := append([]string{}, objs...)
	noCatalog[0] = "<< /Type /Outlines >>"
	for _, tc := range []struct {
		name string
		b    []byte
		want error
		msg  string
	}{
		{"no catalog at all", writeClassic(noCatalog, ""), extract.ErrCorrupt, "/Root"},
		{"only a header", []byte("%PDF-1.7\n"), extract.ErrCorrupt, ""},
		{"an object stream that does not inflate", bytes.Replace(writeXrefStream(objs, xrefStyle{objStm: true}), []byte("/ObjStm"), []byte("/ObjStm /Filter /LZWDecode"), 1), extract.ErrCorrupt, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extractBytes(t, tc.b)
			if !errors.Is(err, tc.want) || !strings.Contains(fmt.Sprint(err), tc.msg) {
				t.Errorf("err = %v, want %v saying %q", err, tc.want, tc.msg)
			}
		})
	}
}

// TestQPDFObjectStreams rewrites corpus PDFs with qpdf into object streams
// and an xref stream (what Word and WPS write) at test time; each must read
// as the original does. The copies live in a temporary directory.
func TestQPDFObjectStreams(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed (Debian package qpdf)")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir(t, "real"), "*.pdf"))
	files = append(files, filepath.Join(corpusDir(t, "generated"), "report_serif_enc_aes128.pdf"))
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			args := []string{"--object-streams=generate"}
			if strings.Contains(name, "_enc_") { // keep it encrypted
				args = append([]string{"--decrypt", "--encrypt", "", "owner", "128", "--use-aes=y", "--"}, args...)
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			out := qpdf(t, src, args)
			orig, err1 := extractBytes(t, src)
			got, err2 := extractBytes(t, out)
			if err1 != nil || err2 != nil {
				t.Fatalf("errors: %v, %v", err1, err2)
			}
			if dump(got) != dump(orig) {
				t.Errorf("%s with object streams reads differently", name)
			}
			if !bytes.Contains(out, []byte("/ObjStm")) {
				t.Errorf("qpdf wrote no object stream")
			}
		})
	}
}

// TestHugeObjectNumbers: an object number or /Size in the billions is
// damaged data, read as such, and allocates nothing that large.
func TestHugeObjectNumbers(t *testing.T) {
	objs := xrefDoc().objects()
	classic := writeClassic(objs, "/Root 1 0 R")
	for name, b := range map[string][]byte{
		"/Size":       bytes.Replace(classic, []byte("/Size "), []byte("/Size 4000000000 /X "), 1),
		"table entry": bytes.Replace(classic, []byte("trailer"), []byte("4000000000 1\n0000000009 00000 n \ntrailer"), 1),
		"object":      append(bytes.Replace(classic, []byte("%%EOF"), []byte(""), 1), []byte("4000000000 0 obj\n<< >>\nendobj\n%%EOF\n")...),
		"xref stream": bytes.Replace(writeXrefStream(objs, xrefStyle{}), []byte("/Size "), []byte("/Size 4000000000 /X "), 1),
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := extractBytes(t, b)
			if err != nil || !strings.Contains(doc.Text(), "申请17件") {
				t.Errorf("err = %v, text %q", err, doc.Text())
			}
		})
	}
}
