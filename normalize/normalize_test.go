package normalize

import (
	"github.com/gongkai/gongkai/internal/golden"

	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/html"
	"github.com/gongkai/gongkai/extract/text"
	"github.com/gongkai/gongkai/schema"
)

func cells(texts ...string) []*extract.Cell {
	var cs []*extract.Cell
	for i, t := range texts {
		cs = append(cs, &extract.Cell{Text: t, Col: i, RowSpan: 1, ColSpan: 1})
	}
	return cs
}

// read extracts a test document with the format readers.
func read(t testing.TB, path string) *extract.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	in, err := extract.NewInput(path, f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := extract.NewRegistry(html.New(), text.New()).Extract(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden normalizes the sample reports and the tricky tables in
// testdata, and compares with testdata/*.golden.json.
func TestGolden(t *testing.T) {
	inputs, _ := filepath.Glob("../samples/reports/*")
	more, _ := filepath.Glob("testdata/*.html")
	txt, _ := filepath.Glob("testdata/*.txt")
	inputs = append(append(inputs, more...), txt...)
	if len(inputs) < 5 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			res := Document(read(t, in))
			got, err := json.MarshalIndent(struct {
				Report    any
				Found     map[schema.Table]bool
				Values    any
				Narrative any
				Problems  []schema.Problem
			}{res.Report, res.Found, res.Values, res.Narrative, res.Problems}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+".golden.json"), got)
		})
	}
}
