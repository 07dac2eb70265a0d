package object

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/extract/pdf/internal/syntax"
)

// Decryption with the standard security handler (PDF 32000-2 7.6.4): RC4
// and AES, 40 to 256 bits, with crypt filters (the default ones, named
// ones, Identity), and metadata or attachments left in clear text. Reports
// are encrypted to forbid copying, with an empty user password, which is
// the password tried.

var (
	// ErrPassword says the file opens only with a user password.
	ErrPassword = errors.New("it opens only with a user password")
	// ErrHandler says the file is encrypted by a handler other than the
	// standard one (certificates, a vendor's DRM).
	ErrHandler = errors.New("its security handler is not the standard one")
)

// method is how one crypt filter decrypts.
type method uint8

const (
	none method = iota // Identity: stored in clear
	rc4m
	aesV2 // AES-128
	aesV3 // AES-256: the file key, no per-object key
)

type crypt struct {
	key       []byte
	strings   method
	streams   method
	filters   map[string]method // named crypt filters, for /Crypt stream filters
	meta      bool              // /Metadata streams encrypted
	encObject int               // the /Encrypt dictionary's own object
}

// Decrypt sets the file up to decrypt what it reads, with the empty user
// password. A file that is not encrypted is left as it is.
func (f *File) Decrypt() error {
	ref, ok := f.x.trailer.Get("Encrypt")
	if !ok {
		return nil
	}
	enc := f.value(ref, 0)
	if h := enc.Key("Filter").Name(); h != "Standard" {
		return fmt.Errorf("%w (/Filter /%s)", ErrHandler, h)
	}
	var id []byte
	if ids, ok := f.x.trailer.Get("ID"); ok && ids.Kind == syntax.Array && len(ids.Arr) > 0 {
		id = []byte(ids.Arr[0].Str)
	}
	c, err := newCrypt(enc, id)
	if err != nil {
		return err
	}
	if ref.Kind == syntax.Ref {
		c.encObject = int(ref.Num)
	}
	f.src.crypt = c
	clear(f.objects)
	clear(f.stms)
	return nil
}

func newCrypt(enc Value, id []byte) (*crypt, error) {
	v, r := enc.Key("V").Int(), enc.Key("R").Int()
	c := &crypt{meta: true, filters: map[string]method{"Identity": none}}
	if m := enc.Key("EncryptMetadata"); m.Kind() == Bool {
		c.meta = m.o.Num != 0
	}
	length := 5
	if v >= 4 {
		length = 16
	}
	switch v {
	case 1, 2, 3:
		c.strings, c.streams = rc4m, rc4m
		if l := enc.Key("Length").Int(); v > 1 && l >= 40 && l <= 128 && l%8 == 0 {
			length = l / 8
		}
	case 4, 5:
		cf := enc.Key("CF")
		for _, name := range cf.Keys() {
			switch cf.Key(name).Key("CFM").Name() {
			case "V2":
				c.filters[name] = rc4m
				if l := cf.Key(name).Key("Length").Int(); l >= 5 && l <= 16 {
					length = l // bytes here, though some writers give bits
				} else if l >= 40 && l <= 128 {
					length = l / 8
				}
			case "AESV2":
				c.filters[name] = aesV2
				length = 16
			case "AESV3":
				c.filters[name] = aesV3
				length = 32
			case "None":
				c.filters[name] = none
			}
		}
		c.strings = c.filters[enc.Key("StrF").Name()]
		c.streams = c.filters[enc.Key("StmF").Name()]
	default:
		return nil, fmt.Errorf("%w (/V %d)", ErrHandler, v)
	}
	err := c.fileKey(enc, r, length, id)
	if errors.Is(err, ErrPassword) && r >= 3 && r <= 4 && length != 16 {
		// A damaged or missing /Length: the longest key is the likeliest.
		err = c.fileKey(enc, r, 16, id)
	}
	if errors.Is(err, ErrPassword) && c.strings == none && c.streams == none {
		// Only the attachments are encrypted: the document reads without
		// its password, and a stream naming a crypt filter stays unread.
		c.key = nil
		err = nil
	}
	return c, err
}

// fileKey finds the file key for the empty user password.
func (c *crypt) fileKey(enc Value, r, length int, id []byte) error {
	o, u := []byte(enc.Key("O").RawString()), []byte(enc.Key("U").RawString())
	if r >= 5 {
		return c.keyR6(r, u, []byte(enc.Key("UE").RawString()))
	}
	p := uint32(enc.Key("P").Int())
	length = min(length, md5.Size) // AES-256 named by a revision before 5
	if len(o) < 32 || len(u) < 16 || r == 2 && len(u) < 32 {
		return fmt.Errorf("%w: its /O or /U entry is too short", ErrPassword)
	}
	// Algorithm 2: the key from the (empty) password.
	h := md5.New()
	h.Write(padding)
	h.Write(o[:32])
	binary.Write(h, binary.LittleEndian, p)
	h.Write(id)
	if r >= 4 && !c.meta {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if r >= 3 {
		for range 50 {
			s := md5.Sum(key[:length])
			key = s[:]
		}
	}
	c.key = key[:length]
	// Algorithms 4 and 5: check the key against /U.
	var check []byte
	if r == 2 {
		check = rc4xor(c.key, padding)
		u = u[:32]
	} else {
		s := md5.Sum(append(append([]byte(nil), padding...), id...))
		check = s[:]
		for i := range 20 {
			k := make([]byte, len(c.key))
			for j := range k {
				k[j] = c.key[j] ^ byte(i)
			}
			check = rc4xor(k, check)
		}
		u = u[:16]
	}
	if !bytes.Equal(check, u) {
		return ErrPassword
	}
	return nil
}

// keyR6 finds the AES-256 file key (algorithm 2.A) for the empty password.
func (c *crypt) keyR6(r int, u, ue []byte) error {
	if len(u) < 48 || len(ue) < 32 {
		return fmt.Errorf("%w: its /U or /UE entry is too short", ErrPassword)
	}
	if !bytes.Equal(hashR6(r, u[32:40]), u[:32]) {
		return ErrPassword
	}
	k := hashR6(r, u[40:48])
	block, err := aes.NewCipher(k)
	if err != nil {
		return err
	}
	c.key = make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(c.key, ue[:32])
	return nil
}

// hashR6 is algorithm 2.B (R6) or plain SHA-256 (R5) of the empty
// password with salt; user keys only, so no /U data is hashed in.
func hashR6(r int, salt []byte) []byte {
	s := sha256.Sum256(salt)
	k := s[:]
	if r == 5 {
		return k
	}
	// K1 and E, at most 64 times a 64-byte K, are made in the same two
	// buffers every round (of 64 or more).
	var k1buf, ebuf [64 * 64]byte
	for round := 0; ; round++ {
		k1 := k1buf[:0]
		for range 64 {
			k1 = append(k1, k...)
		}
		block, _ := aes.NewCipher(k[:16])
		e := ebuf[:len(k1)]
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		switch sum % 3 {
		case 0:
			s := sha256.Sum256(e)
			k = s[:]
		case 1:
			s := sha512.Sum384(e)
			k = s[:]
		default:
			s := sha512.Sum512(e)
			k = s[:]
		}
		// The spec counts rounds from 1: stop after at least 64, once
		// E's last byte is at most the rounds done less 32.
		if done := round + 1; done >= 64 && int(e[len(e)-1]) <= done-32 {
			return k[:32]
		}
	}
}

var padding = []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")

func rc4xor(key, b []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(b))
	c.XORKeyStream(out, b)
	return out
}

// objectKey is algorithm 1's key for one object.
func (c *crypt) objectKey(m method, num, gen int) []byte {
	if m == aesV3 {
		return c.key
	}
	b := append([]byte(nil), c.key...)
	b = append(b, byte(num), byte(num>>8), byte(num>>16), byte(gen), byte(gen>>8))
	if m == aesV2 {
		b = append(b, "sAlT"...)
	}
	s := md5.Sum(b)
	return s[:min(len(c.key)+5, 16)]
}

func (c *crypt) decrypt(m method, num, gen int, b []byte) []byte {
	if c.key == nil && m != none {
		return nil // no key: the object cannot be read
	}
	switch m {
	case rc4m:
		return rc4xor(c.objectKey(m, num, gen), b)
	case aesV2, aesV3:
		if len(b) < 32 {
			return nil
		}
		b = b[:len(b)-len(b)%16] // a damaged length: what decrypts
		block, err := aes.NewCipher(c.objectKey(m, num, gen))
		if err != nil {
			return nil
		}
		out := make([]byte, len(b)-16)
		cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, b[16:])
		if n := int(out[len(out)-1]); n >= 1 && n <= 16 && n <= len(out) {
			out = out[:len(out)-n]
		}
		return out
	}
	return b
}

// object decrypts an indirect object read from the file: its strings and
// its stream's data, but for what the standard leaves in clear text.
func (c *crypt) object(o *indirect) {
	if o.num == c.encObject {
		return
	}
	if o.data != nil {
		typ, _ := o.v.Get("Type")
		switch {
		case typ.Str == "XRef":
			return // cross-reference streams are never encrypted
		case typ.Str == "Metadata" && !c.meta:
		default:
			o.data = c.decrypt(c.streamMethod(o.v), o.num, o.gen, o.data)
		}
	}
	o.v = c.strs(o.v, o.num, o.gen, 0)
}

// streamMethod is the stream's own /Crypt filter, else the default.
func (c *crypt) streamMethod(dict syntax.Object) method {
	filters, _ := dict.Get("Filter")
	if filters.Kind == syntax.Name && filters.Str == "Crypt" || filters.Kind == syntax.Array && len(filters.Arr) > 0 && filters.Arr[0].Str == "Crypt" {
		parms, _ := dict.Get("DecodeParms")
		if parms.Kind == syntax.Array && len(parms.Arr) > 0 {
			parms = parms.Arr[0]
		}
		name, _ := parms.Get("Name")
		if name.Str == "" {
			return none // the Identity filter is the default of /Crypt
		}
		return c.filters[name.Str]
	}
	return c.streams
}

// strs decrypts the strings of a value just parsed, in place: nothing
// else holds its arrays yet.
func (c *crypt) strs(o syntax.Object, num, gen, depth int) syntax.Object {
	switch o.Kind {
	case syntax.String:
		o.Str = string(c.decrypt(c.strings, num, gen, []byte(o.Str)))
	case syntax.Array, syntax.Dict:
		if depth > 64 {
			return o
		}
		for i, e := range o.Arr {
			o.Arr[i] = c.strs(e, num, gen, depth+1)
		}
	}
	return o
}
