package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestEvaluateNarrative(t *testing.T) {
	tables := Values{
		"applications.new.total": 95, "applications.carried_in.total": 0, "applications.total.total": 93,
		"applications.carried_out.total": 2, "review.total": 2,
		"litigation.direct.total": 1, "litigation.after_review.total": 3,
	}
	st := func(v float64) Statement { return Statement{Value: v, Sentence: "…", Paragraph: 6} }
	tests := []struct {
		name      string
		narrative Narrative
		values    Values
		failed    []string
		count     int
		says      string
	}{
		{"prose agrees", Narrative{"applications.new": st(95), "review.total": st(2), "litigation.total": st(4)}, tables, nil, 3, ""},
		{"洪泽区 2024: the prose says 17, the table 95", Narrative{"applications.new": st(17)}, tables,
			[]string{"narrative.applications.new"}, 1, "the prose states 17 (paragraph 6), but applications.new.total = 95"},
		{"litigation is direct plus after review", Narrative{"litigation.total": st(1)}, tables,
			[]string{"narrative.litigation.total"}, 1, "litigation.direct.total + litigation.after_review.total = 4"},
		{"received includes the carried-in", Narrative{"applications.received": st(98)},
			Values{"applications.new.total": 95, "applications.carried_in.total": 3}, nil, 1, ""},
		{"the prose counts the carried-in among the new", Narrative{"applications.new": st(98)},
			Values{"applications.new.total": 95, "applications.carried_in.total": 3},
			nil, 1, "plus those carried in from last year (95 + 3)"},
		{"no table: nothing to compare", Narrative{"applications.new": st(17)}, Values{}, nil, 0, ""},
		{"no counterpart in the tables", Narrative{"active.published": st(2428), "fees.processing": st(0)}, tables, nil, 0, ""},
		{"a table value missing", Narrative{"litigation.total": st(4)}, Values{"litigation.direct.total": 4}, nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checks := EvaluateNarrative(tt.narrative, tt.values)
			if got := failed(checks); !reflect.DeepEqual(got, tt.failed) {
				t.Errorf("failed %v, want %v", got, tt.failed)
			}
			if len(checks) != tt.count {
				t.Errorf("%d checks, want %d", len(checks), tt.count)
			}
			for _, c := range checks {
				if (!c.OK || tt.says != "") && !strings.Contains(c.Message, tt.says) {
					t.Errorf("message %q lacks %q", c.Message, tt.says)
				}
				if c.Fields[0] != c.Rule {
					t.Errorf("%s: first field %s", c.Rule, c.Fields[0])
				}
			}
		})
	}
}

func TestNarrativeKeys(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range NarrativeKeys {
		if seen[k.Key] || !IsNarrativeKey(k.Key) {
			t.Errorf("%s: duplicate or not found", k.Key)
		}
		seen[k.Key] = true
		for _, f := range k.Table {
			if _, ok := LookupField(f); !ok {
				t.Errorf("%s: %s is not a key of fields.tsv", k.Key, f)
			}
		}
	}
	if IsNarrativeKey("applications.new.total") {
		t.Error("a table key is not a narrative key")
	}
}

// Every record carries narrative, empty or not; one written before 1.1.0
// (no narrative) still reads.
func TestNarrativeInRecord(t *testing.T) {
	b, err := json.Marshal(Record{SchemaVersion: Version})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"narrative":{}`) {
		t.Errorf("no empty narrative in %s", b)
	}
	var old Record
	if err := json.Unmarshal([]byte(`{"schema_version":"1.0.0","source":{"path":"a","size":1},"status":"ok","report":{"template":"2021"},"checks":[]}`), &old); err != nil {
		t.Fatal(err)
	}
	if old.Narrative != nil {
		t.Errorf("narrative %v from a 1.0.0 record", old.Narrative)
	}
}
