package mark

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"slices"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"nintei/internal/pdf/fonts"
)

// Sizes are the widths (and heights), in pixels, that PNG draws. The
// set is fixed so that a request cannot make the server draw an image of any
// size it likes.
var Sizes = []int{240, 480, 960}

// DefaultSize is twice the SVG's 240 so that the PNG stays crisp on
// high-density screens.
const DefaultSize = 480

// ErrSize is returned by PNG for a size not in Sizes.
var ErrSize = errors.New("mark: the mark is not drawn at that size")

// The mark's colours, as in SVG.
var (
	markBlue  = color.RGBA{0x00, 0x31, 0xd8, 0xff}
	markWhite = color.RGBA{0xff, 0xff, 0xff, 0xff}
	markInk   = color.RGBA{0x1a, 0x1a, 0x1c, 0xff}
)

// gothic is the parsed lettering font; parsing the 4 MB file once is worth
// keeping. An opentype.Font may be shared; its Faces may not.
var gothic = sync.OnceValues(func() (*opentype.Font, error) { return opentype.Parse(fonts.Gothic()) })

// PNG writes the certification mark as a size×size PNG: the same design,
// colours and proportions as SVG (R-8.1, R-11.5e), scaled from its 240
// units, with a transparent background outside the rounded square.
func PNG(w io.Writer, number string, size int) error {
	img, err := drawMark(number, size)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// drawMark paints the mark in SVG's order: each shape over the last.
func drawMark(number string, size int) (*image.RGBA, error) {
	if !slices.Contains(Sizes, size) {
		return nil, fmt.Errorf("%w: %d", ErrSize, size)
	}
	f, err := gothic()
	if err != nil {
		return nil, fmt.Errorf("mark: mark font: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	p := &painter{img: img, z: vector.NewRasterizer(size, size), k: float32(size) / 240}

	// <rect x="4" y="4" width="232" height="232" rx="24" stroke-width="8">:
	// the stroke is the band between the outer and the inner outline.
	p.fill(markBlue, func() { p.roundRect(0, 0, 240, 240, 28) })
	p.fill(markWhite, func() { p.roundRect(8, 8, 232, 232, 20) })
	// <circle cx="120" cy="100" r="62">
	p.fill(markBlue, func() { p.circle(120, 100, 62) })
	// <path d="M88 100 l22 22 l44 -48" stroke-width="14">, round caps and
	// join: a quad per segment and a disc at each vertex.
	p.fill(markWhite, func() { p.polyline(7, [][2]float32{{88, 100}, {110, 122}, {154, 74}}) })

	// The lettering, bold: IPAex Gothic has no bold, so it is struck over
	// itself a little to the right (the SVG draws its outline twice),
	// about as much as a browser's synthetic bold.
	if err := p.text(f, "情報開示認定", letteringY, letteringSize, letteringWidth, letteringBold); err != nil {
		return nil, err
	}
	// The number, narrowed if a long number would reach the border.
	if err := p.text(f, number, numberY, numberSize, numberWidth, 0); err != nil {
		return nil, err
	}
	return img, nil
}

// painter draws paths given in the SVG's 240-unit space on an image k
// times as large. Every outline runs clockwise on the screen: the
// rasterizer adds overlapping coverage, so opposite windings would cancel.
type painter struct {
	img *image.RGBA
	z   *vector.Rasterizer
	k   float32
}

func (p *painter) fill(c color.RGBA, path func()) {
	b := p.img.Bounds()
	p.z.Reset(b.Dx(), b.Dy())
	path()
	p.z.Draw(p.img, b, image.NewUniform(c), image.Point{})
}

func (p *painter) moveTo(x, y float32) { p.z.MoveTo(x*p.k, y*p.k) }
func (p *painter) lineTo(x, y float32) { p.z.LineTo(x*p.k, y*p.k) }
func (p *painter) cubeTo(bx, by, cx, cy, dx, dy float32) {
	p.z.CubeTo(bx*p.k, by*p.k, cx*p.k, cy*p.k, dx*p.k, dy*p.k)
}

// kappa places a cubic's control points to approximate a quarter circle.
const kappa = 0.5522847

func (p *painter) roundRect(x0, y0, x1, y1, r float32) {
	c := r * kappa
	p.moveTo(x0+r, y0)
	p.lineTo(x1-r, y0)
	p.cubeTo(x1-r+c, y0, x1, y0+r-c, x1, y0+r)
	p.lineTo(x1, y1-r)
	p.cubeTo(x1, y1-r+c, x1-r+c, y1, x1-r, y1)
	p.lineTo(x0+r, y1)
	p.cubeTo(x0+r-c, y1, x0, y1-r+c, x0, y1-r)
	p.lineTo(x0, y0+r)
	p.cubeTo(x0, y0+r-c, x0+r-c, y0, x0+r, y0)
	p.z.ClosePath()
}

func (p *painter) circle(cx, cy, r float32) {
	c := r * kappa
	p.moveTo(cx, cy-r)
	p.cubeTo(cx+c, cy-r, cx+r, cy-c, cx+r, cy)
	p.cubeTo(cx+r, cy+c, cx+c, cy+r, cx, cy+r)
	p.cubeTo(cx-c, cy+r, cx-r, cy+c, cx-r, cy)
	p.cubeTo(cx-r, cy-c, cx-c, cy-r, cx, cy-r)
	p.z.ClosePath()
}

// polyline strokes the points with half-width h, round caps and joins.
func (p *painter) polyline(h float32, pts [][2]float32) {
	for i, a := range pts {
		p.circle(a[0], a[1], h)
		if i == 0 {
			continue
		}
		b := pts[i-1] // #nosec G602 -- i >= 1 here (i == 0 continues above)
		dx, dy := a[0]-b[0], a[1]-b[1]
		l := float32(math.Hypot(float64(dx), float64(dy)))
		nx, ny := -dy/l*h, dx/l*h
		q := [4][2]float32{{b[0] + nx, b[1] + ny}, {a[0] + nx, a[1] + ny}, {a[0] - nx, a[1] - ny}, {b[0] - nx, b[1] - ny}}
		if area(q) < 0 {
			q[1], q[3] = q[3], q[1]
		}
		p.moveTo(q[0][0], q[0][1])
		for _, v := range q[1:] {
			p.lineTo(v[0], v[1])
		}
		p.z.ClosePath()
	}
}

// area is twice the signed area of a quadrilateral: positive when it runs
// clockwise on the screen (y down).
func area(q [4][2]float32) float32 {
	var s float32
	for i := range q {
		j := (i + 1) % len(q)
		s += q[i][0]*q[j][1] - q[j][0]*q[i][1]
	}
	return s
}

// text centres s on x = 120 with its baseline at y, at the given size in
// SVG units, shrunk to fit maxWidth; bold > 0 strikes it over itself that
// many units to the right.
func (p *painter) text(f *opentype.Font, s string, y, size, maxWidth, bold float32) error {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size * p.k), DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return fmt.Errorf("mark: mark face: %w", err)
	}
	width := float32(font.MeasureString(face, s)) / 64
	if limit := (maxWidth - bold) * p.k; width > limit {
		size *= limit / width
		_ = face.Close()
		if face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size * p.k), DPI: 72, Hinting: font.HintingNone}); err != nil {
			return fmt.Errorf("mark: mark face: %w", err)
		}
		width = float32(font.MeasureString(face, s)) / 64
	}
	defer face.Close()
	d := font.Drawer{Dst: p.img, Src: image.NewUniform(markInk), Face: face}
	x0 := 120*p.k - (width+bold*p.k)/2
	// Steps of at most half a pixel leave no gaps in the overstrike.
	steps := int(math.Ceil(float64(bold * p.k * 2)))
	for i := 0; i <= steps; i++ {
		dx := bold * p.k * float32(i) / float32(max(steps, 1))
		d.Dot = fixed.Point26_6{X: fixed.Int26_6((x0 + dx) * 64), Y: fixed.Int26_6(y * p.k * 64)}
		d.DrawString(s)
	}
	return nil
}
