package freelist

import (
	"runtime"
	"testing"
)

func TestList(t *testing.T) {
	l := New[*[]byte](2)
	if _, ok := l.Get(); ok {
		t.Fatal("an empty list gave a value")
	}
	a, b, c := new([]byte), new([]byte), new([]byte)
	l.Put(a)
	l.Put(b)
	l.Put(c) // beyond its bound: dropped
	runtime.GC()
	runtime.GC() // a sync.Pool would be empty now
	got := map[*[]byte]bool{}
	for range 3 {
		if v, ok := l.Get(); ok {
			got[v] = true
		}
	}
	if len(got) != 2 || !got[a] || !got[b] {
		t.Errorf("got %d values back (a %v, b %v), want a and b", len(got), got[a], got[b])
	}
}

func TestBuffers(t *testing.T) {
	b := NewBuffers(2, 1000)
	small, big := b.Get(), b.Get()
	small.WriteString("abc")
	big.Write(make([]byte, 2000)) // past max: not kept
	b.Put(small)
	b.Put(big)
	if got := b.Get(); got != small || got.Len() != 0 {
		t.Errorf("Get gave %p with %d bytes, want the small buffer (%p), empty", got, got.Len(), small)
	}
	if got := b.Get(); got == big {
		t.Error("a buffer past max was kept")
	}
}
