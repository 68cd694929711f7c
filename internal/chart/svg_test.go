package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenSeries is ten days of four states, built through Count.
func goldenSeries() Series {
	states := []string{"submitted", "formal_review", "awaiting_payment", "document_review"}
	var h []Entry
	add := func(id int64, st string, d int) { h = append(h, Entry{id, st, at(d, 10, 0)}) }
	add(1, "submitted", 1)
	add(1, "formal_review", 2)
	add(1, "awaiting_payment", 4)
	add(1, "document_review", 7)
	add(2, "submitted", 3)
	add(2, "formal_review", 5)
	add(3, "submitted", 5)
	add(4, "submitted", 6)
	add(4, "formal_review", 6)
	add(4, "awaiting_payment", 8)
	add(5, "submitted", 9)
	add(2, "withdrawn", 10)
	return Count(h, states, at(1, 0, 0), at(10, 0, 0), jst)
}

func goldenOptions() Options {
	return Options{
		ID:    "queue-chart",
		Title: "状態別の申請数の推移 <過去10日>",
		Desc:  "各日の終わりに各状態にあった申請の数の積み上げ棒グラフ。数値は下の表にあります。",
		Labels: map[string]string{"submitted": "提出済み", "formal_review": "形式審査", "awaiting_payment": "入金待ち",
			"document_review": "書類審査"},
		YLabel: "件数",
	}
}

func TestStatesOverTimeGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := StatesOverTime(&buf, goldenSeries(), goldenOptions()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "states_over_time.svg")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./chart -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("SVG differs from %s (run go test ./chart -update after checking the change):\n%s", path, buf.String())
	}
	var again bytes.Buffer
	_ = StatesOverTime(&again, goldenSeries(), goldenOptions())
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two renderings of the same series differ")
	}
}

// svgNode is enough of the SVG to check its structure.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Nodes {
		c.walk(f)
	}
}

func parseSVG(t *testing.T, b []byte) svgNode {
	t.Helper()
	var root svgNode
	if err := xml.Unmarshal(b, &root); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, b)
	}
	return root
}

func TestStatesOverTimeIsAccessible(t *testing.T) {
	var buf bytes.Buffer
	if err := StatesOverTime(&buf, goldenSeries(), goldenOptions()); err != nil {
		t.Fatal(err)
	}
	root := parseSVG(t, buf.Bytes())
	if root.XMLName.Local != "svg" || root.attr("role") != "img" || root.attr("style") != "" {
		t.Fatalf("root = %s role=%q", root.XMLName.Local, root.attr("role"))
	}
	if len(root.Nodes) < 2 || root.Nodes[0].XMLName.Local != "title" || root.Nodes[1].XMLName.Local != "desc" {
		t.Fatal("the first children must be <title> and <desc>")
	}
	if root.attr("aria-labelledby") != root.Nodes[0].attr("id") || root.attr("aria-describedby") != root.Nodes[1].attr("id") {
		t.Errorf("aria-labelledby/-describedby do not name the title and desc")
	}
	if got := root.Nodes[0].Text; got != goldenOptions().Title {
		t.Errorf("title = %q", got)
	}
	var texts []string
	rects := 0
	root.walk(func(n svgNode) {
		if n.attr("style") != "" || n.XMLName.Local == "script" || n.XMLName.Local == "style" {
			t.Errorf("<%s> uses a style or script (the CSP forbids them)", n.XMLName.Local)
		}
		switch n.XMLName.Local {
		case "text":
			texts = append(texts, n.Text)
		case "rect":
			rects++
		}
	})
	joined := strings.Join(texts, "|")
	for _, want := range []string{"提出済み", "形式審査", "入金待ち", "書類審査", "件数", "11/10", "0"} {
		if !strings.Contains(joined, want) {
			t.Errorf("texts %q lack %q", joined, want)
		}
	}
	// One segment per non-zero count plus one swatch per state.
	want := len(goldenSeries().States)
	for _, row := range goldenSeries().Counts {
		for _, n := range row {
			if n > 0 {
				want++
			}
		}
	}
	if rects != want {
		t.Errorf("%d rects, want %d", rects, want)
	}
}

// Every text the caller passes is escaped: nothing it contains can open an
// element or an attribute, in the SVG or in the HTML page embedding it.
func TestStatesOverTimeEscapes(t *testing.T) {
	evil := `</title><script>alert("x")</script><a href='javascript:1'>&amp;`
	s := Series{Days: []time.Time{at(1, 0, 0)}, States: []string{"a<b"}, Counts: [][]int{{2}}}
	opts := Options{ID: `x" onload="alert(1)`, Title: evil, Desc: evil, YLabel: evil, Labels: map[string]string{"a<b": evil},
		DateFormat: "1/2<b>"}
	var buf bytes.Buffer
	if err := StatesOverTime(&buf, s, opts); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "</title><", "<a ", `" onload="`, "'javascript", "<b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q unescaped:\n%s", bad, out)
		}
	}
	root := parseSVG(t, buf.Bytes())
	if root.Nodes[0].Text != evil {
		t.Errorf("title round-trips as %q", root.Nodes[0].Text)
	}
	n := 0
	root.walk(func(svgNode) { n++ })
	if want := parseSVG(t, []byte(render(t, s, Options{YLabel: "y"}))); n != count(want) {
		t.Errorf("hostile text changed the structure: %d nodes, want %d", n, count(want))
	}
}

func render(t *testing.T, s Series, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := StatesOverTime(&buf, s, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func count(n svgNode) int {
	c := 0
	n.walk(func(svgNode) { c++ })
	return c
}

func TestStatesOverTimeEdgeCases(t *testing.T) {
	// No days, and days with nothing to count, still draw a valid chart.
	for name, s := range map[string]Series{
		"no days": {States: []string{"a"}},
		"zeros":   Count(nil, []string{"a", "b"}, at(1, 0, 0), at(30, 0, 0), jst),
	} {
		out := render(t, s, Options{Title: "t"})
		parseSVG(t, []byte(out))
		if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
			t.Errorf("%s: %s", name, out)
		}
	}
	bad := Series{Days: make([]time.Time, 2), States: []string{"a"}, Counts: [][]int{{1}}}
	if err := StatesOverTime(io.Discard, bad, Options{}); !errors.Is(err, ErrShape) {
		t.Errorf("mismatched series: err = %v, want ErrShape", err)
	}
	bad = Series{Days: make([]time.Time, 1), States: []string{"a"}, Counts: [][]int{{1, 2}}}
	if err := StatesOverTime(io.Discard, bad, Options{}); !errors.Is(err, ErrShape) {
		t.Errorf("mismatched row: err = %v, want ErrShape", err)
	}
}

func TestNiceStep(t *testing.T) {
	for m, want := range map[int]int{0: 1, 1: 1, 5: 1, 6: 2, 10: 2, 11: 5, 25: 5, 26: 10, 50: 10, 51: 20, 240: 50, 1000: 200} {
		if got := niceStep(m); got != want {
			t.Errorf("niceStep(%d) = %d, want %d", m, got, want)
		}
	}
}

// WCAG 1.4.11: graphical objects need 3:1 against the white page, text 4.5:1.
func TestPaletteContrast(t *testing.T) {
	for _, c := range Palette {
		if r := contrast(c, "#ffffff"); r < 3 {
			t.Errorf("%s on white: %.2f:1, want at least 3:1", c, r)
		}
	}
	if r := contrast(Ink, "#ffffff"); r < 4.5 {
		t.Errorf("text %s on white: %.2f:1", Ink, r)
	}
	seen := map[string]bool{}
	for _, c := range Palette {
		if seen[c] {
			t.Errorf("%s repeats", c)
		}
		seen[c] = true
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	ch := func(shift uint) float64 {
		x := float64(v>>shift&0xff) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(16) + 0.7152*ch(8) + 0.0722*ch(0)
}
