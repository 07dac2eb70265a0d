package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/internal/pdftest"
	"github.com/gongkai/gongkai/schema"
)

// Each bad input gets exactly one record with a clear error, and the run
// goes on to the good file beside it.
func TestBadInputs(t *testing.T) {
	formats := gongkai.DefaultRegistry().Formats()
	// until reads: the message once the format's extractor is registered;
	// before, the file is unsupported, or taken for text that is no report.
	until := func(format, re string) string {
		if slices.Contains(formats, format) {
			return re
		}
		return `unsupported file format|not a government information-disclosure annual report`
	}
	tests := []struct {
		name string
		make func(t *testing.T, dir string) string // returns the bad file's name, or "" to skip
		args []string
		want string // regexp on the record's error
		// unreadable: run as a user without root's right to read anything
		unreadable bool
	}{
		{"empty file", write("empty.pdf", nil), nil, `extract: empty file`, false},
		{"random bytes", write("noise.bin", noise(64<<10)), nil, `unsupported file format|not a government information-disclosure annual report`, false},
		{"truncated PDF", write("cut.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa")), nil,
			until("pdf", `^pdf: `), false},
		{"truncated DOCX", func(t *testing.T, dir string) string {
			b := docx(t, strings.Repeat("<w:p><w:r><w:t>2023年政府信息公开工作年度报告</w:t></w:r></w:p>", 200))
			return write("cut.docx", b[:len(b)/2])(t, dir)
		}, nil, until("docx", `^docx: `), false},
		{"PDF with a user password", encryptedPDF, nil, until("pdf", `(?i)^pdf: .*password`), false},
		{"zip bomb", func(t *testing.T, dir string) string {
			// 70 MB of text in 70 KB: over the DOCX reader's part and ratio limits.
			return write("bomb.docx", docxWith(t, func(w io.Writer) {
				io.WriteString(w, "<w:p><w:r><w:t>")
				chunk := bytes.Repeat([]byte("A"), 1<<20)
				for range 70 {
					w.Write(chunk)
				}
				io.WriteString(w, "</w:t></w:r></w:p>")
			}))(t, dir)
		}, nil, until("docx", `^docx: .*(zip bomb|over the limit)`), false},
		{"200 MB file", sparse("huge.pdf", 200<<20), []string{"--max-size", "100MB"}, `gongkai: file or part too large: the file is 200 MB, over the limit of 100 MB; not read`, false},
		{"200 MB file, default limit", sparse("huge.pdf", 200<<20), nil, `unsupported file format|^pdf: `, false},
		{"symlink to a parent folder", link("loop", "."), nil, `links to folders are not followed`, false},
		{"symlink to itself", link("self", "self"), nil, `symbolic link that is broken or loops: .*too many levels of symbolic links`, false},
		{"unreadable file", func(t *testing.T, dir string) string {
			name := write("secret.html", []byte("<html><title>x</title></html>"))(t, dir)
			os.Chmod(filepath.Join(dir, name), 0)
			return name
		}, nil, `^open .*secret.html: permission denied`, true},
		{"unreadable folder", func(t *testing.T, dir string) string {
			os.Mkdir(filepath.Join(dir, "locked"), 0o755)
			write("locked/inside.html", []byte("x"))(t, dir)
			os.Chmod(filepath.Join(dir, "locked"), 0)
			t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked"), 0o755) })
			return "locked"
		}, nil, `^open .*locked: permission denied`, true},
		{"not a report", write("minutes.txt", []byte("会议纪要\n\n本次会议讨论了办公用品采购事项。\n")), nil, `not a government information-disclosure annual report`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := tt.make(t, dir)
			good, _ := os.ReadFile(filepath.Join(samples, "sample-town-2024.txt"))
			os.WriteFile(filepath.Join(dir, "zz-good.txt"), good, 0o644)
			args := append(append([]string{"extract", "-q"}, tt.args...), dir)
			code, out, errs := runCLI(t, args...)
			if tt.unreadable {
				code, out, errs = runUnprivileged(t, dir, args...)
			}
			if code != exitSomeFailed {
				t.Errorf("exit %d, want %d; stderr %s", code, exitSomeFailed, errs)
			}
			if !utf8.ValidString(out) {
				t.Error("output is not valid UTF-8")
			}
			recs := parse(t, out)
			if len(recs) != 2 {
				t.Fatalf("%d records, want 2 (the bad file and the good one): %v", len(recs), paths(recs))
			}
			if recs[1].Source.Path != filepath.Join(dir, "zz-good.txt") || recs[1].Status != schema.StatusOK {
				t.Errorf("the run did not go on: last record %s %s", recs[1].Source.Path, recs[1].Status)
			}
			r := recs[0]
			if r.Source.Path != filepath.Join(dir, bad) || r.Status != schema.StatusError || !regexp.MustCompile(tt.want).MatchString(r.Error) {
				t.Errorf("record %s: status %s, error %q; want error matching %q", r.Source.Path, r.Status, r.Error, tt.want)
			}
			if strings.Contains(r.Error, "internal failure") {
				t.Errorf("a panic: %s", r.Error)
			}
		})
	}
}

// A file name in GBK bytes (not UTF-8) keeps a readable, valid record path,
// and the original bytes in a warning.
func TestNonUTF8FileName(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(filepath.Join(samples, "sample-district-2022.html"))
	raw := filepath.Join(dir, "\xb1\xa8\xb8\xe6.html") // 报告 in GBK
	if err := os.WriteFile(raw, good, 0o644); err != nil {
		t.Skipf("the file system refuses a name that is not UTF-8: %v", err)
	}
	out := filepath.Join(t.TempDir(), "r.jsonl")
	for range 2 { // the second time, --resume finds it done by its decoded name
		code, _, errs := runCLI(t, "extract", "-q", "--resume", "-o", out, dir)
		b, _ := os.ReadFile(out)
		recs := parse(t, string(b))
		if code != exitOK || len(recs) != 1 {
			t.Fatalf("exit %d, %d records; %s", code, len(recs), errs)
		}
		r := recs[0]
		if r.Source.Path != filepath.Join(dir, "报告.html") || r.Status != schema.StatusOK || !utf8.Valid(b) {
			t.Errorf("path %q, status %s", r.Source.Path, r.Status)
		}
		if !slices.ContainsFunc(r.Problems, func(p schema.Problem) bool {
			return p.Kind == schema.ProblemPath && strings.Contains(p.Message, `\xb1\xa8\xb8\xe6.html`)
		}) {
			t.Errorf("no problem keeps the raw name: %+v", r.Problems)
		}
	}
}

func TestOutputIsADirectory(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"-o", dir}, {"-o", dir, "--resume"}, {"-o", dir, "--format", "parquet"}} {
		code, _, errs := runCLI(t, append(append([]string{"extract"}, args...), samples)...)
		if code != exitFatal || !strings.Contains(errs, "is a directory") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

// runUnprivileged runs the command in process, or, as root (who reads
// files whatever their mode), as a process of user nobody, so that files
// and folders without read permission are unreadable as for anyone else.
func runUnprivileged(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return runCLI(t, args...)
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root without setpriv (util-linux) to drop privileges: unreadable files cannot be made")
	}
	for d := dir; d != filepath.Dir(d) && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // t.TempDir's folders are 0700
	}
	cmd := exec.Command(setpriv, append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", binary(t)}, args...)...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return exitCode(err), out.String(), errb.String()
}

func write(name string, data []byte) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
}

func sparse(name string, size int64) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		write(name, []byte("%PDF-1.4\n"))(t, dir)
		if err := os.Truncate(filepath.Join(dir, name), size); err != nil {
			t.Fatal(err)
		}
		return name
	}
}

func link(name, target string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("cannot make a symbolic link here: %v", err)
		}
		return name
	}
}

// noise is deterministic bytes that look like nothing.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}

// docx builds a minimal Word package around a body.
func docx(t *testing.T, body string) []byte {
	return docxWith(t, func(w io.Writer) { io.WriteString(w, body) })
}

// docxWith builds a minimal Word package whose body body writes.
func docxWith(t *testing.T, body func(io.Writer)) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)
	if w, err = z.Create("word/document.xml"); err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	body(w)
	io.WriteString(w, `</w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// encryptedPDF writes a PDF that opens only with a user password, made with
// qpdf (a Debian package .ci/apt-packages lists).
func encryptedPDF(t *testing.T, dir string) string {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		msg := "qpdf is not installed (Debian package qpdf): the PDF with a user password cannot be made"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	plain := filepath.Join(t.TempDir(), "plain.pdf")
	os.WriteFile(plain, minimalPDF("2023 annual report"), 0o644)
	cmd := exec.Command(qpdf, "--encrypt", "user-secret", "owner-secret", "256", "--", plain, filepath.Join(dir, "locked.pdf"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v: %s", err, out)
	}
	return "locked.pdf"
}

// minimalPDF is a valid one-page PDF showing a line of text.
func minimalPDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	return pdftest.Classic(objs, "/Root 1 0 R")
}
