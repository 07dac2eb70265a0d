package review

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// geometry is how pdftoppm shows a page: the crop box it draws, in the
// page's own coordinates (where provenance boxes are), and the page's
// /Rotate, which it applies.
type geometry struct {
	X0, Y0, X1, Y1 float64
	Rot            int // 0, 90, 180 or 270, clockwise
}

// pageGeometry asks pdfinfo (poppler-utils, beside pdftoppm) for page n's
// crop box and rotation.
func pageGeometry(ctx context.Context, path string, n int) (geometry, error) {
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		return geometry{}, fmt.Errorf("review: pdfinfo not found on PATH (%s)", installHint)
	}
	out, err := exec.CommandContext(ctx, tool, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-box", "--", path).Output()
	if err != nil {
		return geometry{}, fmt.Errorf("review: pdfinfo page %d: %v", n, err)
	}
	return parseGeometry(out, n)
}

// parseGeometry reads pdfinfo -box's lines for page n:
// "Page    1 rot:   90" and "Page    1 CropBox:  0.00 0.00 595.00 842.00".
func parseGeometry(out []byte, n int) (geometry, error) {
	var g geometry
	found := false
	prefix := "Page " + strconv.Itoa(n) + " "
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.Join(strings.Fields(sc.Text()), " ")
		rest, ok := strings.CutPrefix(line, prefix)
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		switch {
		case len(f) == 2 && f[0] == "rot:":
			r, err := strconv.Atoi(f[1])
			if err != nil {
				return g, fmt.Errorf("review: pdfinfo: rotation %q", f[1])
			}
			g.Rot = ((r % 360) + 360) % 360 / 90 * 90
		case len(f) == 5 && f[0] == "CropBox:":
			var v [4]float64
			for i := range v {
				x, err := strconv.ParseFloat(f[i+1], 64)
				if err != nil {
					return g, fmt.Errorf("review: pdfinfo: crop box %q", rest)
				}
				v[i] = x
			}
			g.X0, g.Y0, g.X1, g.Y1 = min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3])
			found = true
		}
	}
	if !found || g.X1 <= g.X0 || g.Y1 <= g.Y0 {
		return g, fmt.Errorf("review: pdfinfo: no crop box for page %d", n)
	}
	return g, nil
}

// point maps a point of the page's coordinates (y up) to the page as
// shown (points from the top left).
func (g geometry) point(x, y float64) (float64, float64) {
	x, y = x-g.X0, y-g.Y0
	w, h := g.X1-g.X0, g.Y1-g.Y0
	switch g.Rot {
	case 90:
		return y, x
	case 180:
		return w - x, y
	case 270:
		return h - y, w - x
	}
	return x, h - y
}

// place maps a box given by its bottom-left corner and size to the page
// as shown: its top-left corner and size.
func (g geometry) place(b box) box {
	ax, ay := g.point(b.X, b.Y)
	bx, by := g.point(b.X+b.W, b.Y+b.H)
	b.X, b.Y, b.W, b.H = min(ax, bx), min(ay, by), max(ax, bx)-min(ax, bx), max(ay, by)-min(ay, by)
	return b
}
