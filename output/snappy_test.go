package output

import (
	"bytes"
	"strings"
	"testing"

	ksnappy "github.com/klauspost/compress/snappy"
)

// snappy's output decodes, with another implementation, to its input:
// empty, short, incompressible, long runs (copies longer than 64 bytes,
// overlapping their source) and more than one 64 KB block.
func TestSnappy(t *testing.T) {
	noise := make([]byte, 200000)
	x := uint32(1)
	for i := range noise {
		x = x*1664525 + 1013904223
		noise[i] = byte(x >> 24)
	}
	for name, src := range map[string][]byte{
		"empty":  nil,
		"short":  []byte("abc"),
		"noise":  noise,
		"run":    bytes.Repeat([]byte{0}, 150000),
		"text":   []byte(strings.Repeat("applications.new.total 行政许可 ", 5000)),
		"levels": bytes.Repeat([]byte{2, 0, 1, 0, 0, 0, 1}, 30000),
		"mixed":  append(append(bytes.Repeat([]byte("ab"), 40000), noise[:70000]...), bytes.Repeat([]byte("xyz"), 1000)...),
	} {
		checkSnappy(t, name, src)
	}
}

func checkSnappy(t *testing.T, name string, src []byte) {
	t.Helper()
	enc := snappy(nil, src)
	got, err := ksnappy.Decode(nil, enc)
	if err != nil || !bytes.Equal(got, src) {
		t.Errorf("%s: %d bytes → %d → %d bytes, %v", name, len(src), len(enc), len(got), err)
	}
	if n := 32 + len(src) + len(src)/6; len(enc) > n { // the reference encoder's bound
		t.Errorf("%s: %d bytes encoded to %d, more than snappy's bound %d", name, len(src), len(enc), n)
	}
}

func FuzzSnappy(f *testing.F) {
	f.Add([]byte("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
	f.Add([]byte("abcdabcdeabcdef1234"))
	f.Fuzz(func(t *testing.T, src []byte) { checkSnappy(t, "fuzz", src) })
}
