package pdf

import (
	"errors"
	"fmt"
	"unicode"

	"github.com/gongkai/gongkai/extract/ocr"
	"github.com/gongkai/gongkai/extract/pdf/internal/content"
	"github.com/gongkai/gongkai/extract/pdf/internal/object"

	"github.com/gongkai/gongkai/extract"
)

// A text layer is unreadable when its fonts carry no Unicode mapping: the
// codes then decode to nothing, to private-use characters or to U+FFFD.
// Such a page is refused rather than read as plausible garbage.

type quality struct {
	chars, bad int
	pictures   int   // pages with a picture OCR could read
	painted    int   // pages that paint what may be text (paints)
	undecoded  error // the first content stream that did not decode
	ocrErr     error // the first page OCR failed on
}

// unreadableShare is the share of undecodable characters above which a
// page (or a document) is refused.
const unreadableShare = 0.2

func measure(cs []content.Char) quality {
	var q quality
	for i := range cs {
		c := &cs[i]
		if c.S == " " || c.Unread {
			continue // an OCR'd figure marked unread is no text to measure
		}
		q.chars++
		if !c.OK || garbage(c.S) {
			q.bad++
			c.OK = false
		}
	}
	return q
}

func garbage(s string) bool {
	for _, r := range s {
		switch {
		case r == unicode.ReplacementChar, r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000,
			r < 0x20 && r != '\t', r >= 0x7F && r < 0xA0:
			return true
		}
	}
	return false
}

func (q *quality) add(p quality) { q.chars += p.chars; q.bad += p.bad }

// pagesCarry says what "none of its pages" says, in words for one page.
func pagesCarry(n int) string {
	if n == 1 {
		return "its one page carries no text"
	}
	return fmt.Sprintf("none of its %d pages carries text", n)
}

func (q quality) unreadable() bool {
	return q.chars >= 20 && float64(q.bad) > unreadableShare*float64(q.chars)
}

// kind says what a document without text is.
func (q quality) kind() string {
	if q.pictures > 0 {
		return "a scan"
	}
	return "its text is drawn, not written"
}

// check refuses a document without usable text.
func (q quality) check(pages int, mode extract.OCRMode) error {
	none := pagesCarry(pages)
	switch {
	case q.chars == 0 && q.pictures == 0 && q.undecoded != nil:
		if errors.Is(q.undecoded, object.ErrFilter) {
			return fmt.Errorf("pdf: %w: %s: its content is in %v", extract.ErrNoTextLayer, none, q.undecoded)
		}
		return fmt.Errorf("pdf: %w: %s that decodes: %v", extract.ErrCorrupt, none, q.undecoded)
	case q.chars == 0 && q.ocrErr != nil:
		return fmt.Errorf("pdf: %w: %s, and OCR did not read it: %v", extract.ErrNoTextLayer, none, q.ocrErr)
	case q.chars == 0 && q.pictures == 0 && q.painted == 0:
		return fmt.Errorf("pdf: %w: %s, nor a picture of a page", extract.ErrNoTextLayer, none)
	case q.chars == 0 && mode == extract.OCROff:
		return fmt.Errorf("pdf: %w: %s: %s, and OCR was turned off", extract.ErrNoTextLayer, none, q.kind())
	case q.chars == 0 && !ocr.Available():
		return fmt.Errorf("pdf: %w: %s: %s, OCR is needed (%v)", extract.ErrNoTextLayer, none, q.kind(), ocr.ErrNoTesseract)
	case q.chars == 0:
		return fmt.Errorf("pdf: %w: %s, and OCR found none in its pictures", extract.ErrNoTextLayer, none)
	case q.unreadable() && q.ocrErr != nil:
		return fmt.Errorf("pdf: %w: %d of %d characters have no Unicode mapping, and OCR did not read them: %v",
			extract.ErrNoTextLayer, q.bad, q.chars, q.ocrErr)
	case q.unreadable():
		return fmt.Errorf("pdf: %w: %d of %d characters have no Unicode mapping; OCR is needed",
			extract.ErrNoTextLayer, q.bad, q.chars)
	}
	return nil
}
