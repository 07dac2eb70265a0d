package gongkai

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

// A zip of reports is read entry by entry: names in GBK decoded, folders
// and macOS resource forks left out, a Word document (also a zip) not
// taken for an archive, an entry over the size limit refused.
func TestArchive(t *testing.T) {
	sample, err := os.ReadFile("samples/reports/sample-town-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "bulk.zip")
	out, _ := os.Create(file)
	zw := zip.NewWriter(out)
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("2024/报告.txt")
	for _, e := range []struct {
		name   string
		nonUTF bool
	}{{"2024/", false}, {gbk, true}, {"plain.txt", false}, {"__MACOSX/2024/._报告.txt", false}} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: e.name, NonUTF8: e.nonUTF, Method: zip.Deflate})
		if !strings.HasSuffix(e.name, "/") {
			w.Write(sample)
		}
	}
	zw.Close()
	out.Close()

	names, ok, err := ArchiveEntries(file)
	if !ok || err != nil || strings.Join(names, ",") != "2024/报告.txt,plain.txt" {
		t.Fatalf("entries %q, %v, %v", names, ok, err)
	}
	c := New()
	rec := c.Entry(context.Background(), file, "2024/报告.txt")
	if rec.Status != schema.StatusOK || rec.Source.Path != file+"!/2024/报告.txt" || len(rec.Values) == 0 {
		t.Errorf("entry: %s %s: %s", rec.Source.Path, rec.Status, rec.Error)
	}
	if ps, err := c.Paragraphs(context.Background(), file+"!/2024/报告.txt"); err != nil || len(ps) < 5 {
		t.Errorf("an entry's paragraphs: %d, %v", len(ps), err)
	}
	c.MaxSize = 100
	if rec := c.Entry(context.Background(), file, "plain.txt"); rec.ErrorKind != KindOf(extract.ErrTooLarge) {
		t.Errorf("over the limit: %s %s", rec.ErrorKind, rec.Error)
	}
	if rec := New().Entry(context.Background(), file, "missing.txt"); rec.Status != schema.StatusError {
		t.Errorf("missing entry: %s", rec.Status)
	}

	for _, f := range []string{"samples/reports/sample-town-2024.txt", "extract/docx/testdata/example.docx"} {
		if _, ok, _ := ArchiveEntries(f); ok {
			t.Errorf("%s taken for an archive", f)
		}
	}
	damaged := filepath.Join(dir, "damaged.zip")
	os.WriteFile(damaged, []byte("PK\x03\x04 not really"), 0o644)
	if _, ok, err := ArchiveEntries(damaged); !ok || err == nil {
		t.Errorf("a damaged zip: ok %v, err %v", ok, err)
	}
}
