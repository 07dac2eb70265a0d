package schema

import (
	"encoding/json"
	"reflect"
	"strings"
)

// SchemaID is where the JSON Schema of this record version is published.
const SchemaID = "https://github.com/gongkai/gongkai/schema/record-" + Version + ".json"

// JSONSchema returns the JSON Schema (draft 2020-12) of Record, generated
// from the Go types and fields.tsv so that the two cannot drift apart.
func JSONSchema() ([]byte, error) {
	s := typeSchema(reflect.TypeOf(recordHead{}))
	tail := typeSchema(reflect.TypeOf(recordTail{}))
	for k, v := range tail["properties"].(map[string]any) {
		s["properties"].(map[string]any)[k] = v
	}
	s["required"] = append(s["required"].([]string), tail["required"].([]string)...)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = SchemaID
	s["title"] = "gongkai record"
	s["description"] = "One record per input file: a government information-disclosure annual report read into canonical keys."
	props := s["properties"].(map[string]any)
	for _, g := range Groups {
		props[g] = valuesSchema(g)
	}
	var derived []string
	for _, f := range DerivedFields {
		derived = append(derived, f.Key)
	}
	props["derived"] = map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "number"},
		"propertyNames": map[string]any{"enum": derived},
		"description":   "Sums computed from printed values (a row group of table 三 over its items), each only when all its parts are printed; never printed values."}
	narr := props["narrative"].(map[string]any)
	narr["description"] = "The figures the report's prose states, each with the sentence that states it."
	var keys []string
	for _, k := range NarrativeKeys {
		keys = append(keys, k.Key)
	}
	narr["propertyNames"] = map[string]any{"enum": keys}
	props["error_kind"] = map[string]any{"enum": ErrorKinds, "description": "The class of the error, for programs; see the README."}
	props["problems"].(map[string]any)["items"].(map[string]any)["properties"].(map[string]any)["kind"] = map[string]any{"enum": ProblemKinds}
	props["status"] = map[string]any{"enum": []string{string(StatusOK), string(StatusPartial), string(StatusError)}}
	props["report"].(map[string]any)["properties"].(map[string]any)["template"] = map[string]any{
		"enum": Templates,
	}
	return json.MarshalIndent(s, "", "  ")
}

// valuesSchema describes one value group: nested objects whose leaves are
// the keys of fields.tsv.
func valuesSchema(group string) map[string]any {
	root := map[string]any{"type": "object", "additionalProperties": false, "properties": map[string]any{}}
	for _, f := range fields {
		path, ok := strings.CutPrefix(f.Key, group+".")
		if !ok {
			continue
		}
		parts := strings.Split(path, ".")
		obj := root
		for _, p := range parts[:len(parts)-1] {
			props := obj["properties"].(map[string]any)
			next, ok := props[p].(map[string]any)
			if !ok {
				next = map[string]any{"type": "object", "additionalProperties": false, "properties": map[string]any{}}
				props[p] = next
			}
			obj = next
		}
		// No minimum: a value the document gets wrong is kept as printed.
		leaf := map[string]any{"type": "number", "description": f.Section + " " + f.RowLabel + " / " + f.ColumnLabel + " (" + f.Unit + ")"}
		obj["properties"].(map[string]any)[parts[len(parts)-1]] = leaf
	}
	return root
}

func typeSchema(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return typeSchema(t.Elem())
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // json.RawMessage: filled in by the caller
			return map[string]any{}
		}
		return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = typeSchema(f.Type)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			s["required"] = required
		}
		return s
	}
	return map[string]any{}
}
