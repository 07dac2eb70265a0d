// Package gongkai converts Chinese government information-disclosure annual
// reports (政府信息公开工作年度报告) into canonical records. It runs the whole
// pipeline for one file — extract (any format) → normalize (tables and
// prose) → schema checks — and always returns exactly one record, whatever
// the file holds.
//
// The command-line tool cmd/gongkai is a thin layer over this package.
package gongkai

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/docx"
	"github.com/gongkai/gongkai/extract/html"
	"github.com/gongkai/gongkai/extract/markdown"
	"github.com/gongkai/gongkai/extract/pdf"
	"github.com/gongkai/gongkai/extract/text"
	"github.com/gongkai/gongkai/internal/freelist"
	"github.com/gongkai/gongkai/normalize"
	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// ErrNotReport says a readable document is not an annual report.
var ErrNotReport = errors.New("not a government information-disclosure annual report")

// Version is the tool's version, set at build time with -ldflags.
var Version = "dev"

// ToolVersion is Version, with the checkout's revision (and "-dirty" for
// uncommitted changes) when -ldflags did not set it and the build recorded
// them.
var ToolVersion = sync.OnceValue(func() string {
	if Version != "dev" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Version
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return Version
	}
	return Version + "+" + rev + dirty
})

// DefaultRegistry lists every format gongkai reads, in order of preference.
func DefaultRegistry() *extract.Registry {
	return extract.NewRegistry(
		pdf.New(),
		docx.New(),
		docx.NewDoc(),
		docx.NewWPS(),
		html.New(),
		markdown.New(),
		text.New(),
	)
}

// Converter turns files into records. Its zero limits mean no limit.
type Converter struct {
	Registry *extract.Registry
	// MaxSize is the largest file File reads, in bytes; a larger file gets
	// an error record without being read.
	MaxSize int64
	// Timeout bounds the conversion of one file by File. Past it the file
	// gets an error record; the conversion is told to stop through its
	// context and abandoned, so that one pathological file cannot stall a run.
	Timeout time.Duration
	// OCR says when pictures of text are read by OCR (extract.OCRAuto:
	// only where there is no usable text otherwise).
	OCR extract.OCRMode

	running atomic.Int64 // conversions abandoned after Timeout, not ended
}

// New returns a converter reading every registered format.
func New() *Converter {
	return &Converter{Registry: DefaultRegistry()}
}

// File converts the file at path. The record's source path is path as
// given, kept valid UTF-8 (see RecordPath).
func (c *Converter) File(ctx context.Context, path string) schema.Record {
	rec := newRecord(path)
	f, size, err := c.open(path, rec.Source.Path)
	if size >= 0 {
		rec.Source.Size = size
	}
	if err != nil {
		return fail(rec, err)
	}
	var r io.ReaderAt = f
	var buf []byte
	if size <= inMemory {
		// A report is read whole, in one call: the readers then take
		// their bytes from memory, not with a system call a block.
		buf = fileBuffer(size)
		if readFull(f, buf) {
			r = extract.Memory(buf)
		}
	}
	return c.guard(ctx, rec, f, func(ctx context.Context) schema.Record {
		rec := c.Convert(ctx, path, r, size)
		if buf != nil && cap(buf) <= maxKeptFile {
			// The record holds no byte of the file (strings are copies):
			// the buffer is free for the next file, even when the guard
			// has given up on this one.
			fileBuffers.Put(buf)
		}
		return rec
	})
}

// inMemory is the largest file read whole into memory; a larger one (a
// scan, an archive of pictures) is read as needed.
const inMemory = 8 << 20

// fileBuffers holds the buffers of files converted, for the next files: a
// buffer of its own for each file was fresh memory for each file, a tenth
// of the library's time a page.
var fileBuffers = freelist.New[[]byte](8)

// maxKeptFile bounds the buffers kept: a few large files should not pin
// their memory through an archive of small ones.
const maxKeptFile = 1 << 20

// fileBuffer returns a buffer of n bytes, a kept one when one is large
// enough.
func fileBuffer(n int64) []byte {
	if b, ok := fileBuffers.Get(); ok && int64(cap(b)) >= n {
		return b[:n]
	}
	return make([]byte, n, max(n, 64<<10))
}

// readFull reads all of b from the start of f; a file that cannot be read
// so is left to the readers, whose error the record then gives.
func readFull(f *os.File, b []byte) bool {
	n, _ := f.ReadAt(b, 0)
	return n == len(b)
}

// open opens the file at path for reading, if it is a regular file within
// the size limit; name is how messages call it. The size is -1 when it
// could not be learnt.
func (c *Converter) open(path, name string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, -1, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, -1, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, -1, fmt.Errorf("gongkai: %s is not a regular file", name)
	}
	if c.MaxSize > 0 && st.Size() > c.MaxSize {
		f.Close()
		return nil, st.Size(), fmt.Errorf("gongkai: %w: the file is %s, over the limit of %s; not read", extract.ErrTooLarge, byteSize(st.Size()), byteSize(c.MaxSize))
	}
	return f, st.Size(), nil
}

// Convert converts a file already open; name is recorded as its path and
// breaks ties between formats by its extension.
func (c *Converter) Convert(ctx context.Context, name string, r io.ReaderAt, size int64) (rec schema.Record) {
	prepare.Do(func() {
		go func() {
			normalize.Prepare()
			schema.Prepare()
		}()
	})
	rec = newRecord(name)
	rec.Source.Size = size
	unread := rec
	sum := digest(r, size)
	defer func() {
		// The registry recovers extractor panics; this catches the rest of
		// the pipeline, so that a bug costs one record, not the run.
		if p := recover(); p != nil {
			rec = fail(rec, fmt.Errorf("gongkai: %w converting this file (%v); please report it", ErrInternal, p))
		}
		// The digest is waited for on every way out: the caller may reuse
		// the file's memory once Convert returns.
		if d := <-sum; d.err != nil {
			rec = fail(unread, fmt.Errorf("gongkai: reading %s: %w", name, d.err))
		} else {
			rec.Source.SHA256 = d.hex
		}
	}()
	in, err := extract.NewInput(name, r, size)
	if err != nil {
		return fail(rec, err)
	}
	in.OCR = c.OCR
	doc, format, err := c.Registry.Extract(ctx, in)
	rec.Source.Format = format
	if errors.Is(err, extract.ErrNoTextLayer) {
		doc = nil // what did decode is for gongkai dump, not for values
	}
	if doc == nil {
		if err == nil {
			err = fmt.Errorf("gongkai: %s: the extractor returned nothing", format)
		}
		return fail(rec, err)
	}
	rec.Source.Pages = doc.Pages
	rec.Source.OCRPages = doc.OCRPages
	rec.Source.Published = doc.Published
	res := normalize.Document(doc)
	rec.Report = res.Report
	rec.Report.Body = series.Identify(rec.Report.Agency)
	rec.Values = res.Values
	rec.Derived = schema.Derive(res.Values)
	rec.Narrative = res.Narrative
	rec.Provenance = res.Provenance
	rec.Pre2019Rows = res.Pre2019Rows
	rec.Problems = append(rec.Problems, res.Problems...)
	rec.Checks = schema.Evaluate(res.Values)
	if doc.OCRPages > 0 {
		rec.Problems = append(rec.Problems, ocrDoubts(rec)...)
	}
	rec.NarrativeChecks = schema.EvaluateNarrative(res.Narrative, res.Values)
	if len(rec.Provenance) == 0 {
		rec.Provenance = nil
	}
	status(&rec, doc, res, err)
	return rec
}

// prepare starts, at a process's first conversion, the making of the
// tables normalize and schema make at first use (normalize.Prepare): the
// conversion reads its file meanwhile.
var prepare sync.Once

// digested is a file's SHA-256 in hex, or the error reading it.
type digested struct {
	hex string
	err error
}

// digest hashes the file's size bytes beside the conversion, which does
// not need the digest: hashing was 3% of the library's time on the
// corpus's PDFs, and one file converted alone leaves a core free for it.
// ReadAt allows parallel calls (io.ReaderAt).
func digest(r io.ReaderAt, size int64) <-chan digested {
	out := make(chan digested, 1)
	go func() {
		var d digested
		defer func() {
			if p := recover(); p != nil { // a caller's ReaderAt
				d = digested{err: fmt.Errorf("%w: %v", ErrInternal, p)}
			}
			out <- d
		}()
		h := sha256.New()
		if m, ok := r.(extract.Memory); ok && int64(len(m)) == size {
			h.Write(m)
		} else if _, err := io.Copy(h, io.NewSectionReader(r, 0, size)); err != nil {
			d.err = err
			return
		}
		d.hex = hex.EncodeToString(h.Sum(nil))
	}()
	return out
}

// status decides ok, partial or error, says why when not ok (Error for
// people, ErrorKind for programs), and records each reason as a problem.
func status(rec *schema.Record, doc *extract.Document, res *normalize.Result, readErr error) {
	var why []string
	kind := schema.KindIncomplete
	if readErr != nil {
		why = append(why, readErr.Error())
		kind = KindOf(readErr)
	}
	var problems []schema.Problem
	for _, p := range doc.Problems {
		kind := schema.ProblemKind(p.Kind)
		if kind == "" {
			kind = schema.ProblemUnreadablePage
		}
		problems = append(problems, schema.Problem{Kind: kind, Page: p.Page, Message: p.Message})
		why = append(why, problems[len(problems)-1].String())
	}
	switch {
	case res.BlankForm():
		rec.Status, kind = schema.StatusError, schema.KindBlankForm
		why = append([]string{"gongkai: a blank form: the template's tables are there, but no figure is filled in"}, why...)
	case len(res.Values) == 0 && rec.Report.Template == schema.TemplatePre2019:
		rec.Status = schema.StatusOK
		msg := "a report under the 2008 regulation with no statistics table, and no figure in its prose"
		if len(res.Narrative) > 0 {
			msg = "a report under the 2008 regulation with no statistics table: its figures are those its prose states (narrative)"
		}
		problems = append(problems, schema.Problem{Kind: schema.ProblemNoValues, Message: msg})
	case len(res.Values) == 0 && rec.Report.Title == "":
		rec.Status, kind = schema.StatusError, schema.KindNotReport
		why = append([]string{fmt.Errorf("gongkai: %w: no report title and none of the report's tables", ErrNotReport).Error()}, why...)
	case len(res.Values) == 0:
		rec.Status = schema.StatusError
		if readErr == nil {
			kind = schema.KindNoTables
		}
		msg := "gongkai: none of the report's tables (二 主动公开, 三 申请, 四 复议诉讼) was found"
		if doc.Images > 0 {
			msg += fmt.Sprintf("; the document holds %d pictures: tables printed as pictures need OCR", doc.Images)
		}
		why = append([]string{msg}, why...)
	default:
		rec.Status = schema.StatusOK
		var missing []string
		for _, t := range schema.Tables {
			if !res.Found[t] && rec.Report.Template != schema.TemplatePre2019 {
				missing = append(missing, t.Title())
				problems = append(problems, schema.Problem{Kind: schema.ProblemMissingTable, Key: string(t), Message: "table " + t.Title() + " not found"})
			}
		}
		if len(missing) > 0 {
			why = append([]string{"table " + strings.Join(missing, ", ") + " not found"}, why...)
		}
		for _, key := range res.Missing {
			problems = append(problems, schema.Problem{Kind: schema.ProblemMissingRow, Key: key, Message: "row not read: " + key})
		}
		if len(res.Missing) > 0 {
			why = append(why, "rows not read: "+strings.Join(res.Missing, ", "))
		}
		if res.Truncated() {
			msg := "the document stops before its last section (六、其他需要报告的事项): pages may be missing"
			problems = append(problems, schema.Problem{Kind: schema.ProblemTruncated, Message: msg})
			why = append(why, msg)
		}
		if len(why) > 0 {
			rec.Status = schema.StatusPartial
		}
	}
	rec.Problems = append(rec.Problems, problems...)
	if rec.Status != schema.StatusOK {
		rec.Error, rec.ErrorKind = strings.Join(why, "; "), kind
	}
}

func newRecord(path string) schema.Record {
	rec := schema.Record{
		SchemaVersion: schema.Version,
		Source:        schema.Source{Path: RecordPath(path), Tool: "gongkai " + ToolVersion()},
		Report:        schema.Report{Template: schema.TemplateUnknown},
		Checks:        []schema.Check{},
	}
	if rec.Source.Path != path {
		rec.Problems = append(rec.Problems, schema.Problem{Kind: schema.ProblemPath,
			Message: fmt.Sprintf("source.path: the file name is not UTF-8 and is shown decoded; its bytes are %q", path)})
	}
	return rec
}

func fail(rec schema.Record, err error) schema.Record {
	rec.Status = schema.StatusError
	rec.Error = RecordPath(err.Error()) // it may name a file whose name is not UTF-8
	rec.ErrorKind = KindOf(err)
	return rec
}

// ErrorRecord is the record of an input that could not even be opened.
func ErrorRecord(path string, err error) schema.Record {
	return fail(newRecord(path), err)
}

// confusable are the digits OCR takes one another for.
var confusable = map[rune]string{'0': "689", '6': "058", '8': "0369", '9': "08", '3': "8", '5': "6", '1': "7", '7': "1"}

// suggestion finds the one value in a failing identity that, with one
// digit read as a digit it is often confused with, makes every identity
// hold; ok is false when none does, or more than one could.
func suggestion(rec schema.Record) (key string, value float64, ok bool) {
	found := 0
	tried := map[string]bool{}
	vs := maps.Clone(rec.Values) // each reading tried in turn, then put back
	for _, c := range rec.Checks {
		if c.OK {
			continue
		}
		for _, k := range c.Fields {
			v, present := rec.Values[k]
			if !present || tried[k] || v < 0 || v != math.Trunc(v) {
				continue
			}
			tried[k] = true
			digits := []rune(strconv.FormatFloat(v, 'f', -1, 64))
			for i, d := range digits {
				for _, alt := range confusable[d] {
					try := append([]rune(nil), digits...)
					try[i] = alt
					n, _ := strconv.ParseFloat(string(try), 64)
					vs[k] = n
					holds := true
					for _, cc := range schema.Evaluate(vs) {
						holds = holds && cc.OK
					}
					vs[k] = v
					if holds {
						if found++; found > 1 {
							return "", 0, false
						}
						key, value = k, n
					}
				}
			}
		}
	}
	return key, value, found == 1
}

// ocrDoubts marks what OCR read: the record as a whole; each value in an
// identity that fails, where one misread digit is the likeliest cause;
// each value the template sums but no identity could check, because a
// value it needs was not read — nothing vouches for it; and each value
// OCR itself was unsure of.
func ocrDoubts(rec schema.Record) []schema.Problem {
	ps := []schema.Problem{{Kind: schema.ProblemOCR,
		Message: "text read from pictures by OCR (Tesseract): values may be misread; those in a failing sum, and those no sum checked, are marked ocr_uncertain"}}
	seen := map[string]bool{}
	doubt := func(k, why string) {
		if _, ok := rec.Values[k]; !ok || seen[k] {
			return
		}
		seen[k] = true
		p := rec.Provenance[k]
		ps = append(ps, schema.Problem{Kind: schema.ProblemOCRUncertain, Key: k, Page: p.Page, Table: p.Table, Row: p.Row, Col: p.Col,
			Message: fmt.Sprintf("%s = %s was read by OCR and %s", k, strconv.FormatFloat(rec.Values[k], 'f', -1, 64), why)})
	}
	held := map[string]int{} // identities that hold, by key
	fix, to, fixes := suggestion(rec)
	for _, c := range rec.Checks {
		for _, k := range c.Fields {
			switch {
			case c.OK:
				held[k]++
			case k == fix && fixes:
				doubt(k, fmt.Sprintf("%s fails; read as %s, every identity would hold (a suggestion: the value is kept as read)", c.Rule, strconv.FormatFloat(to, 'f', -1, 64)))
			default:
				doubt(k, c.Rule+" fails")
			}
		}
	}
	// A value vouched for by one sum alone, where the template sums it
	// twice (its row and its column), is not vouched for enough: a row
	// read into the wrong columns, or another row's figures, can add up
	// across, as a row of zeros and one figure does.
	in := map[string]int{}
	ids := schema.Identities(schema.LayoutOf(rec.Values))
	for _, id := range ids {
		for _, k := range id.Keys() {
			in[k]++
		}
	}
	checked := map[string]bool{}
	for k, n := range held {
		checked[k] = n >= min(2, in[k])
	}
	evaluated := map[string]bool{}
	for _, c := range rec.Checks {
		evaluated[c.Rule] = true
	}
	for _, id := range ids {
		if evaluated[id.Rule] {
			continue
		}
		for _, k := range id.Keys() {
			switch {
			case checked[k]:
			case held[k] > 0:
				doubt(k, "only one sum could check it: "+id.Rule+" lacks a value")
			default:
				doubt(k, "no sum could check it: "+id.Rule+" lacks a value")
			}
		}
	}
	// A value in no identity (table 二's) has only OCR's word for it.
	keys := make([]string, 0, len(rec.Values))
	for k := range rec.Values {
		if in[k] == 0 && held[k] == 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := rec.Provenance[k]; ok {
			doubt(k, "no identity checks it: OCR's reading alone")
		}
	}
	// A value OCR was unsure of is marked though its sums hold: they make
	// it likely right, and the reader is told both.
	keys = keys[:0]
	for k, p := range rec.Provenance {
		if p.OCRConfidence != nil && *p.OCRConfidence < unsureOCR {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		doubt(k, fmt.Sprintf("OCR was unsure of it (confidence %s of 100), though the sums that check it hold", strconv.FormatFloat(*rec.Provenance[k].OCRConfidence, 'f', -1, 64)))
	}
	return ps
}

// unsureOCR is the confidence, of Tesseract's 0 to 100, below which a
// value read by OCR is marked ocr_uncertain whatever its sums say.
const unsureOCR = 50

// Paragraphs returns the text of the file at path, paragraph by paragraph
// in reading order, as the extractor reads it, with an empty string where
// a table stands (for the audit's rules on a report's text).
func (c *Converter) Paragraphs(ctx context.Context, path string) ([]string, error) {
	var r io.ReaderAt
	var size int64
	if file, entry, ok := SplitArchivePath(path); ok {
		b, _, err := c.entry(file, entry)
		if err != nil {
			return nil, err
		}
		r, size = extract.Memory(b), int64(len(b))
	} else {
		f, n, err := c.open(path, path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, size = f, n
	}
	in, err := extract.NewInput(path, r, size)
	if err != nil {
		return nil, err
	}
	in.OCR = c.OCR
	doc, _, err := c.Registry.Extract(ctx, in)
	if doc == nil {
		return nil, err
	}
	var out []string
	for _, b := range doc.Blocks {
		switch {
		case b.Para != nil:
			out = append(out, b.Para.Text)
		case b.Table != nil:
			out = append(out, "")
		}
	}
	return out, nil
}
