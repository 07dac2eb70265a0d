package schema

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestTemplateAndLayoutOf(t *testing.T) {
	tests := []struct {
		name     string
		values   Values
		template Template
		layout   Layout
	}{
		{"none", Values{}, TemplateUnknown, Items},
		{"common keys only", Values{"review.total": 1, "applications.new.total": 2}, TemplateUnknown, Items},
		{"2021 table 二", Values{"active.rules.issued": 1}, Template2021, Items},
		{"2019 table 二", Values{"active.rules.produced": 1}, Template2019, Items},
		{"2021 items of （六）", Values{"applications.other_handling.other.total": 0}, Template2021, Items},
		{"2019 one row of （六）", Values{"applications.other_handling.total.total": 0}, Template2019, SingleRow},
		// Some 2021 reports keep the one row: table 二 decides the template.
		{"2021 with the one row", Values{"active.fees.amount": 1, "applications.other_handling.total.total": 0}, Template2021, SingleRow},
	}
	for _, tt := range tests {
		if got := TemplateOf(tt.values); got != tt.template {
			t.Errorf("%s: TemplateOf = %s, want %s", tt.name, got, tt.template)
		}
		if got := LayoutOf(tt.values); got != tt.layout {
			t.Errorf("%s: LayoutOf = %d, want %d", tt.name, got, tt.layout)
		}
	}
}

// The vocabulary read from fields.tsv: tables, columns, rows of each
// layout, and table 四's order.
func TestVocabulary(t *testing.T) {
	if want := []string{"natural_person", "enterprise", "research", "public_interest", "legal_service", "other_org", "total"}; !slices.Equal(ApplicantColumns, want) {
		t.Errorf("ApplicantColumns = %v", ApplicantColumns)
	}
	items, single := ApplicationRowsIn(Items), ApplicationRowsIn(SingleRow)
	if len(items) != 25 || len(single) != 23 || slices.Contains(items, "other_handling.total") || !slices.Contains(single, "other_handling.total") || slices.Contains(single, "other_handling.other") {
		t.Errorf("rows: items %v; single row %v", items, single)
	}
	if len(ReviewKeys) != 15 || ReviewKeys[0] != "review.upheld" || ReviewKeys[14] != "litigation.after_review.total" {
		t.Errorf("ReviewKeys = %v", ReviewKeys)
	}
	for _, tb := range Tables {
		if tb.Section() == "" || len(tb.Fields()) == 0 || !strings.HasPrefix(tb.Title(), tb.Section()+" (") {
			t.Errorf("table %s: section %q, title %q, %d fields", tb, tb.Section(), tb.Title(), len(tb.Fields()))
		}
		var want []Field
		for _, f := range Fields() {
			if f.Table == tb {
				want = append(want, f)
			}
		}
		if !reflect.DeepEqual(tb.Fields(), want) {
			t.Errorf("table %s: %d fields, fields.tsv has %d", tb, len(tb.Fields()), len(want))
		}
	}
	if !slices.Equal(Groups, []string{"active", "applications", "review", "litigation", "pre2019"}) {
		t.Errorf("Groups = %v", Groups)
	}
}

// Every key an identity names is a key of fields.tsv printed in that
// layout, and every key of tables 三 and 四 is in some identity.
func TestIdentitiesNameFields(t *testing.T) {
	for _, l := range []Layout{Items, SingleRow} {
		used := map[string]bool{}
		for _, id := range Identities(l) {
			for _, k := range id.Keys() {
				f, ok := LookupField(k)
				if !ok || !f.Printed(l) {
					t.Errorf("layout %d: %s names %s, not a key of the layout", l, id.Rule, k)
				}
				used[k] = true
			}
		}
		for _, tb := range []Table{TableApplications, TableReview} {
			for _, f := range tb.Fields() {
				if f.Printed(l) && !used[f.Key] {
					t.Errorf("layout %d: %s is in no identity", l, f.Key)
				}
			}
		}
	}
}

func TestParseFieldsRejects(t *testing.T) {
	head := "key\ttemplates\tsection\trow_label\tcolumn_label\tunit\n"
	for _, tsv := range []string{
		head + "a.b\t2021\t二\tx\ty\n",                                   // five columns
		head + "a.b\t2020\t二\tx\ty\tcount\n",                            // unknown template
		head + "a.b\t2021\t五\tx\ty\tcount\n",                            // no such table
		head + "a.b\t2021\t二\tx\ty\tcount\na.b\t2021\t二\tx\ty\tcount\n", // twice
	} {
		if _, _, err := parseFields(tsv); err == nil {
			t.Errorf("no error for %q", tsv)
		}
	}
}
