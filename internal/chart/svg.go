package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Options are the words and sizes of a chart. Every text is the caller's
// (already translated); the package escapes it.
type Options struct {
	ID         string            // prefix of the element ids, unique in the page; default "chart"
	Title      string            // the accessible name (<title>)
	Desc       string            // the accessible description (<desc>)
	Labels     map[string]string // legend text per state; default the state itself
	YLabel     string            // the unit of the vertical axis, e.g. 件数
	DateFormat string            // layout of the day labels; default "1/2"
	XLabels    []string          // the bars' labels instead of their days (quarters, categories), one per day
	Width      int               // viewBox width; default 720
	PlotHeight int               // height of the plotting area; default 240
}

// Palette is the fill of each state in order (repeating after eight).
// Every colour has a contrast of at least 3:1 against the white page
// (WCAG 1.4.11); a white outline separates stacked segments, so neighbours
// never depend on telling two colours apart.
var Palette = []string{"#0072b2", "#b45309", "#6b2fa0", "#009e73", "#5d4037", "#c2185b", "#4d4d4d", "#5c6b00"}

// Colours of the chart furniture.
const (
	Ink       = "#1a1a1c" // text and the base line, 17:1 on white
	gridColor = "#d8d8db" // decorative grid lines
	gapColor  = "#ffffff" // outline between stacked segments
)

// Layout in viewBox units.
const (
	marginLeft   = 56
	marginRight  = 16
	marginTop    = 28
	axisLabels   = 28 // room for the day labels under the plot
	legendRow    = 22
	legendCols   = 4
	swatch       = 12
	minLabelStep = 44 // at least this much room per day label
)

// ErrShape reports a series whose counts do not match its days and states.
var ErrShape = errors.New("chart: counts do not match days and states")

// StatesOverTime writes a stacked bar chart of a Series: one bar per day,
// one segment per state, bottom to top in the order of series.States, with
// a legend below. The SVG has role="img", a <title> and a <desc>; the page
// should offer the same numbers as a table. The output is deterministic.
func StatesOverTime(w io.Writer, series Series, opts Options) error {
	if err := checkShape(series); err != nil {
		return err
	}
	opts = withDefaults(opts)
	c := newCanvas(series, opts)
	c.open()
	c.grid()
	c.bars()
	c.axis()
	c.legend()
	c.b.WriteString("</svg>\n")
	_, err := c.b.WriteTo(w)
	return err
}

func checkShape(s Series) error {
	if len(s.Counts) != len(s.Days) {
		return ErrShape
	}
	for _, row := range s.Counts {
		if len(row) != len(s.States) {
			return ErrShape
		}
	}
	return nil
}

func withDefaults(o Options) Options {
	if o.ID == "" {
		o.ID = "chart"
	}
	if o.DateFormat == "" {
		o.DateFormat = "1/2"
	}
	if o.Width <= marginLeft+marginRight {
		o.Width = 720
	}
	if o.PlotHeight <= 0 {
		o.PlotHeight = 240
	}
	return o
}

// canvas holds the geometry of one drawing.
type canvas struct {
	b            bytes.Buffer
	s            Series
	o            Options
	plotW, plotH float64
	yMax, yStep  int
	height       int
}

func newCanvas(s Series, o Options) *canvas {
	c := &canvas{s: s, o: o, plotW: float64(o.Width - marginLeft - marginRight), plotH: float64(o.PlotHeight)}
	c.yStep = niceStep(s.Max())
	c.yMax = max(1, (s.Max()+c.yStep-1)/c.yStep) * c.yStep
	rows := (len(s.States) + legendCols - 1) / legendCols
	c.height = marginTop + o.PlotHeight + axisLabels + rows*legendRow + 8
	return c
}

// niceStep is the grid step: 1, 2 or 5 times a power of ten, giving at
// most five steps up to m.
func niceStep(m int) int {
	for p := 1; ; p *= 10 {
		for _, f := range []int{1, 2, 5} {
			if m <= 5*f*p {
				return f * p
			}
		}
	}
}

func (c *canvas) open() {
	id := c.o.ID
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s" aria-describedby="%s" font-size="12">`+"\n",
		c.o.Width, c.height, esc(id+"-title"), esc(id+"-desc"))
	fmt.Fprintf(&c.b, `<title id="%s">%s</title>`+"\n", esc(id+"-title"), esc(c.o.Title))
	fmt.Fprintf(&c.b, `<desc id="%s">%s</desc>`+"\n", esc(id+"-desc"), esc(c.o.Desc))
}

func (c *canvas) y(v int) float64 {
	return marginTop + c.plotH - float64(v)*c.plotH/float64(c.yMax)
}

// grid draws the horizontal lines and their values, and the unit.
func (c *canvas) grid() {
	right := num(marginLeft + c.plotW)
	fmt.Fprintf(&c.b, `<g stroke="%s" stroke-width="1">`+"\n", gridColor)
	for v := c.yStep; v <= c.yMax; v += c.yStep {
		fmt.Fprintf(&c.b, `<line x1="%d" y1="%s" x2="%s" y2="%s"/>`+"\n", marginLeft, num(c.y(v)), right, num(c.y(v)))
	}
	c.b.WriteString("</g>\n")
	fmt.Fprintf(&c.b, `<g fill="%s" text-anchor="end">`+"\n", Ink)
	for v := 0; v <= c.yMax; v += c.yStep {
		fmt.Fprintf(&c.b, `<text x="%d" y="%s">%d</text>`+"\n", marginLeft-8, num(c.y(v)+4), v)
	}
	if c.o.YLabel != "" {
		fmt.Fprintf(&c.b, `<text x="%d" y="%d">%s</text>`+"\n", marginLeft-8, marginTop-12, esc(c.o.YLabel))
	}
	c.b.WriteString("</g>\n")
}

// slot is the horizontal room of one day.
func (c *canvas) slot() float64 {
	if len(c.s.Days) == 0 {
		return c.plotW
	}
	return c.plotW / float64(len(c.s.Days))
}

// bars draws one stack per day, the first state at the bottom.
func (c *canvas) bars() {
	slot := c.slot()
	fmt.Fprintf(&c.b, `<g stroke="%s" stroke-width="1">`+"\n", gapColor)
	for d, row := range c.s.Counts {
		x := marginLeft + float64(d)*slot + slot*0.1
		base := 0
		for i, n := range row {
			if n == 0 {
				continue
			}
			top := c.y(base + n)
			fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
				num(x), num(top), num(slot*0.8), num(c.y(base)-top), color(i))
			base += n
		}
	}
	c.b.WriteString("</g>\n")
}

// axis draws the base line and the day labels, always labelling the last
// day and every k-th day before it.
func (c *canvas) axis() {
	bottom := num(c.y(0))
	fmt.Fprintf(&c.b, `<line x1="%d" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`+"\n",
		marginLeft, bottom, num(marginLeft+c.plotW), bottom, Ink)
	n := len(c.s.Days)
	if n == 0 {
		return
	}
	every := max(1, int(math.Ceil(minLabelStep/c.slot())))
	fmt.Fprintf(&c.b, `<g fill="%s" text-anchor="middle">`+"\n", Ink)
	for d := (n - 1) % every; d < n; d += every {
		x := marginLeft + (float64(d)+0.5)*c.slot()
		fmt.Fprintf(&c.b, `<text x="%s" y="%s">%s</text>`+"\n", num(x), num(c.y(0)+18), esc(c.label(d)))
	}
	c.b.WriteString("</g>\n")
}

// label is the text under bar d: its XLabels entry, else its day.
func (c *canvas) label(d int) string {
	if len(c.o.XLabels) == len(c.s.Days) {
		return c.o.XLabels[d]
	}
	return c.s.Days[d].Format(c.o.DateFormat)
}

// legend lists the states in rows of four, in stacking order.
func (c *canvas) legend() {
	colW := c.plotW / legendCols
	top := c.y(0) + axisLabels
	fmt.Fprintf(&c.b, `<g fill="%s">`+"\n", Ink)
	for i, st := range c.s.States {
		x := marginLeft + float64(i%legendCols)*colW
		y := top + float64(i/legendCols)*legendRow
		label := st
		if l, ok := c.o.Labels[st]; ok {
			label = l
		}
		fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%d" height="%d" fill="%s"/>`+"\n", num(x), num(y), swatch, swatch, color(i))
		fmt.Fprintf(&c.b, `<text x="%s" y="%s">%s</text>`+"\n", num(x+swatch+6), num(y+swatch-1), esc(label))
	}
	c.b.WriteString("</g>\n")
}

func color(i int) string { return Palette[i%len(Palette)] }

// num prints a coordinate with at most two decimals, without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes text for SVG character data and attribute values (both
// quotes included); characters XML cannot carry become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
