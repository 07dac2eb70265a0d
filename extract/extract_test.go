package extract

import (
	"github.com/gongkai/gongkai/internal/golden"

	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// NewTable marks what spanning cells cover in slices, and only below their
// own row; it places cells as the map of every covered slot it replaced
// did, on random tables of random spans.
func TestNewTableAsCoverMap(t *testing.T) {
	place := func(rows [][]Cell) [][2]int { // the map's layout: row, col of each cell
		covered := map[[2]int]bool{}
		var at [][2]int
		for r, row := range rows {
			col := 0
			for _, c := range row {
				for covered[[2]int{r, col}] {
					col++
				}
				at = append(at, [2]int{r, col})
				for dr := range max(c.RowSpan, 1) {
					for dc := range max(c.ColSpan, 1) {
						covered[[2]int{r + dr, col + dc}] = true
					}
				}
				col += max(c.ColSpan, 1)
			}
		}
		return at
	}
	x := uint64(7)
	next := func(n int) int {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(n))
	}
	for range 3000 {
		rows := make([][]Cell, next(6))
		for r := range rows {
			for range next(6) {
				rows[r] = append(rows[r], Cell{RowSpan: next(4), ColSpan: next(4)})
			}
		}
		want := place(rows)
		var got [][2]int
		for _, row := range NewTable(1, 0, rows).Rows {
			for _, c := range row {
				got = append(got, [2]int{c.Row, c.Col})
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("cells placed at %v, want %v", got, want)
		}
	}
}

func TestNewTableLayout(t *testing.T) {
	// The corner of table 三: a 3x3 cell, then cells placed around it.
	rows := [][]Cell{
		{{Text: "corner", RowSpan: 3, ColSpan: 3}, {Text: "申请人情况", ColSpan: 7}},
		{{Text: "自然人", RowSpan: 2}, {Text: "法人或其他组织", ColSpan: 5}, {Text: "总计", RowSpan: 2}},
		{{Text: "商业企业"}, {Text: "科研机构"}, {Text: "社会公益组织"}, {Text: "法律服务机构"}, {Text: "其他"}},
		{{Text: "一、新收", ColSpan: 3}, {Text: "1"}, {Text: "2"}, {Text: "3"}, {Text: "4"}, {Text: "5"}, {Text: "6"}, {Text: "21"}},
		{{Text: "tail", RowSpan: 9}},
	}
	tab := NewTable(1, 0, rows)
	want := map[string][2]int{ // text → row, col
		"申请人情况": {0, 3}, "自然人": {1, 3}, "法人或其他组织": {1, 4}, "总计": {1, 9},
		"商业企业": {2, 4}, "其他": {2, 8}, "1": {3, 3}, "21": {3, 9},
	}
	for _, row := range tab.Rows {
		for _, c := range row {
			if w, ok := want[c.Text]; ok && (c.Row != w[0] || c.Col != w[1]) {
				t.Errorf("%s at (%d,%d), want %v", c.Text, c.Row, c.Col, w)
			}
		}
	}
	if got := tab.Rows[4][0].RowSpan; got != 1 {
		t.Errorf("rowspan past the last row: %d, want clipped to 1", got)
	}
	g := tab.Grid()
	if len(g) != 5 || len(g[0]) != 10 {
		t.Fatalf("grid %dx%d, want 5x10", len(g), len(g[0]))
	}
	if g[2][1].Text != "corner" || g[2][9].Text != "总计" || g[4][5] != nil {
		t.Errorf("grid: [2][1]=%q [2][9]=%q [4][5]=%v", g[2][1].Text, g[2][9].Text, g[4][5])
	}
}

// fake is an extractor for registry tests.
type fake struct {
	name  string
	exts  []string
	match Match
	panic bool
}

func (f fake) Format() string        { return f.name }
func (f fake) Extensions() []string  { return f.exts }
func (f fake) Sniff(in *Input) Match { return f.match }
func (f fake) Extract(ctx context.Context, in *Input) (*Document, error) {
	if f.panic {
		panic("boom: a bug, as a buggy dependency would have")
	}
	return &Document{}, nil
}

func input(name, content string) *Input {
	in, err := NewInput(name, strings.NewReader(content), int64(len(content)))
	if err != nil {
		panic(err)
	}
	return in
}

func TestDetect(t *testing.T) {
	html := fake{name: "html", exts: []string{".html"}, match: Likely}
	text := fake{name: "txt", exts: []string{".txt"}, match: Maybe}
	pdfSure := fake{name: "pdf", exts: []string{".pdf"}, match: Certain}
	none := fake{name: "none", exts: []string{".x"}, match: NoMatch}
	tests := []struct {
		name string
		reg  *Registry
		file string
		want string
		err  error
	}{
		{"content beats extension", NewRegistry(html, pdfSure), "report.html", "pdf", nil},
		{"best match wins", NewRegistry(text, html), "report.txt", "html", nil},
		{"extension breaks a tie", NewRegistry(html, fake{name: "htm2", exts: []string{".htm"}, match: Likely}), "a.htm", "htm2", nil},
		{"first registered wins a full tie", NewRegistry(html, fake{name: "other", match: Likely}), "a", "html", nil},
		{"nothing matches", NewRegistry(none), "a.x", "", ErrUnknownFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tt.reg.Detect(input(tt.file, "x"))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err %v, want %v", err, tt.err)
			}
			if e != nil && e.Format() != tt.want {
				t.Errorf("picked %s, want %s", e.Format(), tt.want)
			}
		})
	}
	if _, err := NewRegistry(html).Detect(input("empty.html", "")); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty file: %v, want ErrEmpty", err)
	}
}

func TestExtractRecoversPanics(t *testing.T) {
	reg := NewRegistry(fake{name: "bad", match: Certain, panic: true})
	doc, format, err := reg.Extract(context.Background(), input("a", "x"))
	var pe *PanicError
	if doc != nil || format != "bad" || !errors.As(err, &pe) || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v, %q, %v; want a PanicError wrapping ErrCorrupt", doc, format, err)
	}
	if strings.Contains(err.Error(), "goroutine") || len(pe.Stack) == 0 {
		t.Errorf("the message should be short and the stack kept aside: %q", err)
	}
}

func TestDump(t *testing.T) {
	doc := &Document{Blocks: []Block{
		{Para: &Paragraph{Text: "标题", Page: 1}},
		{Table: NewTable(1, 1, [][]Cell{{{Text: "a", ColSpan: 2, Page: 1}}, {{Text: "b", Page: 2}, {Text: ""}}})},
	}}
	var b bytes.Buffer
	Dump(&b, doc)
	golden.Check(t, "testdata/dump.golden", b.Bytes())
}

// A picture is no document, whatever its bytes hold: a PNG with "<html" in
// a chunk is not read as HTML.
func TestPictureIsNoDocument(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<html><body>一、总体情况</body></html>")
	r := NewRegistry(fake{name: "html", match: Certain})
	in, _ := NewInput("scan.png", bytes.NewReader(png), int64(len(png)))
	if _, err := r.Detect(in); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "PNG") {
		t.Errorf("a PNG: %v", err)
	}
}

func TestParseOCRMode(t *testing.T) {
	for s, want := range map[string]OCRMode{"auto": OCRAuto, "off": OCROff, "force": OCRForce} {
		if m, err := ParseOCRMode(s); err != nil || m != want || m.String() != s {
			t.Errorf("ParseOCRMode(%q) = %v, %v", s, m, err)
		}
	}
	if _, err := ParseOCRMode("yes"); err == nil {
		t.Error("ParseOCRMode(yes): no error")
	}
}

// TestMemory: Memory reads as io.ReaderAt says a reader must.
func TestMemory(t *testing.T) {
	m := Memory("abcdef")
	for _, tc := range []struct {
		off     int64
		n       int
		want    string
		wantErr error
	}{
		{0, 3, "abc", nil},
		{3, 3, "def", nil},
		{4, 3, "ef", io.EOF},
		{6, 1, "", io.EOF},
		{9, 1, "", io.EOF},
	} {
		p := make([]byte, tc.n)
		n, err := m.ReadAt(p, tc.off)
		if string(p[:n]) != tc.want || err != tc.wantErr {
			t.Errorf("ReadAt(%d bytes at %d) = %q, %v; want %q, %v", tc.n, tc.off, p[:n], err, tc.want, tc.wantErr)
		}
	}
	if _, err := m.ReadAt(make([]byte, 1), -1); err == nil {
		t.Error("no error at a negative offset")
	}
}
