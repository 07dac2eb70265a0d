package review

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Export writes the site into dir as static files, each page as the
// server serves it, so that the site opens from the file system (a USB
// stick, a story's attachments) with working links.
func (s *Site) Export(dir string) error {
	paths := []string{"/index.html", "/findings.html", "/findings.csv"}
	assets, _ := fs.ReadDir(files, "assets")
	for _, a := range assets {
		paths = append(paths, "/assets/"+a.Name())
	}
	for _, b := range s.bodies {
		paths = append(paths, "/body/"+b.ID+".html")
	}
	for _, r := range s.reports {
		paths = append(paths, "/report/"+r.ID+".html")
		if r.Source != "" {
			paths = append(paths, "/source/"+sourceFile(r))
			for _, n := range pagesOf(r.Rec) {
				paths = append(paths, fmt.Sprintf("/report/%s/page-%d.html", r.ID, n))
				if s.pages.available() {
					paths = append(paths, fmt.Sprintf("/report/%s/page-%d.png", r.ID, n))
				}
			}
		}
	}
	for _, p := range paths {
		req, err := http.NewRequest(http.MethodGet, p, nil)
		if err != nil {
			return fmt.Errorf("review: export %s: %w", p, err)
		}
		rec := &capture{header: http.Header{}}
		s.ServeHTTP(rec, req)
		if rec.code != http.StatusOK {
			if strings.HasSuffix(p, ".png") {
				continue // a page that cannot be drawn: its view says why
			}
			return fmt.Errorf("review: export %s: %d %s", p, rec.code, strings.TrimSpace(rec.body.String()))
		}
		out := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/")))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return fmt.Errorf("review: export: %w", err)
		}
		if err := os.WriteFile(out, rec.body.Bytes(), 0o644); err != nil {
			return fmt.Errorf("review: export: %w", err)
		}
	}
	return nil
}

// capture is the response a page's handler writes, kept for its file.
// (httptest's recorder would do, but it would put a test package, and its
// start-up work, into the binary.)
type capture struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(code int) {
	if c.code == 0 {
		c.code = code
	}
}

func (c *capture) Write(b []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	return c.body.Write(b)
}
