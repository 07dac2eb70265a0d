package review

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
)

// line is one series of a chart: a value per year, absent where the
// year's report does not print it.
type line struct {
	Name   string
	Label  string
	Values map[int]float64
}

// mark is a finding drawn on a chart at its years.
type mark struct {
	Years   []int
	Rule    string
	Message string
	Fail    bool
}

// firstTemplateYear is the first report year of the 2019 template.
const firstTemplateYear = 2019

// palette is colour-blind safe (Okabe–Ito).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"}

// Chart geometry, in the SVG's own units.
const (
	chartW, chartH         = 720.0, 300.0
	padL, padR, padT, padB = 56.0, 150.0, 16.0, 36.0
	plotW, plotH           = chartW - padL - padR, chartH - padT - padB
	markTop                = padT - 8
)

// svgChart draws lines over the years from..to as an SVG, drawn on the
// server so that the page needs no chart library. Each point and mark has
// a <title>, which browsers show on hover.
func svgChart(id, title string, from, to int, lines []line, marks []mark) template.HTML {
	maxV := 0.0
	for _, l := range lines {
		for _, v := range l.Values {
			maxV = math.Max(maxV, v)
		}
	}
	top := niceCeil(maxV)
	x := func(y int) float64 {
		if to == from {
			return padL + plotW/2
		}
		return padL + plotW*float64(y-from)/float64(to-from)
	}
	y := func(v float64) float64 { return padT + plotH - plotH*v/top }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="%s" class="chart" viewBox="0 0 %g %g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, id, chartW, chartH, template.HTMLEscapeString(title))
	fmt.Fprintf(&b, `<title>%s</title>`, template.HTMLEscapeString(title))
	// Grid and axes.
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		fmt.Fprintf(&b, `<line class="grid" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/>`, padL, padL+plotW, y(v), y(v))
		fmt.Fprintf(&b, `<text class="ytick" x="%g" y="%.1f">%s</text>`, padL-6, y(v)+4, shortNum(v, top))
	}
	step := 1
	if to-from > 12 {
		step = 2
	}
	for yr := from; yr <= to; yr += step {
		fmt.Fprintf(&b, `<text class="xtick" x="%.1f" y="%g">%d</text>`, x(yr), padT+plotH+18, yr)
	}
	// The 2019 boundary: years before it are the 2008–2018 table's figures
	// read through the crosswalk, drawn hollow beyond a dashed line.
	crosswalk := func(l line) bool { return !strings.HasPrefix(l.Name, "narrative:") } // the prose reads alike in every era
	if from < firstTemplateYear && to >= firstTemplateYear && slices.ContainsFunc(lines, crosswalk) {
		xb := (x(firstTemplateYear-1) + x(firstTemplateYear)) / 2
		fmt.Fprintf(&b, `<g class="era"><title>before 2019: the 2008–2018 statistics table, read through the crosswalk; from 2019: the template's tables</title><line x1="%.1f" x2="%.1f" y1="%g" y2="%g" stroke-dasharray="4 3"/><text class="era-label" x="%.1f" y="%g">2019 template →</text></g>`,
			xb, xb, padT, padT+plotH, xb+4, padT+12)
	}
	// Findings: a band at each year they are about.
	for _, m := range marks {
		cls := "mark warn"
		if m.Fail {
			cls = "mark fail"
		}
		for _, yr := range m.Years {
			if yr < from || yr > to {
				continue
			}
			fmt.Fprintf(&b, `<g class="%s" data-rule="%s"><title>%d %s: %s</title><line x1="%.1f" x2="%.1f" y1="%g" y2="%g"/><circle cx="%.1f" cy="%g" r="5"/></g>`,
				cls, template.HTMLEscapeString(m.Rule), yr, template.HTMLEscapeString(m.Rule), template.HTMLEscapeString(m.Message), x(yr), x(yr), markTop, padT+plotH, x(yr), markTop)
		}
	}
	for i, l := range lines {
		color := palette[i%len(palette)]
		var pts []string
		var segs []string
		for yr := from; yr <= to; yr++ {
			v, ok := l.Values[yr]
			if !ok { // a gap: the line breaks rather than invent the year
				if len(pts) > 1 {
					segs = append(segs, strings.Join(pts, " "))
				}
				pts = nil
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(yr), y(v)))
		}
		if len(pts) > 1 {
			segs = append(segs, strings.Join(pts, " "))
		}
		fmt.Fprintf(&b, `<g class="series" data-series="%s">`, l.Name)
		for _, s := range segs {
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, color, s)
		}
		for yr := from; yr <= to; yr++ {
			v, ok := l.Values[yr]
			switch {
			case !ok:
			case yr < firstTemplateYear && crosswalk(l):
				fmt.Fprintf(&b, `<circle class="point crosswalk" cx="%.1f" cy="%.1f" r="3.5" fill="#fff" stroke="%s" stroke-width="2"><title>%s %d: %s (the 2008–2018 table, by the crosswalk)</title></circle>`, x(yr), y(v), color, template.HTMLEscapeString(l.Label), yr, fmtValue(v))
			default:
				fmt.Fprintf(&b, `<circle class="point" cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s %d: %s</title></circle>`, x(yr), y(v), color, template.HTMLEscapeString(l.Label), yr, fmtValue(v))
			}
		}
		fmt.Fprintf(&b, `<rect x="%g" y="%g" width="12" height="12" fill="%s"/><text class="legend" x="%g" y="%g">%s</text></g>`,
			padL+plotW+14, padT+float64(i)*20, color, padL+plotW+32, padT+float64(i)*20+11, template.HTMLEscapeString(l.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// niceCeil rounds up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// shortNum writes an axis's ticks alike: all in 万 when the axis reaches
// 20,000, else as numbers.
func shortNum(v, top float64) string {
	if top >= 2e4 && v > 0 {
		return fmt.Sprintf("%g万", v/1e4)
	}
	return fmtValue(v)
}
