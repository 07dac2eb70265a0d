package object

import (
	"bytes"
	"encoding/hex"
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

// TestHashR6: algorithm 2.B of the empty password gives the /U hash qpdf
// wrote, for /U entries of files it encrypted with random keys. The
// first three ended on the round the spec stops at, one later than the
// round the hash once stopped at (counted from 0, not 1): about one file
// in ten did not open.
func TestHashR6(t *testing.T) {
	for _, u := range []string{
		"4a60465fc4b686113f14d0f1c24f60582461532c8561136b50496f994eaf3a01bdcd9bfb688c2e0d323f557b2dbdd8be",
		"9ff4a13825b314c124b7912ade56bfb4400aba9609a30d94a9a21f88238a6dfd3d854cb21054bf7ad2452dd79c0cc972",
		"22bbabaa46745c910f88e38d6534efd62859220694201ab35377523c4a55cc94fb842ff94a120547a57a8df692d30adc",
		"1f8d3a47768cb2c8a857273b0e5771a80c269811c9989d2abdb5208dbce83cc0c5ccd872d230462f79c99eaca6cb5527",
	} {
		b, err := hex.DecodeString(u)
		if err != nil {
			t.Fatal(err)
		}
		if got := hashR6(6, b[32:40]); !bytes.Equal(got, b[:32]) {
			t.Errorf("/U %s…: hash %x, want %x", u[:16], got, b[:32])
		}
	}
}
