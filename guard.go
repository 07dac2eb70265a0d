package gongkai

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/gongkai/gongkai/schema"
)

// ErrTimeout says a file took longer than Converter.Timeout.
var ErrTimeout = errors.New("conversion took too long")

// guard runs convert under the converter's timeout. On timeout the
// conversion's context is cancelled (extractors that watch it stop) and the
// file is closed under it, and the record says the file was given up on;
// a conversion that ignores both is abandoned to finish in the background.
func (c *Converter) guard(ctx context.Context, rec schema.Record, f *os.File, convert func(context.Context) schema.Record) schema.Record {
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

// ByteSize is a number of bytes, printed and parsed with binary units:
// 512MB is 512 MiB.
type ByteSize int64

func (b ByteSize) String() string {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	f, i := float64(b), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 || f == float64(int64(f)) {
		return strconv.FormatFloat(f, 'f', -1, 64) + " " + units[i]
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + units[i]
}

// ParseByteSize reads a size such as "512MB", "1.5G", "64k" or "1000000";
// units are binary (K = 1024) and case-insensitive, the B and i optional.
func ParseByteSize(s string) (ByteSize, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := 1.0
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			mult = float64(int64(1) << (10 * (i + 1)))
			t = strings.TrimSpace(t[:n-1])
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("gongkai: %q is not a size (e.g. 512MB, 2G, 100000)", s)
	}
	return ByteSize(f * mult), nil
}
