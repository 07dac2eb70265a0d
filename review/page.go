package review

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/schema"
)

// A PDF page is drawn by pdftoppm (Debian poppler-utils), found on PATH
// when it is first needed.
const (
	pageDPI     = 110
	renderTool  = "pdftoppm"
	installHint = "apt-get install poppler-utils"
	maxCached   = 64
	renderLimit = 30 * time.Second
)

type pageRenderer struct {
	mu    sync.Mutex
	cache map[string][]byte
	order []string
	// geom holds each page's geometry once read: a few numbers a page
	// of the records, so it is not bounded like the pictures.
	geom map[string]geometry
}

func newPageRenderer() *pageRenderer {
	return &pageRenderer{cache: map[string][]byte{}, geom: map[string]geometry{}}
}

// geometry is page n's crop box and rotation, read once; ok is false
// when pdfinfo cannot say.
func (p *pageRenderer) geometry(path string, n int) (geometry, bool) {
	key := path + "\x00" + strconv.Itoa(n)
	p.mu.Lock()
	g, ok := p.geom[key]
	p.mu.Unlock()
	if ok {
		return g, true
	}
	ctx, cancel := context.WithTimeout(context.Background(), renderLimit)
	defer cancel()
	g, err := pageGeometry(ctx, path, n)
	if err != nil {
		return geometry{}, false
	}
	p.mu.Lock()
	p.geom[key] = g
	p.mu.Unlock()
	return g, true
}

func (p *pageRenderer) available() bool {
	_, err := exec.LookPath(renderTool)
	return err == nil
}

// png draws page n of the PDF at path.
func (p *pageRenderer) png(path string, n int) ([]byte, error) {
	key := path + "\x00" + strconv.Itoa(n)
	p.mu.Lock()
	if b, ok := p.cache[key]; ok {
		p.mu.Unlock()
		return b, nil
	}
	p.mu.Unlock()
	tool, err := exec.LookPath(renderTool)
	if err != nil {
		return nil, fmt.Errorf("review: %s not found on PATH, so PDF pages cannot be drawn (%s)", renderTool, installHint)
	}
	dir, err := os.MkdirTemp("", "gongkai-page-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), renderLimit)
	defer cancel()
	out := filepath.Join(dir, "page")
	cmd := exec.CommandContext(ctx, tool, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-r", strconv.Itoa(pageDPI), "-png", "-singlefile", "--", path, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("review: %s page %d: %v: %s", renderTool, n, err, bytes.TrimSpace(msg))
	}
	b, err := os.ReadFile(out + ".png")
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	if len(p.order) >= maxCached {
		delete(p.cache, p.order[0])
		p.order = p.order[1:]
	}
	p.cache[key] = b
	p.order = append(p.order, key)
	p.mu.Unlock()
	return b, nil
}

// pageModel is a PDF page with the boxes of the values printed on it.
type pageModel struct {
	Report *Report
	Page   int
	Image  string // the page's picture, relative to the page view
	Error  string
	W, H   float64 // the page in points
	Boxes  []box
}

type box struct {
	Key, Value, Where string
	X, Y, W, H        float64 // in the SVG's units: points from the top left
}

// pageView serves report/<id>/page-<n>.html (the page with its values'
// boxes; the box a link names is outlined) and page-<n>.png.
func (s *Site) pageView(w http.ResponseWriter, r *http.Request) {
	rep := s.byID[r.PathValue("id")]
	file := r.PathValue("file")
	name, ext, _ := strings.Cut(file, ".")
	n, err := strconv.Atoi(strings.TrimPrefix(name, "page-"))
	if rep == nil || !strings.HasPrefix(name, "page-") || err != nil || n < 1 || (rep.Rec.Source.Pages > 0 && n > rep.Rec.Source.Pages) || rep.Rec.Source.Format != "pdf" {
		http.NotFound(w, r)
		return
	}
	switch ext {
	case "png":
		if rep.Source == "" {
			http.NotFound(w, r)
			return
		}
		b, err := s.pages.png(rep.Source, n)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(b)
	case "html":
		m := pageModel{Report: rep, Page: n, Image: fmt.Sprintf("page-%d.png", n)}
		switch {
		case rep.Source == "":
			m.Error = "the source file is not at " + rep.Rec.Source.Path + " any more: the page cannot be drawn"
		default:
			b, err := s.pages.png(rep.Source, n)
			if err != nil {
				m.Error = err.Error()
				break
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(b))
			if err != nil {
				m.Error = err.Error()
				break
			}
			m.W, m.H = float64(cfg.Width)*72/pageDPI, float64(cfg.Height)*72/pageDPI
		}
		m.Boxes = boxesOn(rep.Rec, n)
		// Where the page is drawn: its crop box and rotation, from pdfinfo;
		// without them, a page from the origin, upright.
		var g geometry
		ok := false
		if rep.Source != "" && m.Error == "" {
			g, ok = s.pages.geometry(rep.Source, n)
		}
		if !ok {
			if m.W == 0 { // no picture: a page as large as its boxes
				for _, b := range m.Boxes {
					m.W, m.H = max(m.W, b.X+b.W+36), max(m.H, b.Y+b.H+36)
				}
			}
			g = geometry{X1: m.W, Y1: m.H}
		}
		for i := range m.Boxes {
			m.Boxes[i] = g.place(m.Boxes[i])
		}
		if m.Error != "" {
			m.Image = ""
		}
		s.render(w, "page.html", "../../", fmt.Sprintf("%s page %d", rep.Rec.Report.Agency, n), m)
	default:
		http.NotFound(w, r)
	}
}

// boxesOn lists the values printed on page n, in reading order; Y is the
// box's bottom, from the page's bottom.
func boxesOn(rec schema.Record, n int) []box {
	var out []box
	for k, p := range rec.Provenance {
		if p.Page != n || p.Box == nil {
			continue
		}
		v, _ := rec.Values[k]
		out = append(out, box{Key: k, Value: fmtValue(v), Where: where(p),
			X: p.Box.X0, Y: p.Box.Y0, W: p.Box.X1 - p.Box.X0, H: p.Box.Y1 - p.Box.Y0})
	}
	slices.SortFunc(out, func(a, b box) int { // top to bottom, left to right
		return cmp.Or(cmp.Compare(b.Y, a.Y), cmp.Compare(a.X, b.X), strings.Compare(a.Key, b.Key))
	})
	return out
}

// pagesOf lists the pages of a PDF record that print values with boxes.
func pagesOf(rec schema.Record) []int {
	var ps []int
	if rec.Source.Format != "pdf" {
		return nil
	}
	for _, p := range rec.Provenance {
		if p.Box != nil && p.Page > 0 && !slices.Contains(ps, p.Page) {
			ps = append(ps, p.Page)
		}
	}
	slices.Sort(ps)
	return ps
}
