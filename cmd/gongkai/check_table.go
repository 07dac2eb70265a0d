package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/series"
)

// writeTable prints the findings for people: one block per body, headed by
// its name, its years and the other names it goes by, one line per finding.
func writeTable(w io.Writer, bodies []series.Series, findings []series.Finding) error {
	bw := bufio.NewWriter(w)
	byBody := map[string][]series.Finding{}
	for _, f := range findings {
		byBody[f.Body] = append(byBody[f.Body], f)
	}
	width := 0
	for _, f := range findings {
		width = max(width, len(f.Rule))
	}
	line := func(f series.Finding) {
		fmt.Fprintf(bw, "  %-9s  %-7s  %-*s  %s", years(f.Years), f.Severity, width, f.Rule, shorten(f.Message))
		if len(f.Sources) == 1 {
			fmt.Fprintf(bw, "  [%s]", f.Sources[0])
		}
		fmt.Fprintln(bw)
	}
	for i, s := range bodies {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintf(bw, "%s  %s", s.Body, yearRanges(s.Years()))
		if len(s.Names) > 1 {
			var others []string
			for _, n := range s.Names {
				if n != s.Body {
					others = append(others, n)
				}
			}
			fmt.Fprintf(bw, "  (also %s)", strings.Join(others, ", "))
		}
		fmt.Fprintln(bw)
		if len(byBody[s.Body]) == 0 {
			fmt.Fprintln(bw, "  no findings")
		}
		for _, f := range byBody[s.Body] {
			line(f)
		}
		delete(byBody, s.Body)
	}
	// What could not be linked to a body.
	var rest []series.Finding
	for _, f := range findings {
		if _, ok := byBody[f.Body]; ok {
			rest = append(rest, f)
		}
	}
	if len(rest) > 0 {
		if len(bodies) > 0 {
			fmt.Fprintln(bw)
		}
		fmt.Fprintln(bw, "not linked to a body")
		for _, f := range rest {
			line(f)
		}
	}
	return bw.Flush()
}

// years shows a finding's years: 2024, or 2023→2024 across two reports.
func years(ys []int) string {
	var parts []string
	for _, y := range ys {
		parts = append(parts, fmt.Sprint(y))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "→")
}

// yearRanges shows a series' years as ranges: 2011–2018, 2020, 2022–2025.
func yearRanges(ys []int) string {
	var parts []string
	for i := 0; i < len(ys); {
		j := i
		for j+1 < len(ys) && ys[j+1] == ys[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ys[i], ys[j]))
		} else {
			parts = append(parts, fmt.Sprint(ys[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// shorten abbreviates the long sums of identity messages for the table
// (the JSON keeps them whole): a + b + … + z (19 values).
func shorten(msg string) string {
	var out []string
	for _, part := range strings.Split(msg, ", but ") {
		sum, rest, _ := strings.Cut(part, " = ")
		if terms := strings.Split(sum, " + "); len(terms) > 4 {
			sum = fmt.Sprintf("%s + … + %s (%d values)", terms[0], terms[len(terms)-1], len(terms))
		}
		if rest != "" {
			sum += " = " + rest
		}
		out = append(out, sum)
	}
	return strings.Join(out, ", but ")
}
