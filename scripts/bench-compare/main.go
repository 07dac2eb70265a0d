// Command bench-compare measures gongkai against its peers, pdftotext
// -layout (Debian package poppler-utils) and mutool draw -F txt (package
// mupdf-tools), on the same PDFs in the same run: start-up (beside Go's
// floor, a program that prints a line, and the floor of the packages the
// design chose, the same program linking them), one process a file, every file in
// one process, and gongkai in this process (time a page, allocations a
// document). Rounds are interleaved — each round runs every
// tool on every file — and each figure is given as the minimum and the
// median over the rounds: on a shared machine the minimum is the run least
// disturbed, the median the typical one. A ratio is gongkai's time over
// pdftotext's in the same round.
//
// With -pages N it builds, with qpdf (package qpdf), PDFs of 50 and of N
// pages from the given files and measures those instead: time, time a page,
// peak resident memory, and how the cost a page grows from 50 to N.
//
//	go run ./scripts/bench-compare [-rounds 5] [-pages 1000] [dir ...]
//
// The default dirs are the shared corpus's real/ and generated/ (not their
// subfolders: the scans there are for OCR, which no peer does). gongkai
// runs with --ocr off: the peers read text layers only, and a file whose
// fonts map no glyph to Unicode would otherwise be rendered and OCR'd.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/pdf"
)

func main() {
	rounds := flag.Int("rounds", 5, "interleaved rounds")
	pages := flag.Int("pages", 0, "build PDFs of 50 and of `N` pages from the files (with qpdf) and measure those")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"../shared/corpus/real", "../shared/corpus/generated"}
	}
	need("pdftotext", "poppler-utils")
	mutool := have("mutool", "mupdf-tools")
	var files []string
	for _, d := range dirs {
		m, _ := filepath.Glob(filepath.Join(d, "*.pdf"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		fail("no PDF files in %s", strings.Join(dirs, ", "))
	}
	tmp, err := os.MkdirTemp("", "bench-compare")
	if err != nil {
		fail("%v", err)
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "gongkai")
	if out, err := exec.Command("go", "build", "-tags", "netgo osusergo", "-o", bin, "./cmd/gongkai").CombinedOutput(); err != nil {
		fail("go build: %v\n%s", err, out)
	}
	fmt.Printf("%d rounds, %d CPUs, load %s\n", *rounds, runtime.NumCPU(), load())
	if *pages > 0 {
		need("qpdf", "qpdf")
		long(bin, files, tmp, *pages, *rounds, mutool)
		return
	}
	startup(bin, hello(tmp), chosen(tmp), *rounds)
	perFile(bin, files, *rounds, mutool)
	inProcess(files, *rounds)
}

// run is one process's cost.
type run struct {
	wall, cpu time.Duration
	rssKB     int64
}

func exe(name string, args ...string) run {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	t := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(t)}
	if cmd.ProcessState == nil {
		fail("%s: %v", name, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.rssKB = ru.Maxrss
	}
	return r
}

// series collects one figure over the rounds.
type series []float64

func (s series) min() float64 { return slices.Min(s) }
func (s series) median() float64 {
	c := slices.Clone(s)
	slices.Sort(c)
	if n := len(c); n%2 == 0 {
		return (c[n/2-1] + c[n/2]) / 2
	}
	return c[len(c)/2]
}
func (s series) String() string { return fmt.Sprintf("%s / %s", num(s.min()), num(s.median())) }

func num(f float64) string {
	switch {
	case f >= 100:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case f >= 10:
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

func ms(d time.Duration) float64 { return d.Seconds() * 1000 }

// startup: `gongkai version` against `pdftotext -v`, package init as
// GODEBUG=inittrace=1 reports it, and the floor: a Go program that prints
// one line, which pays the runtime's start and nothing else.
func startup(bin, floor, chosenFloor string, rounds int) {
	var gCPU, gWall, pCPU, ratio, fCPU, cCPU, initMS series
	for range rounds {
		g := exe(bin, "version")
		p := exe("pdftotext", "-v")
		f := exe(floor)
		c := exe(chosenFloor)
		gCPU, gWall, pCPU, fCPU = append(gCPU, ms(g.cpu)), append(gWall, ms(g.wall)), append(pCPU, ms(p.cpu)), append(fCPU, ms(f.cpu))
		ratio = append(ratio, g.cpu.Seconds()/p.cpu.Seconds())
		cCPU = append(cCPU, ms(c.cpu))
		initMS = append(initMS, initTime(bin))
	}
	fmt.Printf("\nstart-up, ms (min / median)\n")
	fmt.Printf("  gongkai version   CPU %s   wall %s   CPU ÷ pdftotext -v %s\n", gCPU, gWall, ratio)
	fmt.Printf("  pdftotext -v      CPU %s\n", pCPU)
	fmt.Printf("  Go's floor (a program printing a line)  CPU %s\n", fCPU)
	fmt.Printf("  the chosen packages' floor (the same, linking viper, x/net/html, net/http)  CPU %s\n", cCPU)
	fmt.Printf("  package init (GODEBUG=inittrace=1)  %s\n", initMS)
}

// hello builds the floor's program in dir.
func hello(dir string) string {
	src := filepath.Join(dir, "hello")
	os.MkdirAll(src, 0o755)
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n"), 0o644)
	os.WriteFile(filepath.Join(src, "main.go"), []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n"), 0o644)
	bin := filepath.Join(dir, "hello-bin")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("go build (the floor's program): %v\n%s", err, out)
	}
	return bin
}

// chosen builds the floor of the packages the design chose: the program
// that prints a line, linking those that start work at init whatever the
// command (viper and its codecs, x/net/html for its node type, net/http
// for the review page), built in this module, at its versions.
func chosen(dir string) string {
	src := filepath.Join(dir, "chosen.go")
	os.WriteFile(src, []byte(`package main

import (
	"os"

	_ "github.com/spf13/pflag"
	_ "github.com/spf13/viper"
	_ "golang.org/x/net/html"
	_ "html/template"
	_ "net/http"
)

func main() { os.Stdout.WriteString("hello\n") }
`), 0o644)
	bin := filepath.Join(dir, "chosen-bin")
	if out, err := exec.Command("go", "build", "-tags", "netgo osusergo", "-o", bin, src).CombinedOutput(); err != nil {
		fail("go build (the chosen packages' floor): %v\n%s", err, out)
	}
	return bin
}

var initLine = regexp.MustCompile(`^init \S+ @\S+ ms, ([0-9.]+) ms clock`)

func initTime(bin string) float64 {
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		fail("gongkai version: %v", err)
	}
	var total float64
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if m := initLine.FindStringSubmatch(sc.Text()); m != nil {
			f, _ := strconv.ParseFloat(m[1], 64)
			total += f
		}
	}
	return total
}

// perFile runs every tool on every file, one process each, then gongkai on
// all the files in one process.
func perFile(bin string, files []string, rounds int, mutool bool) {
	type fileSeries struct{ g, p, m, ratio, mratio series }
	per := make([]fileSeries, len(files))
	var allG, allP, allRatio series
	for range rounds {
		var sumP time.Duration
		for i, f := range files {
			g := exe(bin, "extract", "-q", "--ocr", "off", "-o", os.DevNull, f)
			p := exe("pdftotext", "-layout", f, os.DevNull)
			s := &per[i]
			s.g, s.p, s.ratio = append(s.g, ms(g.wall)), append(s.p, ms(p.wall)), append(s.ratio, g.wall.Seconds()/p.wall.Seconds())
			if mutool {
				m := exe("mutool", "draw", "-q", "-F", "txt", "-o", os.DevNull, f)
				s.m, s.mratio = append(s.m, ms(m.wall)), append(s.mratio, g.wall.Seconds()/m.wall.Seconds())
			}
			sumP += p.wall
		}
		all := exe(bin, append([]string{"extract", "-q", "--ocr", "off", "-o", os.DevNull}, files...)...)
		allG, allP, allRatio = append(allG, ms(all.wall)), append(allP, ms(sumP)), append(allRatio, all.wall.Seconds()/sumP.Seconds())
	}
	fmt.Printf("\none process a file, start-up included: wall ms and ratios, min / median\n")
	fmt.Printf("%-36s %15s %15s %15s %13s %13s\n", "file", "gongkai", "pdftotext", "mutool", "÷ pdftotext", "÷ mutool")
	var worst series
	for i, f := range files {
		s := per[i]
		m, mr := "-", "-"
		if mutool {
			m, mr = s.m.String(), s.mratio.String()
		}
		fmt.Printf("%-36s %15s %15s %15s %13s %13s\n", filepath.Base(f), s.g, s.p, m, s.ratio, mr)
		worst = append(worst, s.ratio.median())
	}
	fmt.Printf("worst file's median ratio to pdftotext: %s\n", num(slices.Max(worst)))
	fmt.Printf("\nevery file in one gongkai process (default workers) against pdftotext's runs summed\n")
	fmt.Printf("  gongkai %s ms   pdftotext %s ms   ratio %s\n", allG, allP, allRatio)
}

// inProcess converts every file in this process: time a page and
// allocations a document, the library's own cost, and that time against
// pdftotext's a page, one process a file, in the same round (the issue's
// first measure: 2.4–2.8 ms against 4.8).
func inProcess(files []string, rounds int) {
	conv := &gongkai.Converter{Registry: extract.NewRegistry(pdf.New()), OCR: extract.OCROff}
	ctx := context.Background()
	pages := 0
	for _, f := range files {
		pages += conv.File(ctx, f).Source.Pages
	}
	var perPage, pdftotext, ratio, allocs series
	for range rounds {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		t := time.Now()
		for _, f := range files {
			conv.File(ctx, f)
		}
		el := time.Since(t)
		runtime.ReadMemStats(&after)
		var p time.Duration
		for _, f := range files {
			p += exe("pdftotext", "-layout", f, os.DevNull).wall
		}
		perPage = append(perPage, ms(el)/float64(pages))
		pdftotext = append(pdftotext, ms(p)/float64(pages))
		ratio = append(ratio, el.Seconds()/p.Seconds())
		allocs = append(allocs, float64(after.Mallocs-before.Mallocs)/float64(len(files)))
	}
	fmt.Printf("\nin this process, one file at a time (%d files, %d pages), min / median\n", len(files), pages)
	fmt.Printf("  ms a page %s   allocations a document %s\n", perPage, allocs)
	fmt.Printf("  pdftotext, one process a file: ms a page %s   ratio %s\n", pdftotext, ratio)
}

// long builds PDFs of 50 and n pages and measures each tool on them.
func long(bin string, files []string, tmp string, n, rounds int, mutool bool) {
	var src []string
	for _, f := range files {
		if !strings.Contains(filepath.Base(f), "_enc_") { // qpdf would need the passwords
			src = append(src, f)
		}
	}
	sizes := []int{50, n}
	if n == 50 {
		sizes = sizes[:1]
	}
	built := map[int]string{}
	for _, k := range sizes {
		built[k] = build(src, tmp, k)
	}
	type sizeSeries struct{ g, p, m, ratio, rss, gPage series }
	res := map[int]*sizeSeries{}
	for _, k := range sizes {
		res[k] = &sizeSeries{}
	}
	for range rounds {
		for _, k := range sizes {
			f, s := built[k], res[k]
			g := exe(bin, "extract", "-q", "--ocr", "off", "-o", os.DevNull, f)
			p := exe("pdftotext", "-layout", f, os.DevNull)
			s.g, s.p = append(s.g, ms(g.wall)), append(s.p, ms(p.wall))
			s.ratio = append(s.ratio, g.wall.Seconds()/p.wall.Seconds())
			s.rss = append(s.rss, float64(g.rssKB)/1024)
			s.gPage = append(s.gPage, ms(g.wall)/float64(k))
			if mutool {
				m := exe("mutool", "draw", "-q", "-F", "txt", "-o", os.DevNull, f)
				s.m = append(s.m, ms(m.wall))
			}
		}
	}
	fmt.Printf("\nlong documents built with qpdf from %d files: min / median\n", len(src))
	fmt.Printf("%6s %17s %17s %17s %13s %15s %15s\n", "pages", "gongkai ms", "pdftotext ms", "mutool ms", "÷ pdftotext", "gongkai ms/page", "peak RSS MB")
	for _, k := range sizes {
		s := res[k]
		m := "-"
		if mutool {
			m = s.m.String()
		}
		fmt.Printf("%6d %17s %17s %17s %13s %15s %15s\n", k, s.g, s.p, m, s.ratio, s.gPage, s.rss)
	}
	if len(sizes) == 2 {
		fmt.Printf("cost a page at %d ÷ at 50: %s (min) / %s (median)\n", n,
			num(res[n].gPage.min()/res[50].gPage.min()), num(res[n].gPage.median()/res[50].gPage.median()))
	}
}

// build concatenates the pages of src, cycling, into a PDF of n pages.
func build(src []string, tmp string, n int) string {
	args := []string{"--empty", "--pages"}
	total := 0
	for total < n {
		for _, f := range src {
			out, err := exec.Command("qpdf", "--show-npages", f).Output()
			k, _ := strconv.Atoi(strings.TrimSpace(string(out)))
			if err != nil || k == 0 {
				continue
			}
			take := min(k, n-total)
			args = append(args, f, fmt.Sprintf("1-%d", take))
			if total += take; total == n {
				break
			}
		}
		if total == 0 {
			fail("qpdf reads none of the files")
		}
	}
	out := filepath.Join(tmp, fmt.Sprintf("pages-%d.pdf", n))
	if b, err := exec.Command("qpdf", append(args, "--", out)...).CombinedOutput(); err != nil {
		fail("qpdf: %v\n%s", err, b)
	}
	return out
}

func load() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func need(tool, pkg string) {
	if !have(tool, pkg) {
		fail("%s not found on PATH (Debian package %s: apt-get install %s)", tool, pkg, pkg)
	}
}

func have(tool, pkg string) bool {
	if _, err := exec.LookPath(tool); err != nil {
		fmt.Fprintf(os.Stderr, "bench-compare: %s not found (Debian package %s); its column is left out\n", tool, pkg)
		return false
	}
	return true
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench-compare: "+format+"\n", args...)
	os.Exit(1)
}
