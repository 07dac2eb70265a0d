package output

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/schema"
)

// xlsxWriter writes an Excel workbook (Office Open XML, as Excel, WPS and
// LibreOffice read it) of three sheets: "reports" — the layout's rows,
// numbers as numbers, the header bold and frozen — "findings" (each failed
// check and narrative check, one a row) and "fields" (the data
// dictionary).
//
// It is written here rather than with a spreadsheet library: a workbook
// of inline strings and numbers is a few XML parts in a zip, and the
// library measured (excelize) cost every run of the binary 2 ms and 22k
// allocations of package initialisation and 8 MB, whatever the output.
// The tests read the workbooks back with excelize.
//
// Rows stream: the reports sheet straight into its zip entry, the
// findings into a temporary file copied in on Close, so memory stays flat
// however many reports a run writes.
type xlsxWriter struct {
	zw       *zip.Writer
	reports  *sheetWriter
	findings *sheetWriter
	tmp      *os.File // the findings sheet's rows until Close
	shape    shape
	err      error
}

// xlsxCellMax is the most characters Excel holds in a cell; xlsxRowMax
// the most rows a sheet holds.
const (
	xlsxCellMax = 32767
	xlsxRowMax  = 1 << 20
)

var findingColumns = []string{"path", "body_id", "agency", "year", "kind", "rule", "message", "fields"}

func newXLSX(w io.Writer, l Layout) *xlsxWriter {
	x := &xlsxWriter{zw: zip.NewWriter(w), shape: shapeOf(l)}
	x.err = x.start()
	return x
}

func (x *xlsxWriter) start() error {
	var err error
	if x.tmp, err = os.CreateTemp("", "gongkai-findings-*.xml"); err != nil {
		return err
	}
	x.findings = newSheet(x.tmp)
	x.findings.header(findingColumns)
	part, err := x.zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	x.reports = newSheet(part)
	var header []string
	for _, c := range x.shape.columns {
		header = append(header, c.name)
	}
	x.reports.header(header)
	return x.reports.err
}

func (x *xlsxWriter) Write(rec schema.Record) error {
	if x.err != nil {
		return x.fail(x.err)
	}
	for _, row := range x.shape.rows(rec) {
		for i, v := range row {
			if l, ok := v.([]string); ok {
				row[i] = joinList(x.shape.columns[i], l)
			}
		}
		if err := x.reports.row(row); err != nil {
			return x.fail(err)
		}
	}
	var bodyID any
	if rec.Report.Body != nil {
		bodyID = opt(rec.Report.Body.ID)
	}
	for _, set := range []struct {
		kind   string
		checks []schema.Check
	}{{"check", rec.Checks}, {"narrative", rec.NarrativeChecks}} {
		for _, c := range set.checks {
			if c.OK {
				continue
			}
			row := []any{rec.Source.Path, bodyID, opt(rec.Report.Agency), optN(rec.Report.Year), set.kind, c.Rule,
				opt(c.Message), opt(strings.Join(c.Fields, ", "))}
			if err := x.findings.row(row); err != nil {
				return x.fail(err)
			}
		}
	}
	return nil
}

func (x *xlsxWriter) fail(err error) error {
	x.err = err
	return fmt.Errorf("output: xlsx: %w", err)
}

func (x *xlsxWriter) Close() error {
	if x.tmp != nil {
		defer os.Remove(x.tmp.Name())
		defer x.tmp.Close()
	}
	if x.err != nil {
		return fmt.Errorf("output: xlsx: %w", x.err)
	}
	if err := x.finish(); err != nil {
		return x.fail(err)
	}
	return nil
}

func (x *xlsxWriter) finish() error {
	if err := x.reports.end(); err != nil {
		return err
	}
	if err := x.findings.end(); err != nil {
		return err
	}
	part, err := x.zw.Create("xl/worksheets/sheet2.xml")
	if err != nil {
		return err
	}
	if _, err := x.tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(part, x.tmp); err != nil {
		return err
	}
	if part, err = x.zw.Create("xl/worksheets/sheet3.xml"); err != nil {
		return err
	}
	fields := newSheet(part)
	fields.header(DictionaryHeader)
	for _, e := range Dictionary() {
		row := make([]any, 0, len(DictionaryHeader))
		for _, s := range e.Strings() {
			row = append(row, opt(s))
		}
		fields.row(row)
	}
	if err := fields.end(); err != nil {
		return err
	}
	for _, p := range xlsxParts {
		part, err := x.zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(part, p.body); err != nil {
			return err
		}
	}
	return x.zw.Close()
}

// sheetWriter writes one worksheet's XML a row at a time.
type sheetWriter struct {
	w   *bufio.Writer
	n   int // rows written
	err error
}

func newSheet(w io.Writer) *sheetWriter {
	s := &sheetWriter{w: bufio.NewWriterSize(w, 64<<10)}
	s.w.WriteString(xml + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft"/></sheetView></sheetViews><sheetData>`)
	return s
}

// header writes the first row, bold.
func (s *sheetWriter) header(names []string) {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = n
	}
	s.write(row, ` s="1"`)
}

func (s *sheetWriter) row(cells []any) error { return s.write(cells, "") }

func (s *sheetWriter) write(cells []any, style string) error {
	if s.err != nil {
		return s.err
	}
	if s.n == xlsxRowMax {
		s.err = fmt.Errorf("more than %d rows, all an Excel sheet holds: write CSV or Parquet instead", xlsxRowMax-1)
		return s.err
	}
	s.n++
	r := strconv.Itoa(s.n)
	s.w.WriteString(`<row r="` + r + `">`)
	for i, v := range cells {
		ref := colName(i) + r
		switch v := v.(type) {
		case string:
			s.w.WriteString(`<c r="` + ref + `"` + style + ` t="inlineStr"><is><t xml:space="preserve">`)
			escape(s.w, cellString(v))
			s.w.WriteString(`</t></is></c>`)
		case int64:
			s.w.WriteString(`<c r="` + ref + `"` + style + `><v>` + strconv.FormatInt(v, 10) + `</v></c>`)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue // no such number in a cell
			}
			s.w.WriteString(`<c r="` + ref + `"` + style + `><v>` + strconv.FormatFloat(v, 'g', -1, 64) + `</v></c>`)
		}
	}
	_, s.err = s.w.WriteString(`</row>`)
	return s.err
}

func (s *sheetWriter) end() error {
	if s.err != nil {
		return s.err
	}
	s.w.WriteString(`</sheetData></worksheet>`)
	return s.w.Flush()
}

// colName is the letters of the 0-based column i: A … Z, AA ….
func colName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// escape writes s as XML text, with characters XML cannot hold (most
// control characters, broken UTF-8) as U+FFFD.
func escape(w *bufio.Writer, s string) {
	for _, r := range s {
		switch {
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '&':
			w.WriteString("&amp;")
		case r == '\t' || r == '\n' || r == '\r':
			w.WriteRune(r)
		case r < 0x20, r == utf8.RuneError, r >= 0xFFFE && r <= 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			w.WriteRune(utf8.RuneError)
		default:
			w.WriteRune(r)
		}
	}
}

// cellString cuts a string to what a cell holds, marking the cut.
func cellString(s string) string {
	if utf8.RuneCountInString(s) <= xlsxCellMax {
		return s
	}
	r := []rune(s)
	return string(r[:xlsxCellMax-1]) + "…"
}

const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xlsxParts are the workbook's fixed parts: its sheets' names and order,
// the bold font of the headers, and the package's relationships.
var xlsxParts = []struct{ name, body string }{
	{"[Content_Types].xml", xml + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`</Types>`},
	{"_rels/.rels", xml + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`</Relationships>`},
	{"xl/workbook.xml", xml + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="reports" sheetId="1" r:id="rId1"/><sheet name="findings" sheetId="2" r:id="rId2"/><sheet name="fields" sheetId="3" r:id="rId3"/></sheets>` +
		`</workbook>`},
	{"xl/_rels/workbook.xml.rels", xml + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/>` +
		`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`</Relationships>`},
	{"xl/styles.xml", xml + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`</styleSheet>`},
}
