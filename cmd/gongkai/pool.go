package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/schema"
)

// result is the record of one input and how long it took.
type result struct {
	seq  int
	rec  schema.Record
	took time.Duration
	line []byte // the record encoded as JSON Lines by the worker, or nil
	dup  bool   // the worker found an earlier file with the same content
}

// convertAll runs work on what walk yields with n workers and passes the
// results to emit one at a time, in input order whatever the number of
// workers. Memory stays bounded: walk is pulled lazily, and at most window
// inputs are between the walk and emit, so a slow file holds back at most
// that many finished records. emit is not called once ctx is done — a
// record finished after an interrupt may say only "interrupted", and must
// not reach the output as if it were the file's — nor after it failed.
func convertAll(ctx context.Context, n int, walk func(context.Context, func(input) error) error, work func(context.Context, input) result, emit func(result) error) (walkErr, emitErr error) {
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	window := make(chan struct{}, max(64, 16*n))
	type job struct {
		seq int
		in  input
	}
	jobs := make(chan job, n)
	results := make(chan result, n)

	go func() {
		defer close(jobs)
		seq := 0
		walkErr = walk(run, func(in input) error {
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
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				start := time.Now()
				r := work(run, j.in)
				r.seq, r.took = j.seq, time.Since(start)
				results <- r
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]result{}
	next := 0
	for r := range results {
		pending[r.seq] = r
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

// convertOne is the record of one input, whatever happens.
func convertOne(ctx context.Context, conv *gongkai.Converter, in input) (rec schema.Record) {
	if in.err != nil {
		return gongkai.ErrorRecord(in.path, in.err)
	}
	defer func() {
		if p := recover(); p != nil {
			rec = gongkai.ErrorRecord(in.path, fmt.Errorf("gongkai: internal failure converting this file (%v); please report it", p))
		}
	}()
	return conv.File(ctx, in.path)
}
