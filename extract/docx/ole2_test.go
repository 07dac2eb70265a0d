package docx

import (
	"bytes"
	"os"
	"testing"
)

func TestOLE2Directory(t *testing.T) {
	tests := []struct {
		name      string
		file      []byte
		has       []string
		encrypted bool // a password-protected .doc
		ooxml     bool // an encrypted Office Open XML package
	}{
		{"doc", cfbOf(t, stream{"WordDocument", wordFIB(false)}, stream{"1Table", filler(4100)}), []string{"WordDocument", "1Table"}, false, false},
		{"encrypted doc", cfbOf(t, stream{"WordDocument", wordFIB(true)}), []string{"WordDocument"}, true, false},
		{"encrypted docx", cfbOf(t, stream{"EncryptionInfo", filler(4200)}, stream{"EncryptedPackage", filler(8000)}), []string{"EncryptionInfo", "EncryptedPackage"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := readOLE2(bytes.NewReader(tt.file), int64(len(tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range tt.has {
				if !f.has(n) {
					t.Errorf("stream %s not found", n)
				}
			}
			if f.has("Workbook") {
				t.Error("found a Workbook stream that is not there")
			}
			if got := f.encryptedDoc(); got != tt.encrypted {
				t.Errorf("encryptedDoc = %v", got)
			}
			if got := f.encryptedOOXML(); got != tt.ooxml {
				t.Errorf("encryptedOOXML = %v", got)
			}
		})
	}
}

func TestOLE2Damaged(t *testing.T) {
	good := cfbOf(t, stream{"WordDocument", wordFIB(false)})
	loop := bytes.Clone(good)
	loop[512+4] = 1 // the directory sector's FAT entry points to itself
	loop[512+5], loop[512+6], loop[512+7] = 0, 0, 0
	for name, b := range map[string][]byte{
		"header only":   good[:512],
		"cut directory": good[:900],
		"looping chain": loop,
		"no magic":      append([]byte("XXXXXXXX"), good[8:]...),
	} {
		if _, err := readOLE2(bytes.NewReader(b), int64(len(b))); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestOLE2Real reads the directory of a .doc LibreOffice wrote, when the
// tests have made one (see legacy_test.go); the fixture above is ours, so
// this checks the reader against a writer we did not write.
func TestOLE2Real(t *testing.T) {
	path := docFixture(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := readOLE2(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"WordDocument", "1Table"} {
		if !f.has(n) {
			t.Errorf("no %s stream in %s", n, path)
		}
	}
	if f.encryptedDoc() || f.encryptedOOXML() {
		t.Error("a plain .doc taken for encrypted")
	}
}
