package docx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/extract"
)

// sofficePackage is what to install on Debian and Ubuntu: LibreOffice Writer
// without the desktop parts, which is all a headless conversion needs.
const sofficePackage = "libreoffice-writer-nogui"

// convert has LibreOffice turn the input into .docx, in a private
// temporary directory that also holds its own LibreOffice profile: two
// conversions sharing a profile would collide (the second one exits at once,
// handing its work to the first, or fails on the profile's lock).
func (l *Legacy) convert(ctx context.Context, in *extract.Input) ([]byte, error) {
	bin, err := l.soffice()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "gongkai-soffice-")
	if err != nil {
		return nil, fmt.Errorf("docx: %v: %w", err, extract.ErrConverter)
	}
	defer os.RemoveAll(dir)
	// A fixed ASCII name: the original may have any characters, and
	// LibreOffice names its output after its input.
	src := filepath.Join(dir, "input."+l.format)
	if err := writeFile(src, io.NewSectionReader(in.R, 0, in.Size)); err != nil {
		return nil, fmt.Errorf("docx: %v: %w", err, extract.ErrConverter)
	}
	out := filepath.Join(dir, "out")
	said, err := runSoffice(ctx, bin, l.Timeout, out, "docx:MS Word 2007 XML", src)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(out, "input.docx"))
	if err != nil {
		return nil, fmt.Errorf("docx: LibreOffice could not convert this .%s file (it may be damaged, or not a word-processing document; LibreOffice said: %q): %w", l.format, said, extract.ErrConverter)
	}
	return data, nil
}

// soffice finds the LibreOffice program.
func (l *Legacy) soffice() (string, error) {
	names := []string{"soffice", "libreoffice"}
	if l.Soffice != "" {
		names = []string{l.Soffice}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("docx: reading .%s files needs LibreOffice, and %s was not found; install it (Debian, Ubuntu: apt-get install %s) or save the file as .docx: %w",
		l.format, names[0], sofficePackage, extract.ErrConverter)
}

// runSoffice converts each of srcs into outdir with the given --convert-to
// target, using a profile beside outdir. The program runs in its own process
// group, which is killed whole when the timeout or ctx ends (LibreOffice's
// launcher starts the real program as a child).
//
// It returns what LibreOffice printed, which says why when a file could not
// be converted although it exits with success.
func runSoffice(ctx context.Context, bin string, timeout time.Duration, outdir, target string, srcs ...string) (string, error) {
	outdir, err := filepath.Abs(outdir)
	if err != nil {
		return "", fmt.Errorf("docx: %v: %w", err, extract.ErrConverter)
	}
	work := filepath.Dir(outdir)
	profile := filepath.ToSlash(filepath.Join(work, "profile"))
	if !strings.HasPrefix(profile, "/") { // C:/... on Windows
		profile = "/" + profile
	}
	profile = (&url.URL{Scheme: "file", Path: profile}).String()
	args := []string{"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"-env:UserInstallation=" + profile, "--convert-to", target, "--outdir", outdir}
	for _, src := range srcs {
		abs, err := filepath.Abs(src)
		if err != nil {
			return "", fmt.Errorf("docx: %v: %w", err, extract.ErrConverter)
		}
		args = append(args, abs)
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(tctx, bin, args...)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "HOME="+work) // nothing written outside work
	var output tail
	cmd.Stdout, cmd.Stderr = &output, &output
	cmd.WaitDelay = 5 * time.Second
	ownGroup(cmd)
	start := time.Now()
	err = cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("docx: conversion stopped: %w", ctx.Err())
	case errors.Is(tctx.Err(), context.DeadlineExceeded):
		return "", fmt.Errorf("docx: LibreOffice did not finish converting in %v and was killed: %w", time.Since(start).Round(time.Second), extract.ErrConverter)
	case err != nil:
		return "", fmt.Errorf("docx: LibreOffice failed (%v): %s: %w", err, output.String(), extract.ErrConverter)
	}
	return output.String(), nil
}

func writeFile(path string, r io.Reader) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tail keeps the last bytes a program printed, for error messages.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 2048 {
		t.b = t.b[len(t.b)-2048:]
	}
	return len(p), nil
}

// String returns the lines kept, less LibreOffice's warning that it has no
// Java, which it prints every time and which does not matter here.
func (t *tail) String() string {
	var lines []string
	for _, l := range strings.Split(string(bytes.ToValidUTF8(t.b, nil)), "\n") {
		if l = collapse(l); l != "" && !strings.Contains(l, "javaldx") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "; ")
}
