package schema

import "testing"

func TestDerivedFields(t *testing.T) {
	parts := map[string]int{}
	for _, f := range DerivedFields {
		parts[f.Key] = len(f.Parts)
		for _, p := range f.Parts {
			if _, ok := LookupField(p); !ok {
				t.Errorf("%s: part %s is not a key of fields.tsv", f.Key, p)
			}
		}
	}
	for key, want := range map[string]int{
		"applications.denied.total.natural_person":     8, // 1.属于国家秘密 … 8.属于行政查询事项
		"applications.unavailable.total.total":         3,
		"applications.not_processed.total.other_org":   5,
		"applications.other_handling.total.enterprise": 3, // the 2021 template's items
	} {
		if parts[key] != want {
			t.Errorf("%s: %d parts, want %d", key, parts[key], want)
		}
	}
	if len(DerivedFields) != 4*len(ApplicantColumns) {
		t.Errorf("%d derived fields, want %d", len(DerivedFields), 4*len(ApplicantColumns))
	}
}

func TestDerive(t *testing.T) {
	unavailable := func(col string, a, b, c float64) Values {
		return Values{
			ApplicationKey("unavailable.not_held", col):       a,
			ApplicationKey("unavailable.needs_creation", col): b,
			ApplicationKey("unavailable.unclear", col):        c,
		}
	}
	merge := func(vs ...Values) Values {
		out := Values{}
		for _, v := range vs {
			for k, x := range v {
				out[k] = x
			}
		}
		return out
	}
	items := Values{
		ApplicationKey("other_handling.no_correction", "total"): 1,
		ApplicationKey("other_handling.unpaid_fee", "total"):    0,
		ApplicationKey("other_handling.other", "total"):         4,
	}
	for _, tc := range []struct {
		name string
		v    Values
		want Derived
	}{
		{"all parts", unavailable("total", 2, 3, 4), Derived{"applications.unavailable.total.total": 9}},
		{"a part missing", Values{ApplicationKey("unavailable.not_held", "total"): 2}, nil},
		{"two columns", merge(unavailable("total", 1, 1, 1), unavailable("research", 0, 0, 1)),
			Derived{"applications.unavailable.total.total": 3, "applications.unavailable.total.research": 1}},
		{"2021 items", items, Derived{"applications.other_handling.total.total": 5}},
		// The one-row layout prints its total: nothing is derived, and
		// items next to it (a report printing both) do not make one.
		{"one row", merge(items, Values{ApplicationKey("other_handling.total", "total"): 5}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Derive(tc.v)
			if len(got) != len(tc.want) {
				t.Fatalf("Derive = %v, want %v", got, tc.want)
			}
			for k, x := range tc.want {
				if got[k] != x {
					t.Errorf("%s = %v, want %v", k, got[k], x)
				}
			}
		})
	}
}
