package object

import (
	"errors"
	"strings"
	"testing"
)

// TestDamagedEncryption: encryption dictionaries that are damaged or name
// what the standard handler cannot do are errors of their class, never a
// panic or a key cut from too few bytes.
func TestDamagedEncryption(t *testing.T) {
	short, long := "<"+strings.Repeat("ab", 8)+">", "<"+strings.Repeat("ab", 32)+">"
	for _, tc := range []struct {
		name, enc string
		want      error
	}{
		{"other handler", "<< /Filter /Adobe.PubSec /V 4 /R 4 >>", ErrHandler},
		{"unknown version", "<< /Filter /Standard /V 7 /R 4 /O " + long + " /U " + long + " >>", ErrHandler},
		{"R2 with a short /U", "<< /Filter /Standard /V 1 /R 2 /P -4 /O " + long + " /U " + short + " >>", ErrPassword},
		{"short /O", "<< /Filter /Standard /V 2 /R 3 /P -4 /O " + short + " /U " + long + " >>", ErrPassword},
		{"AES-256 named by R4", "<< /Filter /Standard /V 4 /R 4 /P -4 /CF << /StdCF << /CFM /AESV3 >> >> /StmF /StdCF /StrF /StdCF /O " + long + " /U " + long + " >>", ErrPassword},
		{"R6 with a short /UE", "<< /Filter /Standard /V 5 /R 6 /P -4 /CF << /StdCF << /CFM /AESV3 >> >> /StmF /StdCF /StrF /StdCF /O " + long + " /U " + long + " /UE " + short + " >>", ErrPassword},
		{"wrong key", "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O " + long + " /U " + long + " >>", ErrPassword},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, classic([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [] /Count 0 >>",
				tc.enc,
			}, "/Root 1 0 R /Encrypt 3 0 R /ID [<0011> <0011>]"))
			if err := f.Decrypt(); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}
