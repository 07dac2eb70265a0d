package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/gongkai/gongkai"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/audit"
	"github.com/gongkai/gongkai/review"
	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// runServe serves the review site over the records, or writes it as a
// static site with --export.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("serve", "usage: gongkai serve [flags] RECORDS...\n\nServes the review site over records (as check reads them): the bodies, each report's tables\nwith its findings, each body's history as charts, every finding of check and audit. Source\nfiles are served by record id from the paths the records name.\n\n", stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	remote := fl.Bool("allow-remote", false, "allow an --addr that is not a loopback address (the site is read-only, but it shows the source files)")
	export := fl.String("export", "", "write the site as static files into `DIR` instead of serving it")
	noText := fl.Bool("no-text", false, "do not read the source files for the audit's rules on the text")
	if code, ok := parseFlags(fl, args, 1, stderr); !ok {
		return code
	}
	if *export == "" && !*remote {
		if err := loopback(*addr); err != nil {
			fmt.Fprintf(stderr, "gongkai serve: %v\n", err)
			return exitUsage
		}
	}
	recs, unreadable, err := readRecords(ctx, fl.Args(), stderr, shareKeys)
	if err != nil {
		return recordsErr(err, stderr)
	}
	var text audit.Text
	if !*noText {
		text = sourceText(ctx, fl.Args())
	}
	bodies, unlinked := series.Link(recs)
	findings := append(series.CheckLinked(bodies, unlinked), audit.Run(bodies, text)...)
	site, err := review.New(recs, findings, func(r schema.Record) string {
		if p := locate(r.Source.Path, fl.Args()); !strings.Contains(p, gongkai.ArchiveSep) {
			return p
		}
		return "" // an archive's entry: no file of its own to serve or draw
	})
	if err != nil {
		fmt.Fprintf(stderr, "gongkai serve: %v\n", err)
		return exitFatal
	}
	if *export != "" {
		if err := site.Export(*export); err != nil {
			fmt.Fprintf(stderr, "gongkai serve: %v\n", err)
			return exitFatal
		}
		fmt.Fprintf(stderr, "gongkai serve: %d records, %d findings written to %s (open %s/index.html)\n", len(recs), len(findings), *export, *export)
		if unreadable > 0 {
			return exitSomeFailed
		}
		return exitOK
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "gongkai serve: %v\n", err)
		return exitFatal
	}
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 16 << 10}
	fmt.Fprintf(stderr, "gongkai serve: %d records, %d findings at http://%s/ (Ctrl-C stops)\n", len(recs), len(findings), ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		return exitInterrupted
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "gongkai serve: %v\n", err)
			return exitFatal
		}
	}
	return exitOK
}

// loopback refuses an address other than this machine's own.
func loopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--addr %q is not a loopback address: pass --allow-remote to serve the site to other machines", addr)
}
