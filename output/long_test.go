package output_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

// longRows reads the long layout's JSON Lines: a map a row.
func longRows(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var rows []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		rows = append(rows, m)
	}
	return rows
}

// The long layout's rows are the record's values one for one: every
// printed value with where it was printed, every derived sum, every
// narrative figure, and nothing else; a record with no value is one row.
func TestLongLayout(t *testing.T) {
	recs := records(t)
	rows := longRows(t, writeLayout(t, "jsonl", output.Long, recs))
	byPath := map[string][]map[string]any{}
	for _, r := range rows {
		byPath[r["path"].(string)] = append(byPath[r["path"].(string)], r)
	}
	derivedSeen := false
	for _, rec := range recs {
		got := byPath[rec.Source.Path]
		want := map[string]float64{}
		for k, v := range rec.Values {
			if _, ok := schema.LookupField(k); ok { // as in the wide layout's columns
				want[k] = v
			}
		}
		for k, v := range rec.Derived {
			want["derived."+k] = v
			derivedSeen = true
		}
		for k, st := range rec.Narrative {
			want["narrative."+k] = st.Value
		}
		if len(want) == 0 {
			if len(got) != 1 || got[0]["key"] != nil || got[0]["status"] != string(rec.Status) {
				t.Errorf("%s: no values: rows %v", rec.Source.Path, got)
			}
			continue
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d rows, want %d", rec.Source.Path, len(got), len(want))
		}
		for _, r := range got {
			key, _ := r["key"].(string)
			if w, ok := want[key]; !ok || r["value"] != w {
				t.Errorf("%s: row %s = %v, want %v (%v)", rec.Source.Path, key, r["value"], w, ok)
			}
			if r["year"] != num(rec.Report.Year) || r["template"] != string(rec.Report.Template) {
				t.Errorf("%s: row %s: year %v template %v", rec.Source.Path, key, r["year"], r["template"])
			}
			p, printed := rec.Provenance[key]
			if !printed {
				if r["table"] != nil || r["row"] != nil || r["col"] != nil {
					t.Errorf("%s: %s is not printed but has a cell: %v", rec.Source.Path, key, r)
				}
				continue
			}
			if r["table"] != float64(p.Table) || r["row"] != float64(p.Row) || r["col"] != float64(p.Col) || r["page"] != num(p.Page) || r["text"] != str(p.Text) || r["ocr_confidence"] != optConf(p.OCRConfidence) {
				t.Errorf("%s: %s: row %v, provenance %+v", rec.Source.Path, key, r, p)
			}
			if f, _ := schema.LookupField(key); r["unit"] != f.Unit {
				t.Errorf("%s: %s: unit %v, want %s", rec.Source.Path, key, r["unit"], f.Unit)
			}
		}
	}
	if !derivedSeen {
		t.Error("no record has a derived sum: the test shows nothing about them")
	}

	// CSV and Parquet in the long layout hold the same rows.
	c := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(writeLayout(t, "csv", output.Long, recs), []byte("\uFEFF"))))
	c.FieldsPerRecord = -1
	table, err := c.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := table[0]
	if fmt.Sprint(header) != fmt.Sprint(output.Header(output.Long)) {
		t.Errorf("csv header %v", header)
	}
	if len(table)-1 != len(rows) {
		t.Fatalf("csv: %d rows, JSON Lines %d", len(table)-1, len(rows))
	}
	for i, r := range table[1:] {
		for j, cell := range r {
			if w := rows[i][header[j]]; cellOf(w) != cell {
				t.Errorf("csv row %d %s = %q, JSON Lines %v", i, header[j], cell, w)
			}
		}
	}
	data := writeLayout(t, "parquet", output.Long, recs)
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	pr := parquet.NewReader(f)
	for i := 0; ; i++ {
		row := map[string]any{}
		if err := pr.Read(&row); err != nil {
			if i != len(rows) {
				t.Errorf("parquet: %d rows, JSON Lines %d", i, len(rows))
			}
			break
		}
		for _, col := range header {
			if g, w := normal(row[col]), rows[i][col]; fmt.Sprint(g) != fmt.Sprint(w) {
				t.Errorf("parquet row %d %s = %v, JSON Lines %v", i, col, g, w)
			}
		}
	}
}

func num(n int) any {
	if n == 0 {
		return nil
	}
	return float64(n)
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// cellOf is a JSON value as the CSV writes it.
func cellOf(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// optConf is a confidence as the long layout's JSON holds it.
func optConf(c *float64) any {
	if c == nil {
		return nil
	}
	return *c
}
