// Package batch runs the gongkai pipeline over an archive: it walks the
// inputs (folders recursively, in a deterministic order, one shard of them
// for a cluster's job array), converts them on a pool of workers with a
// gongkai.Converter, marks files whose content an earlier one had, and hands
// the records on in input order, whatever the number of workers. It also
// reads back the JSON Lines a run wrote, so that an interrupted run can be
// resumed and the shards of one merged. The command cmd/gongkai adds flags,
// output files and printing on top.
package batch

import (
	"context"
	"sync"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/schema"
)

// Result is the record of one input and how long it took.
type Result struct {
	Seq    int // the input's place in walk order, from 0
	Record schema.Record
	Took   time.Duration
	// Line is the record as Runner.Encode encoded it on the worker, or nil.
	Line []byte
	// Duplicate says an earlier input had the same content; the record
	// names it (Source.DuplicateOf).
	Duplicate bool
}

// Runner converts inputs on a pool of workers.
type Runner struct {
	Converter *gongkai.Converter
	Workers   int // at least 1
	// Seen remembers each content already written, to mark duplicates;
	// seed it with the records of an earlier run (Resume). Run makes one
	// when it is nil.
	Seen *Duplicates
	// Encode, when set, encodes each record on its worker once the record
	// is final: encoding is the costly part of writing. An error leaves
	// Line nil.
	Encode func(schema.Record) ([]byte, error)
}

// Run converts what walk yields and passes the results to emit one at a
// time, in input order. Memory stays bounded: walk is pulled lazily, and at
// most a window of inputs is between the walk and emit, so a slow file
// holds back at most that many finished records. emit is not called once
// ctx is done — a record finished after an interrupt may say only
// "interrupted", and must not reach the output as if it were the file's —
// nor after it failed.
func (r *Runner) Run(ctx context.Context, walk func(context.Context, func(Input) error) error, emit func(Result) error) (walkErr, emitErr error) {
	if r.Seen == nil {
		r.Seen = NewDuplicates()
	}
	n := max(r.Workers, 1)
	work := func(ctx context.Context, in Input) Result {
		res := Result{Record: r.convert(ctx, in)}
		// Marked here when the content is new, or seen in a record already
		// written; an earlier file still in flight is caught in order below.
		res.Duplicate = r.Seen.markEarlier(&res.Record)
		if r.Encode != nil {
			res.Line, _ = r.Encode(res.Record)
		}
		return res
	}
	return pool(ctx, n, walk, work, func(res Result) error {
		if !res.Duplicate && r.Seen.Mark(&res.Record) {
			res.Duplicate, res.Line = true, nil // an earlier file still in flight had its content
		}
		return emit(res)
	})
}

// convert is the record of one input, whatever happens: the converter
// recovers the pipeline's panics.
func (r *Runner) convert(ctx context.Context, in Input) schema.Record {
	switch {
	case in.Err != nil:
		return gongkai.ErrorRecord(in.Path, in.Err)
	case in.Entry != "":
		return r.Converter.Entry(ctx, in.Path, in.Entry)
	}
	return r.Converter.File(ctx, in.Path)
}

func pool(ctx context.Context, n int, walk func(context.Context, func(Input) error) error, work func(context.Context, Input) Result, emit func(Result) error) (walkErr, emitErr error) {
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	window := make(chan struct{}, max(64, 16*n))
	type job struct {
		seq int
		in  Input
	}
	jobs := make(chan job, n)
	results := make(chan Result, n)

	go func() {
		defer close(jobs)
		seq := 0
		walkErr = walk(run, func(in Input) error {
			select {
			case window <- struct{}{}:
			case <-run.Done():
				return run.Err()
			}
			jobs <- job{seq, in} // workers drain jobs until it is closed
			seq++
			return nil
		})
	}()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for j := range jobs {
				start := time.Now()
				r := work(run, j.in)
				r.Seq, r.Took = j.seq, time.Since(start)
				results <- r
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]Result{}
	next := 0
	for r := range results {
		pending[r.Seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if emitErr == nil && ctx.Err() == nil {
				if emitErr = emit(p); emitErr != nil {
					cancel()
				}
			}
		}
	}
	if walkErr == run.Err() && ctx.Err() == nil {
		walkErr = nil // stopped because emit failed: emitErr says why
	}
	return walkErr, emitErr
}
