package output_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/output"
	"github.com/gongkai/gongkai/schema"
)

// The workbook read back with excelize's reader holds every value of the
// JSON Lines output, numbers stored as numbers, the header frozen, one
// findings row per failed check and the data dictionary.
func TestXLSX(t *testing.T) {
	recs := records(t)
	data := writeAll(t, "xlsx", recs)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "reports,findings,fields" {
		t.Errorf("sheets %s", got)
	}
	rows, err := f.GetRows("reports", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if strings.Join(header, ",") != strings.Join(output.Header(output.Wide), ",") {
		t.Errorf("header differs from the CSV's")
	}
	lines := bytes.Split(bytes.TrimSpace(writeAll(t, "jsonl", recs)), []byte("\n"))
	if len(rows)-1 != len(lines) {
		t.Fatalf("%d rows, want %d", len(rows)-1, len(lines))
	}
	numbers := 0
	for i, line := range lines {
		w := want(t, line)
		for j, col := range header {
			var cell string
			if j < len(rows[i+1]) {
				cell = rows[i+1][j]
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
			typ, _ := f.GetCellType("reports", ref)
			switch wv := w[col].(type) {
			case nil:
				if cell != "" {
					t.Errorf("row %d %s = %q, want empty", i, col, cell)
				}
			case float64:
				got, err := strconv.ParseFloat(cell, 64)
				if err != nil || got != wv || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("row %d %s = %q (type %v), want the number %v", i, col, cell, typ, wv)
				}
				numbers++
			case string:
				if cell != wv {
					t.Errorf("row %d %s = %q, want %q", i, col, cell, wv)
				}
			case []string:
				sep := ";"
				if col == "problems" {
					sep = "\n"
				}
				if cell != strings.Join(wv, sep) {
					t.Errorf("row %d %s = %q, want %q", i, col, cell, strings.Join(wv, sep))
				}
			}
		}
	}
	if numbers == 0 {
		t.Error("no number compared")
	}
	if p, err := f.GetPanes("reports"); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", p, err)
	}

	failed := 0
	for _, r := range recs {
		for _, c := range append(r.Checks[:len(r.Checks):len(r.Checks)], r.NarrativeChecks...) {
			if !c.OK {
				failed++
			}
		}
	}
	findings, _ := f.GetRows("findings")
	if len(findings)-1 != failed || failed == 0 {
		t.Errorf("%d findings rows, want %d", len(findings)-1, failed)
	}
	dict, _ := f.GetRows("fields")
	if len(dict)-1 != len(output.Dictionary()) || dict[1][0] != output.Dictionary()[0].Key {
		t.Errorf("fields sheet: %d rows", len(dict)-1)
	}
}

// The long layout's workbook has a row a value.
func TestXLSXLong(t *testing.T) {
	recs := records(t)
	f, err := excelize.OpenReader(bytes.NewReader(writeLayout(t, "xlsx", output.Long, recs)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("reports")
	want := longRows(t, writeLayout(t, "jsonl", output.Long, recs))
	if len(rows)-1 != len(want) {
		t.Errorf("%d rows, want %d", len(rows)-1, len(want))
	}
}

// Text XML cannot hold is replaced, and text longer than a cell holds is
// cut with a mark, so that Excel opens the workbook.
func TestXLSXText(t *testing.T) {
	rec := records(t)[0]
	rec.Error = "a\x01<b>&c\t" + strings.Repeat("长", 40000)
	f, err := excelize.OpenReader(bytes.NewReader(writeAll(t, "xlsx", []schema.Record{rec})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := f.GetCellValue("reports", "H2")
	if h, _ := f.GetCellValue("reports", "H1"); h != "error" {
		t.Fatalf("column H is %q", h)
	}
	want := []rune("a\uFFFD<b>&c\t" + strings.Repeat("长", 40000))[:32766]
	if got != string(want)+"…" {
		t.Errorf("error cell: %d runes, starts %q", len([]rune(got)), []rune(got)[:10])
	}
}
