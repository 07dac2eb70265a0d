// Command scanbench measures OCR on reports nobody has tuned it on: it
// scans documents the way generated/scans/MANIFEST.md says the corpus's
// scans were made, reads the scans, and scores each against the same
// document read from its text (which the gold tests hold at 100%).
//
// Each source (a PDF, or an HTML page printed to PDF by Chromium) is
// rendered by pdftoppm in gray and written as an image-only PDF twice:
// clean (200 dpi, JPEG 85) and rough (150–165 dpi, tilted up to 1.5°,
// blurred, noisy, lit unevenly from a corner, JPEG 60), with -seeds
// rough copies of different seeds. A value is right, wrong and marked
// ocr_uncertain, wrong and silent, absent, or invented (a key the text
// does not hold); silent and invented values are what must never happen.
//
//	go run ./scripts/scanbench [-seeds 1] [-keep DIR] [-only rough] [-match TEXT] [FILE | SCAN=FILE ...]
//
// SCAN=FILE reads a scan made elsewhere (the corpus's) against FILE.
//
// The default files are the corpus's real reports of the 2019 and 2021
// templates, the generated report's PDFs and the bundled samples.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

func main() {
	seeds := flag.Int("seeds", 1, "rough scans of each source, each with its own seed")
	keep := flag.String("keep", "", "write the scans into `DIR` and keep them")
	only := flag.String("only", "", "clean or rough: make only that kind")
	workers := flag.Int("w", 2, "scans read at a time")
	verbose := flag.Bool("v", false, "list every value not right")
	match := flag.String("match", "", "only the scans whose names hold `TEXT`")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		files = defaults()
	}
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "scanbench")
		if err != nil {
			fail("%v", err)
		}
		defer os.RemoveAll(d)
		dir = d
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("%v", err)
	}

	type job struct {
		src, scan, kind string
		ref             schema.Record
	}
	var jobs []job
	textConv := gongkai.New()
	textConv.OCR = extract.OCROff
	for _, f := range files {
		// SCAN=SOURCE reads a scan made elsewhere against its source.
		given, f, isGiven := strings.Cut(f, "=")
		if !isGiven {
			f = given
		}
		ref := textConv.File(context.Background(), f)
		if ref.Status == "error" || len(ref.Values) == 0 {
			fmt.Fprintf(os.Stderr, "scanbench: %s: skipped, its text gives no values (%s)\n", f, ref.Error)
			continue
		}
		if isGiven {
			kind := "clean"
			if strings.Contains(given, "rough") {
				kind = "rough"
			}
			jobs = append(jobs, job{f, given, kind, ref})
			continue
		}
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		// Scans already in a kept folder are read again as they are.
		produce := func(out string, rng *rand.Rand) {
			if _, err := os.Stat(out); err == nil && *keep != "" {
				return
			}
			pdf, err := asPDF(f, dir)
			if err == nil {
				err = scan(pdf, out, rng)
			}
			if err != nil {
				fail("%s: %v", f, err)
			}
		}
		var outs []string
		if *only != "rough" {
			outs = append(outs, filepath.Join(dir, base+"-clean.pdf"))
		}
		if *only != "clean" {
			for s := 1; s <= *seeds; s++ {
				outs = append(outs, filepath.Join(dir, fmt.Sprintf("%s-rough%d.pdf", base, s)))
			}
		}
		for _, out := range outs {
			if !strings.Contains(filepath.Base(out), *match) {
				continue
			}
			var rng *rand.Rand
			kind := "clean"
			if strings.Contains(out, "-rough") {
				var s int
				fmt.Sscanf(out[strings.LastIndex(out, "-rough")+6:], "%d", &s)
				rng, kind = rand.New(rand.NewPCG(uint64(s), hash(base))), "rough"
			}
			produce(out, rng)
			jobs = append(jobs, job{f, out, kind, ref})
		}
	}

	results := make([]string, len(jobs))
	type tally struct{ values, right, marked, silent, absent, invented, meta, docs int }
	totals := map[string]*tally{"clean": {}, "rough": {}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, *workers)
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			rec := gongkai.New().File(context.Background(), j.scan)
			took := time.Since(start)
			uncertain := map[string]bool{}
			for _, p := range rec.Problems {
				if p.Kind == schema.ProblemOCRUncertain {
					uncertain[p.Key] = true
				}
			}
			var t tally
			var notes []string
			for k, want := range j.ref.Values {
				t.values++
				got, ok := rec.Values[k]
				switch {
				case !ok:
					t.absent++
					notes = append(notes, fmt.Sprintf("  absent   %s = %v", k, want))
				case got == want:
					t.right++
				case uncertain[k]:
					t.marked++
					notes = append(notes, fmt.Sprintf("  marked   %s = %v, not %v", k, got, want))
				default:
					t.silent++
					notes = append(notes, fmt.Sprintf("  SILENT   %s = %v, not %v", k, got, want))
				}
			}
			for k, got := range rec.Values {
				if _, ok := j.ref.Values[k]; !ok {
					t.invented++
					notes = append(notes, fmt.Sprintf("  INVENTED %s = %v", k, got))
				}
			}
			meta := rec.Report.Agency == j.ref.Report.Agency && rec.Report.Year == j.ref.Report.Year
			if meta {
				t.meta++
			} else {
				notes = append(notes, fmt.Sprintf("  metadata %q %d, not %q %d", rec.Report.Agency, rec.Report.Year, j.ref.Report.Agency, j.ref.Report.Year))
			}
			t.docs++
			sort.Strings(notes)
			line := fmt.Sprintf("%-5s %-40s %3d/%3d right, %d marked, %d silent, %d absent, %d invented, %d pages in %.0fs",
				j.kind, filepath.Base(j.scan), t.right, t.values, t.marked, t.silent, t.absent, t.invented, rec.Source.OCRPages, took.Seconds())
			if rec.Status == "error" {
				line += "; error: " + rec.Error
			}
			if *verbose || t.silent > 0 || t.invented > 0 || !meta {
				line += "\n" + strings.Join(notes, "\n")
			}
			results[i] = line
			fmt.Fprintln(os.Stderr, line)
			mu.Lock()
			s := totals[j.kind]
			s.values += t.values
			s.right += t.right
			s.marked += t.marked
			s.silent += t.silent
			s.absent += t.absent
			s.invented += t.invented
			s.meta += t.meta
			s.docs += t.docs
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(strings.Join(results, "\n"))
	for _, k := range []string{"clean", "rough"} {
		s := totals[k]
		if s.docs == 0 {
			continue
		}
		fmt.Printf("%s: %d/%d right (%.2f%%), %d marked, %d silent, %d absent, %d invented; metadata %d/%d\n",
			k, s.right, s.values, 100*float64(s.right)/float64(s.values), s.marked, s.silent, s.absent, s.invented, s.meta, s.docs)
	}
}

// defaults are the corpus's reports of the current templates whose text
// reads, and the bundled samples.
func defaults() []string {
	var fs []string
	for _, g := range []string{
		"../shared/corpus/real/*.pdf",
		"../shared/corpus/real/pingtan-20[12]?.html",
		"../shared/corpus/real/shanghai-*.html",
		"../shared/corpus/real/suqian-*.html",
		"../shared/corpus/generated/report_serif.pdf",
		"../shared/corpus/generated/report_wqy.pdf",
		"samples/reports/*.html",
	} {
		m, _ := filepath.Glob(g)
		fs = append(fs, m...)
	}
	return fs
}

// asPDF returns f as a PDF: itself, or an HTML page printed by Chromium.
func asPDF(f, dir string) (string, error) {
	if strings.EqualFold(filepath.Ext(f), ".pdf") {
		return f, nil
	}
	abs, err := filepath.Abs(f)
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".printed.pdf")
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "chromium-profile"), "--no-pdf-header-footer",
		"--print-to-pdf="+out, "file://"+abs)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("chromium (Debian package chromium): %v\n%s", err, b)
	}
	return out, nil
}

// scan renders pdf page by page and writes the pages as an image-only
// PDF: clean when rng is nil, rough otherwise.
func scan(pdf, out string, rng *rand.Rand) error {
	dpi := 200
	quality := 85
	if rng != nil {
		dpi = 150 + rng.IntN(16)
		quality = 60
	}
	tmp, err := os.MkdirTemp("", "scanbench-pages")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if b, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-png", pdf, filepath.Join(tmp, "p")).CombinedOutput(); err != nil {
		return fmt.Errorf("pdftoppm (Debian package poppler-utils): %v\n%s", err, b)
	}
	pages, _ := filepath.Glob(filepath.Join(tmp, "p-*.png"))
	slices.Sort(pages)
	var jpegs [][]byte
	var sizes []image.Point
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return err
		}
		g := toGray(img)
		if rng != nil {
			g = degrade(g, rng)
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, g, &jpeg.Options{Quality: quality}); err != nil {
			return err
		}
		jpegs = append(jpegs, b.Bytes())
		sizes = append(sizes, g.Bounds().Size())
	}
	return os.WriteFile(out, imagePDF(jpegs, sizes, dpi), 0o644)
}

func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	r := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			g.Set(x, y, color.GrayModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)))
		}
	}
	return g
}

// degrade does to a page what the manifest's rough scans went through:
// a tilt of up to 1.5° (white brought in at the edges), a Gaussian blur
// of radius 0.6–0.9, Gaussian noise of σ 9–12, and light falling
// linearly to 0.78–0.9 towards one corner.
func degrade(g *image.Gray, rng *rand.Rand) *image.Gray {
	angle := (rng.Float64()*3 - 1.5) * math.Pi / 180
	blur := 0.6 + rng.Float64()*0.3
	sigma := 9 + rng.Float64()*3
	light := 0.78 + rng.Float64()*0.12
	w, h := g.Rect.Dx(), g.Rect.Dy()
	corner := [2]float64{float64(rng.IntN(2) * w), float64(rng.IntN(2) * h)}

	src := make([]float64, w*h)
	for i, v := range g.Pix[:w*h] {
		src[i] = float64(v)
	}
	// Tilt about the centre, bilinear.
	rot := make([]float64, w*h)
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sincos(angle)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy
			rot[y*w+x] = bilinear(src, w, h, sx, sy)
		}
	}
	rot = gauss(rot, w, h, blur)
	far := math.Hypot(float64(w), float64(h))
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			d := math.Hypot(float64(x)-corner[0], float64(y)-corner[1]) / far
			v := rot[y*w+x]*(light+(1-light)*d) + rng.NormFloat64()*sigma
			out.Pix[y*w+x] = uint8(math.Max(0, math.Min(255, math.Round(v))))
		}
	}
	return out
}

func bilinear(p []float64, w, h int, x, y float64) float64 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return p[y*w+x]
	}
	return (at(x0, y0)*(1-fx)+at(x0+1, y0)*fx)*(1-fy) + (at(x0, y0+1)*(1-fx)+at(x0+1, y0+1)*fx)*fy
}

// gauss blurs p with a separable Gaussian of standard deviation s.
func gauss(p []float64, w, h int, s float64) []float64 {
	r := int(math.Ceil(3 * s))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * s * s))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp := make([]float64, len(p))
	out := make([]float64, len(p))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 0.0
			for i, kv := range k {
				xx := min(max(x+i-r, 0), w-1)
				v += kv * p[y*w+xx]
			}
			tmp[y*w+x] = v
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := 0.0
			for i, kv := range k {
				yy := min(max(y+i-r, 0), h-1)
				v += kv * tmp[yy*w+x]
			}
			out[y*w+x] = v
		}
	}
	return out
}

// imagePDF writes one page a JPEG, each filling a page of its size at dpi.
func imagePDF(jpegs [][]byte, sizes []image.Point, dpi int) []byte {
	n := len(jpegs)
	var objs []string
	kids := make([]string, n)
	for i := range jpegs {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, strings.Join(kids, " ")))
	for i, j := range jpegs {
		w := float64(sizes[i].X) * 72 / float64(dpi)
		h := float64(sizes[i].Y) * 72 / float64(dpi)
		img, content := 4+3*i, 5+3*i
		draw := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, img, content),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", sizes[i].X, sizes[i].Y, len(j), j),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "scanbench: "+format+"\n", args...)
	os.Exit(1)
}
