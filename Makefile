# gongkai — build and test targets. `make test` is what CI (.ci/run) runs.
GO ?= go
FUZZTIME ?= 20s

.PHONY: build test golden fuzz bench bench-compare bench-long lint samples

# netgo and osusergo make a static binary (Go's own resolver and user
# lookup; nothing else uses cgo), which starts 0.4 ms sooner: no dynamic
# loader, no libc.
TAGS ?= netgo osusergo
build:
	$(GO) build -tags '$(TAGS)' -o bin/gongkai ./cmd/gongkai

test:
	$(GO) vet ./...
	$(GO) test ./...

# Rewrite golden files under testdata/ after an intended change; review the diff.
golden:
	$(GO) test ./... -update

# Run every fuzz target for FUZZTIME each. Each new input is minimised
# for FUZZMINIMIZE runs at most: Go's default, 60 s of minimising per
# input, held the PDF and Word targets at 15–18 inputs a minute (every
# input is new at the start); with 100 runs they reach ~240,000.
FUZZMINIMIZE ?= 100x
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) || exit 1; \
		done; \
	done

bench:
	$(GO) test ./... -run '^$$' -bench . -benchmem

# staticcheck from the Go module proxy, at a fixed version; CI runs this.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	$(GO) run $(STATICCHECK) ./...

# Regenerate the bundled sample reports.
samples:
	$(GO) run ./samples/generate

# gongkai against pdftotext -layout (Debian poppler-utils) and mutool draw
# -F txt (mupdf-tools) on every corpus PDF in one run: start-up, one
# process a file, all files in one process, in-process cost; interleaved
# rounds, minimum and median. bench-long does the same on PDFs of 50 and
# PAGES pages that it builds with qpdf.
ROUNDS ?= 5
PAGES ?= 1000
bench-compare:
	$(GO) run ./scripts/bench-compare -rounds $(ROUNDS)

bench-long:
	$(GO) run ./scripts/bench-compare -rounds $(ROUNDS) -pages $(PAGES)
