// Package freelist keeps values for reuse, as sync.Pool does, but through
// garbage collections. sync.Pool drops what it holds at every other
// collection, and a conversion collects every few milliseconds: the
// buffers a document's pages reuse (decoded content, inflaters, the
// characters of a page) and a file's bytes were grown again from nothing
// between one document and the next, a sixth of the PDF reader's garbage.
// A list is bounded, so what it keeps is too.
package freelist

import "bytes"

// A List holds up to its capacity of values; more are left to the
// collector. It is safe for concurrent use.
type List[T any] chan T

// New returns a list that holds up to n values.
func New[T any](n int) List[T] { return make(List[T], n) }

// Get returns a value held, or false when the list is empty.
func (l List[T]) Get() (T, bool) {
	select {
	case v := <-l:
		return v, true
	default:
		var zero T
		return zero, false
	}
}

// Put holds v for a later Get, unless the list is full.
func (l List[T]) Put(v T) {
	select {
	case l <- v:
	default:
	}
}

// Buffers is a list of byte buffers, each given out empty; one grown past
// max when it comes back is left to the collector, so that a few huge
// streams do not pin their memory.
type Buffers struct {
	list List[*bytes.Buffer]
	max  int
}

// NewBuffers returns a list that holds up to n buffers of at most max
// bytes each.
func NewBuffers(n, max int) *Buffers { return &Buffers{list: New[*bytes.Buffer](n), max: max} }

// Get returns an empty buffer, a kept one when there is one.
func (b *Buffers) Get() *bytes.Buffer {
	buf, ok := b.list.Get()
	if !ok {
		return new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

// Put keeps buf for a later Get, unless it is larger than max or the list
// is full.
func (b *Buffers) Put(buf *bytes.Buffer) {
	if buf.Cap() <= b.max {
		b.list.Put(buf)
	}
}
