package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/gongkai/gongkai/extract"
)

// TestEncrypted decrypts files encrypted by two other writers, pdfcpu and
// qpdf, with every method of the standard security handler: each must read
// as the plain file does (for pdfcpu, which drops a font of the seed as it
// writes, as pdfcpu's own decryption of it does), and one with a user
// password is ErrEncrypted.
func TestEncrypted(t *testing.T) {
	src := seeds()["text.pdf"]
	want := dumpBytes(t, src)
	model.ConfigPath = "disable"
	type variant struct {
		name string
		make func(t *testing.T) (enc []byte, want string)
		err  error
	}
	pdfcpu := func(conf *model.Configuration) func(t *testing.T) ([]byte, string) {
		return func(t *testing.T) ([]byte, string) {
			var enc, dec bytes.Buffer
			if err := api.Encrypt(bytes.NewReader(src), &enc, conf); err != nil {
				t.Fatal(err)
			}
			if conf.UserPW != "" {
				return enc.Bytes(), ""
			}
			if err := api.Decrypt(bytes.NewReader(enc.Bytes()), &dec, conf); err != nil {
				t.Fatal(err)
			}
			return enc.Bytes(), dumpBytes(t, dec.Bytes())
		}
	}
	vs := []variant{
		{"pdfcpu RC4-40", pdfcpu(model.NewRC4Configuration("", "owner", 40)), nil},
		{"pdfcpu RC4-128", pdfcpu(model.NewRC4Configuration("", "owner", 128)), nil},
		{"pdfcpu AES-128", pdfcpu(model.NewAESConfiguration("", "owner", 128)), nil},
		{"pdfcpu AES-256", pdfcpu(model.NewAESConfiguration("", "owner", 256)), nil},
		{"pdfcpu AES-256 user password", pdfcpu(model.NewAESConfiguration("secret", "owner", 256)), extract.ErrEncrypted},
		{"pdfcpu RC4-128 user password", pdfcpu(model.NewRC4Configuration("secret", "owner", 128)), extract.ErrEncrypted},
		{"attachments only", func(*testing.T) ([]byte, string) { return attachmentsOnly(src), want }, nil},
	}
	for _, q := range []struct {
		name string
		args []string
		err  error
	}{
		{"R2 RC4-40", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"}, nil},
		{"R3 RC4-128", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}, nil},
		{"R4 AES-128", []string{"--encrypt", "", "owner", "128", "--use-aes=y", "--"}, nil},
		{"R4 AES-128 clear metadata", []string{"--encrypt", "", "owner", "128", "--use-aes=y", "--cleartext-metadata", "--"}, nil},
		{"R4 AES-128 object streams", []string{"--object-streams=generate", "--encrypt", "", "owner", "128", "--use-aes=y", "--"}, nil},
		{"R5 AES-256", []string{"--encrypt", "", "owner", "256", "--force-R5", "--"}, nil},
		{"R6 AES-256", []string{"--encrypt", "", "owner", "256", "--"}, nil},
		{"R6 AES-256 object streams", []string{"--object-streams=generate", "--encrypt", "", "owner", "256", "--"}, nil},
		{"R6 user password", []string{"--encrypt", "user", "owner", "256", "--"}, extract.ErrEncrypted},
		{"R3 user password", []string{"--allow-weak-crypto", "--encrypt", "user", "owner", "128", "--use-aes=n", "--"}, extract.ErrEncrypted},
	} {
		vs = append(vs, variant{"qpdf " + q.name, func(t *testing.T) ([]byte, string) { return qpdf(t, src, q.args), want }, q.err})
	}
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			b, want := v.make(t)
			if !bytes.Contains(b, []byte("/Encrypt")) {
				t.Fatal("the file made is not encrypted")
			}
			doc, err := extractBytes(t, b)
			switch {
			case v.err != nil:
				if !errors.Is(err, v.err) || !strings.Contains(err.Error(), "password") {
					t.Errorf("err = %v, want %v naming the password", err, v.err)
				}
			case err != nil:
				t.Errorf("err = %v", err)
			case !strings.Contains(want, "Annual report 2024"):
				t.Errorf("the plain file reads as %q", want)
			case dump(doc) != want:
				t.Errorf("reads as\n%s\nwant\n%s", dump(doc), want)
			}
		})
	}
}

func dumpBytes(t *testing.T, b []byte) string {
	doc, err := extractBytes(t, b)
	if err != nil {
		t.Fatal(err)
	}
	return dump(doc)
}

// qpdf rewrites src with args; the test skips where qpdf is missing (CI
// installs it: .ci/apt-packages).
func qpdf(t *testing.T, src []byte, args []string) []byte {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed (Debian package qpdf)")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("qpdf", append(args, in, out)...).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// attachmentsOnly adds an /Encrypt dictionary whose strings and streams
// are in clear text (Identity) and only embedded files are encrypted, with
// a user password: the document reads without it, as viewers read it.
func attachmentsOnly(src []byte) []byte {
	enc := fmt.Sprintf("<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /CF << /StdCF << /CFM /AESV2 /AuthEvent /EFOpen /Length 16 >> >> /StmF /Identity /StrF /Identity /EFF /StdCF /O <%s> /U <%s> >>",
		strings.Repeat("11", 32), strings.Repeat("22", 32))
	return appendUpdate(src, 99, enc, "/Size 100 /Root 1 0 R /Encrypt 99 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")
}

// encryptedSeeds are fuzz seeds: the text seed encrypted with RC4 and AES.
func encryptedSeeds() [][]byte {
	src := seeds()["text.pdf"]
	out := [][]byte{attachmentsOnly(src)}
	model.ConfigPath = "disable"
	for _, conf := range []*model.Configuration{model.NewRC4Configuration("", "o", 128), model.NewAESConfiguration("", "o", 256)} {
		var b bytes.Buffer
		if api.Encrypt(bytes.NewReader(src), &b, conf) == nil {
			out = append(out, b.Bytes())
		}
	}
	return out
}
