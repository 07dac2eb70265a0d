package gongkai

import (
	"fmt"
	"os"
	"testing"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/schema"
)

func TestKindOf(t *testing.T) {
	_, notFound := os.Open("/nonexistent/file.pdf")
	tests := []struct {
		err  error
		want schema.ErrorKind
	}{
		{fmt.Errorf("pdf: %w", extract.ErrEncrypted), schema.KindEncrypted},
		{fmt.Errorf("pdf: %w", extract.ErrNoTextLayer), schema.KindNoTextLayer},
		{fmt.Errorf("gongkai: %w", ErrNotReport), schema.KindNotReport},
		{fmt.Errorf("gongkai: %w", ErrTimeout), schema.KindTimeout},
		{fmt.Errorf("docx: %w", extract.ErrTooLarge), schema.KindTooLarge},
		{&extract.PanicError{Format: "pdf", Value: "boom"}, schema.KindCorrupt},
		{fmt.Errorf("gongkai: %w (boom)", ErrInternal), schema.KindInternal},
		{fmt.Errorf("extract: %w", extract.ErrUnknownFormat), schema.KindUnsupported},
		{fmt.Errorf("extract: %w", extract.ErrEmpty), schema.KindEmpty},
		{fmt.Errorf("docx: %w: soffice", extract.ErrConverter), schema.KindConverter},
		{notFound, schema.KindIO},
	}
	for _, tt := range tests {
		if got := KindOf(tt.err); got != tt.want {
			t.Errorf("KindOf(%v) = %s, want %s", tt.err, got, tt.want)
		}
	}
}

// An error record says its kind, for programs, beside its message.
func TestErrorRecordKind(t *testing.T) {
	rec := New().File(t.Context(), "/nonexistent/file.pdf")
	if rec.Status != schema.StatusError || rec.ErrorKind != schema.KindIO {
		t.Errorf("status %s, kind %q: %s", rec.Status, rec.ErrorKind, rec.Error)
	}
}
