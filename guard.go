package gongkai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/gongkai/gongkai/schema"
)

// ErrTimeout says a file took longer than Converter.Timeout.
var ErrTimeout = errors.New("conversion took too long")

// guard runs convert under the converter's timeout. On timeout the
// conversion's context is cancelled (extractors that watch it stop) and the
// file (f) is closed under it, and the record says the file was given up on;
// a conversion that ignores both is abandoned to finish in the background.
func (c *Converter) guard(ctx context.Context, rec schema.Record, f io.Closer, convert func(context.Context) schema.Record) schema.Record {
	if c.Timeout <= 0 {
		defer f.Close()
		return convert(ctx)
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	done := make(chan schema.Record, 1)
	const (
		converting = iota
		finished
		abandoned
	)
	var state atomic.Int32
	go func() {
		done <- convert(ctx)
		if !state.CompareAndSwap(converting, finished) {
			c.running.Add(-1) // abandoned: no longer running now
		}
	}()
	select {
	case r := <-done:
		cancel()
		f.Close()
		return r
	case <-ctx.Done():
		cancel()
		if state.CompareAndSwap(converting, abandoned) {
			c.running.Add(1)
		} else if r := <-done; r.Status != schema.StatusError {
			f.Close()
			return r // it finished just in time
		}
		f.Close()
		if errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
			return fail(rec, fmt.Errorf("gongkai: %w: gave up after %s (the per-file timeout); the file is damaged or unusually hard to read", ErrTimeout, c.Timeout))
		}
		return fail(rec, ctx.Err())
	}
}

// Abandoned is the number of conversions given up on after Timeout that
// have not ended yet: they ignore their context, and still use a CPU.
func (c *Converter) Abandoned() int { return int(c.running.Load()) }
