package main

import (
	"fmt"
	"strconv"
	"strings"
)

// parseByteSize reads a size such as "512MB", "1.5G", "64k" or "1000000";
// units are binary (K = 1024) and case-insensitive, the B and i optional.
func parseByteSize(s string) (int64, error) {
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
		return 0, fmt.Errorf("%q is not a size (e.g. 512MB, 2G, 100000)", s)
	}
	return int64(f * mult), nil
}
