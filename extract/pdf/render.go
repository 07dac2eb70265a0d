package pdf

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// Pages OCR must read but whose ink gongkai does not decode itself — a
// scan in JPEG 2000 or JBIG2, text drawn as outlines, fonts with no Unicode
// mapping — are rendered by poppler's pdftoppm and read from the render.

// ErrNoRenderer says pdftoppm, which renders such pages, is not installed.
var ErrNoRenderer = errors.New("pdf: rendering the page for OCR needs pdftoppm, not found on PATH; install it with: apt-get install poppler-utils")

// renderDPI is the resolution pages are rendered at: Tesseract's best.
const renderDPI = 300

// renderTimeout bounds one page's rendering: a hostile file stops here.
const renderTimeout = 2 * time.Minute

// render draws page n (from 1) of the PDF src in gray, at renderDPI or
// less for a page of more than maxPicture pixels; w and h are the page's
// size in points. It returns the picture and its resolution.
func render(ctx context.Context, src io.ReaderAt, size int64, n int, w, h float64) (*image.Gray, float64, error) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, 0, ErrNoRenderer
	}
	dpi := float64(renderDPI)
	if px := w * h / 72 / 72 * dpi * dpi; px > maxPicture {
		dpi = math.Floor(dpi * math.Sqrt(maxPicture/px))
	}
	if dpi < 1 {
		return nil, 0, fmt.Errorf("pdf: the page, %.0f × %.0f points, is too large to render", w, h)
	}
	dir, err := os.MkdirTemp("", "gongkai-render-")
	if err != nil {
		return nil, 0, fmt.Errorf("pdf: rendering the page: %v", err)
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(ctx, renderTimeout)
	defer cancel()
	page := strconv.Itoa(n)
	cmd := exec.CommandContext(ctx, bin, "-f", page, "-l", page, "-r", strconv.FormatFloat(dpi, 'f', -1, 64),
		"-gray", "-singlefile", "fd://0", filepath.Join(dir, "page"))
	cmd.Stdin = io.NewSectionReader(src, 0, size)
	var said bytes.Buffer
	cmd.Stderr = &limited{w: &said, n: 4 << 10}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, 0, fmt.Errorf("pdf: rendering the page with pdftoppm: %w", ctx.Err())
		}
		return nil, 0, fmt.Errorf("pdf: pdftoppm could not render the page (%v): %q", err, bytes.TrimSpace(said.Bytes()))
	}
	f, err := os.Open(filepath.Join(dir, "page.pgm"))
	if err != nil {
		return nil, 0, fmt.Errorf("pdf: pdftoppm rendered nothing: %q", bytes.TrimSpace(said.Bytes()))
	}
	defer f.Close()
	g, err := readPGM(bufio.NewReader(f))
	if err != nil {
		return nil, 0, fmt.Errorf("pdf: pdftoppm's rendering: %v", err)
	}
	return g, dpi, nil
}

// limited writes at most n bytes to w, dropping the rest.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if k := min(len(p), l.n); k > 0 {
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}

// readPGM reads a binary PGM (P5) of 8-bit samples, as pdftoppm -gray
// writes it.
func readPGM(r *bufio.Reader) (*image.Gray, error) {
	var head [4]int // magic (as 5), width, height, maxval
	for i := range head {
		tok, err := pgmToken(r)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			if tok != "P5" {
				return nil, fmt.Errorf("not a binary PGM (%q)", tok)
			}
			continue
		}
		if head[i], err = strconv.Atoi(tok); err != nil || head[i] <= 0 {
			return nil, fmt.Errorf("bad PGM header field %q", tok)
		}
	}
	w, h, maxv := head[1], head[2], head[3]
	if maxv > 255 || w*h > maxPicture {
		return nil, fmt.Errorf("PGM %d×%d of maxval %d: too large or too deep", w, h, maxv)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(r, g.Pix); err != nil {
		return nil, fmt.Errorf("PGM data: %v", err)
	}
	return g, nil
}

// pgmToken is the next header field, past white space and comments; the
// single white-space byte after it is consumed.
func pgmToken(r *bufio.Reader) (string, error) {
	var tok []byte
	for {
		c, err := r.ReadByte()
		if err != nil {
			return "", fmt.Errorf("PGM header: %v", err)
		}
		switch {
		case c == '#' && len(tok) == 0:
			if _, err := r.ReadString('\n'); err != nil {
				return "", fmt.Errorf("PGM header: %v", err)
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if len(tok) > 0 {
				return string(tok), nil
			}
		default:
			if len(tok) >= 16 {
				return "", errors.New("PGM header: a field is too long")
			}
			tok = append(tok, c)
		}
	}
}
