package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai"
)

// TestLibreOfficeRoundTrip renders the project's own sample reports
// (samples/reports, made by samples/generate) to PDF with LibreOffice at
// test time, in variants whose tables are laid out unlike the corpus's,
// and requires every value read from each PDF to equal the value read from
// its HTML. It skips when soffice is not installed (Debian package
// libreoffice-writer-nogui). With a CJK font (fonts-wqy-zenhei) LibreOffice
// draws real glyphs; without one, .notdef glyphs with /ActualText, which
// must read too.
func TestLibreOfficeRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (Debian package libreoffice-writer-nogui)")
	}
	samples, _ := filepath.Glob("../../samples/reports/*.html")
	if len(samples) == 0 {
		t.Fatal("no sample reports under samples/reports")
	}
	dir := t.TempDir()
	type variant struct {
		name string
		edit func(string) string
	}
	split := func(n int) func(string) string { // push table 三 across a page break
		return func(s string) string {
			i := strings.Index(s, "三、收到和处理政府信息公开申请情况")
			if i < 0 {
				return s
			}
			i = strings.LastIndex(s[:i], "<")
			return s[:i] + strings.Repeat("<p>本段落把下面的表格推到分页处。</p>\n", n) + s[i:]
		}
	}
	// without rules, keeping the cell padding real borderless tables have
	noBorder := func(s string) string {
		return strings.ReplaceAll(s, `border="1" cellspacing="0" cellpadding="0"`, `border="0" cellspacing="0" cellpadding="4"`)
	}
	variants := []variant{{"plain", func(s string) string { return s }}}
	for _, n := range []int{6, 12, 18, 24} {
		variants = append(variants, variant{fmt.Sprint("split", n), split(n)})
	}
	// Without a CJK font LibreOffice draws every character as a tiny
	// .notdef box: bordered tables still read, borderless ones collapse
	// into a layout no published report has.
	if out, _ := exec.Command("fc-list", ":lang=zh", "family").Output(); len(bytes.TrimSpace(out)) > 0 {
		variants = append(variants, variant{"noborder", noBorder})
		for _, n := range []int{6, 12, 18, 24} {
			variants = append(variants, variant{fmt.Sprint("noborder-split", n), func(s string) string { return noBorder(split(n)(s)) }})
		}
	} else {
		t.Log("no CJK font (Debian package fonts-wqy-zenhei): borderless variants left out")
	}
	var want []string // HTML files whose values the PDFs must match
	for _, src := range samples {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		gbk := bytes.Contains(b, []byte("charset=gb2312"))
		text := string(b)
		if gbk {
			if b, err = simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil {
				t.Fatal(err)
			}
			text = string(b)
		}
		for _, v := range variants {
			out := []byte(v.edit(text))
			if gbk {
				if out, err = simplifiedchinese.GBK.NewEncoder().Bytes(out); err != nil {
					t.Fatal(err)
				}
			}
			name := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), ".html")+"-"+v.name+".html")
			if err := os.WriteFile(name, out, 0o644); err != nil {
				t.Fatal(err)
			}
			want = append(want, name)
		}
	}
	// one LibreOffice run for all files, with a profile of its own
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
		"--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", dir}, want...)
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	conv := gongkai.New()
	for _, html := range want {
		pdf := strings.TrimSuffix(html, ".html") + ".pdf"
		t.Run(filepath.Base(pdf), func(t *testing.T) {
			if _, err := os.Stat(pdf); err != nil {
				t.Fatalf("LibreOffice wrote no PDF: %v", err)
			}
			h, p := conv.File(context.Background(), html), conv.File(context.Background(), pdf)
			if len(h.Values) < 150 {
				t.Fatalf("the HTML reads only %d values: %s", len(h.Values), h.Error)
			}
			var diff []string
			for k, hv := range h.Values {
				if pv, ok := p.Values[k]; !ok || pv != hv {
					diff = append(diff, fmt.Sprintf("%s: html %v, pdf %v (present %v)", k, hv, pv, ok))
				}
			}
			for k := range p.Values {
				if _, ok := h.Values[k]; !ok {
					diff = append(diff, k+": only in the PDF")
				}
			}
			sort.Strings(diff)
			if len(diff) > 0 {
				t.Errorf("status %s %s; %d of %d values differ:\n%s", p.Status, p.Error, len(diff), len(h.Values),
					strings.Join(diff[:min(len(diff), 12)], "\n"))
			}
			if p.Report.Year != h.Report.Year || p.Report.Agency != h.Report.Agency {
				t.Errorf("report %+v, want %+v", p.Report, h.Report)
			}
		})
	}
}
