package docx_test

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/schema"
)

// TestLibreOfficeRoundTrip has LibreOffice write the sample reports (HTML)
// as .docx and .doc, and the corpus's .docx files as .doc, then wants every
// value gongkai reads from a converted file to equal what it reads from the
// file it was made from: the Word readers, .doc through LibreOffice
// included, on tables that are not the corpus's.
func TestLibreOfficeRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversions take seconds; skipped with -short")
	}
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
	}
	samples, _ := filepath.Glob("../../samples/reports/*.html")
	corpus, _ := filepath.Glob("../../../shared/corpus/generated/*.docx")
	if len(corpus) == 0 {
		t.Log("no ../shared/corpus beside the repository: only the samples are converted")
	}
	dir := t.TempDir()
	convert := func(target, out string, srcs []string) {
		if len(srcs) == 0 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
			"--headless", "--convert-to", target, "--outdir", filepath.Join(dir, out)}, srcs...)
		if b, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
	}
	convert("docx:MS Word 2007 XML", "docx", samples)
	convert("doc:MS Word 97", "doc", append(append([]string{}, samples...), corpus...))

	conv := gongkai.New()
	read := func(t *testing.T, path string) schema.Record {
		t.Helper()
		rec := conv.File(context.Background(), path)
		if rec.Status != schema.StatusOK {
			t.Fatalf("%s: status %s: %s", path, rec.Status, rec.Error)
		}
		return rec
	}
	for _, src := range append(append([]string{}, samples...), corpus...) {
		base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
		want := read(t, src)
		if len(want.Values) < 150 {
			t.Fatalf("%s: only %d values", src, len(want.Values))
		}
		for _, made := range []string{filepath.Join(dir, "docx", base+".docx"), filepath.Join(dir, "doc", base+".doc")} {
			if _, err := os.Stat(made); err != nil {
				continue // a .docx source is converted to .doc only
			}
			t.Run(filepath.Base(made), func(t *testing.T) {
				got := read(t, made)
				if !maps.Equal(got.Values, want.Values) {
					for k, v := range want.Values {
						if g, ok := got.Values[k]; !ok || g != v {
							t.Errorf("%s = %v (present %v), want %v as in %s", k, g, ok, v, filepath.Base(src))
						}
					}
					for k := range got.Values {
						if _, ok := want.Values[k]; !ok {
							t.Errorf("%s read from the conversion only", k)
						}
					}
				}
				if got.Report.Agency != want.Report.Agency || got.Report.Year != want.Report.Year {
					t.Errorf("report %+v, want %+v", got.Report, want.Report)
				}
			})
		}
	}
}
