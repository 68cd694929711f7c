package mark

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// outline is s set in the mark's font as SVG path data: the glyphs'
// outlines, centred on x = 120 with the baseline at y, at the given size
// shrunk to fit maxWidth less bold — the layout painter.text gives the
// PNG. The SVG then needs no font: it looks the same on every machine.
func outline(f *sfnt.Font, s string, y, size, maxWidth, bold float64) (string, error) {
	return outlineAt(f, s, 120, y, size, maxWidth, bold)
}

// outlineAt is outline centred on x = cx (the badge sets its lines off
// the mark's centre).
func outlineAt(f *sfnt.Font, s string, cx, y, size, maxWidth, bold float64) (string, error) {
	var buf sfnt.Buffer
	// Outlines and advances in font units (ppem = units per em), scaled here:
	// no rounding to a pixel grid the SVG does not have.
	upem := fixed.I(int(f.UnitsPerEm()))
	glyphs, width, err := shape(f, &buf, s, upem)
	if err != nil {
		return "", err
	}
	k := size / float64(f.UnitsPerEm())
	if w := width * k; w > maxWidth-bold {
		k *= (maxWidth - bold) / w
	}
	x0 := cx - (width*k+bold)/2
	var p pathData
	for _, g := range glyphs {
		segs, err := f.LoadGlyph(&buf, g.index, upem, nil)
		if err != nil {
			return "", fmt.Errorf("mark: glyph %d: %w", g.index, err)
		}
		for i, seg := range segs {
			if seg.Op == sfnt.SegmentOpMoveTo && i > 0 {
				p.close()
			}
			var pts []string
			for _, a := range seg.Args[:[...]int{1, 1, 2, 3}[seg.Op]] {
				pts = append(pts, num(x0+(g.x+float64(a.X)/64)*k), num(y+float64(a.Y)/64*k))
			}
			p.segment("MLQC"[seg.Op], pts)
		}
		if len(segs) > 0 {
			p.close()
		}
	}
	return p.String(), nil
}

// placed is a glyph and its pen position, in font units.
type placed struct {
	index sfnt.GlyphIndex
	x     float64
}

// shape places s's glyphs by their advances and the font's kerning, as
// font.Drawer does for the PNG, and returns the total advance.
func shape(f *sfnt.Font, buf *sfnt.Buffer, s string, upem fixed.Int26_6) ([]placed, float64, error) {
	var glyphs []placed
	var pen fixed.Int26_6
	prev := sfnt.GlyphIndex(0)
	for i, r := range s {
		g, err := f.GlyphIndex(buf, r)
		if err != nil {
			return nil, 0, fmt.Errorf("mark: glyph for %q: %w", r, err)
		}
		if i > 0 {
			if kern, err := f.Kern(buf, prev, g, upem, font.HintingNone); err == nil {
				pen += kern
			}
		}
		adv, err := f.GlyphAdvance(buf, g, upem, font.HintingNone)
		if err != nil {
			return nil, 0, fmt.Errorf("mark: advance of %q: %w", r, err)
		}
		glyphs = append(glyphs, placed{index: g, x: float64(pen) / 64})
		pen += adv
		prev = g
	}
	return glyphs, float64(pen) / 64, nil
}

// pathData builds SVG path data, writing a line along an axis as H or V.
type pathData struct {
	b    strings.Builder
	x, y string // the current point, as written
}

func (p *pathData) close() { p.b.WriteByte('Z') }

func (p *pathData) String() string { return p.b.String() }

// segment writes one command; pts are its points' coordinates, x and y
// alternating.
func (p *pathData) segment(op byte, pts []string) {
	x, y := pts[len(pts)-2], pts[len(pts)-1]
	switch {
	case op == 'L' && y == p.y:
		p.b.WriteString("H" + x)
	case op == 'L' && x == p.x:
		p.b.WriteString("V" + y)
	default:
		p.b.WriteByte(op)
		for i, c := range pts {
			if i > 0 && !strings.HasPrefix(c, "-") {
				p.b.WriteByte(' ')
			}
			p.b.WriteString(c)
		}
	}
	p.x, p.y = x, y
}

// num writes v with at most two decimals (1/100 of the mark's 240 units:
// under a tenth of a pixel at the largest PNG size).
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}
