package review

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
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
		req := httptest.NewRequest(http.MethodGet, p, nil)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			if strings.HasSuffix(p, ".png") {
				continue // a page that cannot be drawn: its view says why
			}
			return fmt.Errorf("review: export %s: %d %s", p, rec.Code, strings.TrimSpace(rec.Body.String()))
		}
		out := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "/")))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return fmt.Errorf("review: export: %w", err)
		}
		if err := os.WriteFile(out, rec.Body.Bytes(), 0o644); err != nil {
			return fmt.Errorf("review: export: %w", err)
		}
	}
	return nil
}
