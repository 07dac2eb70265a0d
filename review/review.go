// Package review is the review site over a collection of records: the
// bodies, each report's tables as the template prints them with the failed
// identities marked on their cells, the prose that contradicts them and the
// page each value came from, each body's history as charts, and every
// finding of check and audit. It comes after the pipeline and reads only
// records (and, by record, the source files they name); the same pages are
// served over HTTP (gongkai serve) or written as a static site (--export),
// with relative links in both.
//
// The site is read-only: no request reaches the file system except a
// source file or page image of a record given, looked up by the record's id.
package review

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

//go:embed templates/*.html assets/*
var files embed.FS

// Site is the review site over a collection of records.
type Site struct {
	reports  []*Report
	byID     map[string]*Report
	bodies   []*Body
	bodyByID map[string]*Body
	findings []Finding
	tmpl     *template.Template
	pages    *pageRenderer
	mux      *http.ServeMux
}

// Report is one record as the site shows it.
type Report struct {
	ID       string
	Rec      schema.Record
	Body     *Body
	Findings []Finding
	// Source is the file the record was made from, where it still is.
	Source string
}

// Body is the reports of one body.
type Body struct {
	ID       string
	Series   series.Series
	Info     schema.Body
	Reports  []*Report
	Findings []Finding
	Formats  []string
	Statuses []string
}

// Finding is a finding of check or audit, with the reports it is about.
type Finding struct {
	series.Finding
	Reports []*Report
	BodyRef *Body
}

// New builds the site over the records and the findings of check and
// audit. locate finds a record's source file (or returns "" when it is
// gone); nil means sources are not served.
func New(recs []schema.Record, findings []series.Finding, locate func(schema.Record) string) (*Site, error) {
	s := &Site{byID: map[string]*Report{}, bodyByID: map[string]*Body{}, pages: newPageRenderer()}
	byPath := map[string][]*Report{}
	for _, rec := range recs {
		r := &Report{ID: shortID(rec.Source.Path + "\x00" + rec.Source.SHA256), Rec: rec}
		if _, dup := s.byID[r.ID]; dup {
			continue // the same file recorded twice (two runs merged)
		}
		if locate != nil {
			r.Source = locate(rec)
		}
		s.reports = append(s.reports, r)
		s.byID[r.ID] = r
		byPath[rec.Source.Path] = append(byPath[rec.Source.Path], r)
	}
	all, _ := series.Link(recs)
	byName := map[string]*Body{}
	for _, ser := range all {
		b := &Body{Series: ser}
		if info := ser.Records[len(ser.Records)-1].Report.Body; info != nil {
			b.Info = *info
		} else if info := series.Identify(ser.Body); info != nil {
			b.Info = *info
		}
		b.ID = shortID("body\x00" + b.Info.ID + "\x00" + ser.Body)
		for _, rec := range ser.Records {
			for _, r := range byPath[rec.Source.Path] {
				if r.Body == nil {
					r.Body = b
					b.Reports = append(b.Reports, r)
				}
			}
			if !slices.Contains(b.Formats, rec.Source.Format) && rec.Source.Format != "" {
				b.Formats = append(b.Formats, rec.Source.Format)
			}
			if !slices.Contains(b.Statuses, string(rec.Status)) {
				b.Statuses = append(b.Statuses, string(rec.Status))
			}
		}
		s.bodies = append(s.bodies, b)
		s.bodyByID[b.ID] = b
		byName[ser.Body] = b
	}
	for _, f := range findings {
		vf := Finding{Finding: f, BodyRef: byName[f.Body]}
		for _, p := range f.Sources {
			vf.Reports = append(vf.Reports, byPath[p]...)
		}
		s.findings = append(s.findings, vf)
		for _, r := range vf.Reports {
			if !slices.ContainsFunc(r.Findings, func(x Finding) bool { return sameFinding(x.Finding, f) }) {
				r.Findings = append(r.Findings, vf)
			}
		}
		if vf.BodyRef != nil {
			vf.BodyRef.Findings = append(vf.BodyRef.Findings, vf)
		}
	}
	tmpl, err := template.New("").Funcs(funcs).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	s.tmpl = tmpl
	s.routes()
	return s, nil
}

func sameFinding(a, b series.Finding) bool {
	return a.Rule == b.Rule && a.Message == b.Message && slices.Equal(a.Years, b.Years)
}

// shortID is a stable, URL-safe id: the first 12 hex digits of SHA-256.
func shortID(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// maxQuery bounds a request's query string: the pages take none longer.
const maxQuery = 2048

func (s *Site) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.index)
	m.HandleFunc("GET /index.html", s.index)
	m.HandleFunc("GET /findings.html", s.findingsPage)
	m.HandleFunc("GET /findings.csv", s.findingsCSV)
	m.HandleFunc("GET /assets/{name}", s.asset)
	m.HandleFunc("GET /body/{file}", s.bodyPage)
	m.HandleFunc("GET /report/{file}", s.reportPage)
	m.HandleFunc("GET /report/{id}/{file}", s.pageView)
	m.HandleFunc("GET /source/{file}", s.source)
	s.mux = m
}

// ServeHTTP serves the site. Only GET and HEAD are answered.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if len(r.URL.RawQuery) > maxQuery || len(r.URL.Path) > maxQuery {
		http.Error(w, "request too long", http.StatusRequestURITooLong)
		return
	}
	if p := r.URL.Path; strings.Contains(p, "..") || strings.Contains(p, "//") {
		http.Error(w, "bad path", http.StatusBadRequest) // no redirect to a cleaned path: there is nothing up there
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

// page is what every template gets: the way back to the site's root from
// the page (relative, so that the static export opens from a folder).
type page struct {
	Root  string
	Title string
	Site  *Site
	Data  any
}

func (s *Site) render(w http.ResponseWriter, name, root, title string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, page{Root: root, Title: title, Site: s, Data: data}); err != nil {
		http.Error(w, "review: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (s *Site) index(w http.ResponseWriter, r *http.Request) {
	s.render(w, "index.html", "", "Bodies", s.bodies)
}

func (s *Site) findingsPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, "findings.html", "", "Findings", s.findings)
}

// findingsCSV is every finding, one a row, for a spreadsheet (with a
// byte-order mark so that Excel reads the Chinese).
func (s *Site) findingsCSV(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	c := csv.NewWriter(&buf)
	c.Write([]string{"body", "years", "rule", "severity", "message", "fields", "sources"})
	for _, f := range s.findings {
		var ys []string
		for _, y := range f.Years {
			ys = append(ys, fmt.Sprint(y))
		}
		c.Write([]string{f.Body, strings.Join(ys, " "), f.Rule, string(f.Severity), f.Message, strings.Join(f.Fields, " "), strings.Join(f.Sources, " ")})
	}
	c.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="findings.csv"`)
	w.Write(buf.Bytes())
}

func (s *Site) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	b, err := fs.ReadFile(files, "assets/"+name)
	if err != nil || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Write(b)
}

// byHTMLName looks up the page a file name names by its id: abc123.html
// → m["abc123"]; nil for any other name.
func byHTMLName[T any](m map[string]*T, file string) *T {
	id, ok := strings.CutSuffix(file, ".html")
	if !ok {
		return nil
	}
	return m[id]
}

func (s *Site) bodyPage(w http.ResponseWriter, r *http.Request) {
	b := byHTMLName(s.bodyByID, r.PathValue("file"))
	if b == nil {
		http.NotFound(w, r)
		return
	}
	s.render(w, "body.html", "../", b.Series.Body, bodyModel(b))
}

func (s *Site) reportPage(w http.ResponseWriter, r *http.Request) {
	rep := byHTMLName(s.byID, r.PathValue("file"))
	if rep == nil {
		http.NotFound(w, r)
		return
	}
	title := rep.Rec.Report.Agency
	if rep.Rec.Report.Year != 0 {
		title += fmt.Sprintf(" %d", rep.Rec.Report.Year)
	}
	if title == "" {
		title = path.Base(rep.Rec.Source.Path)
	}
	s.render(w, "report.html", "../", title, reportModel(rep, s.pages.available()))
}

// source serves a record's source file, found by the record's id: the
// request names an id, never a path.
func (s *Site) source(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	id := strings.TrimSuffix(file, path.Ext(file))
	rep := s.byID[id]
	if rep == nil || rep.Source == "" || file != sourceFile(rep) {
		http.NotFound(w, r)
		return
	}
	f, err := os.Open(rep.Source)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename*=UTF-8''%s", urlEscape(filepath.Base(rep.Source))))
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// sourceFile is the name a record's source file is served under: its id
// and the file's extension.
func sourceFile(r *Report) string {
	ext := strings.ToLower(filepath.Ext(r.Rec.Source.Path))
	if len(ext) > 6 || strings.ContainsAny(ext, "/\\?#%") {
		ext = ""
	}
	return r.ID + ext
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
