package mark

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"
	"testing"
)

// decodeMark draws the mark and decodes it back, as a downloader would.
func decodeMark(t *testing.T, number string, size int) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := PNG(&buf, number, size); err != nil {
		t.Fatalf("PNG(%q, %d): %v", number, size, err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return img
}

// rgba8 is a pixel's straight 8-bit colour.
func rgba8(img image.Image, x, y int) (r, g, b, a uint8) {
	r32, g32, b32, a32 := img.At(x, y).RGBA()
	if a32 == 0 {
		return 0, 0, 0, 0
	}
	return uint8(r32 * 0xff / a32), uint8(g32 * 0xff / a32), uint8(b32 * 0xff / a32), uint8(a32 >> 8)
}

// near allows for antialiasing and rounding.
func near(got, want uint8) bool { d := int(got) - int(want); return d >= -6 && d <= 6 }

// R-11.5e: the PNG draws SVG's design — the #0031d8 border, the
// blue disc, the white check and the lettering — at each offered size,
// measured at points given in the SVG's 240 units.
func TestMarkPNG_R8_1(t *testing.T) {
	for _, size := range Sizes {
		img := decodeMark(t, "IP-IoT 0001-2611", size)
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Fatalf("size %d: bounds %v", size, b)
		}
		at := func(x, y float64) (r, g, b, a uint8) {
			return rgba8(img, int(x*float64(size)/240), int(y*float64(size)/240))
		}
		points := []struct {
			what       string
			x, y       float64
			r, g, b, a uint8
		}{
			{"left border", 4, 120, 0x00, 0x31, 0xd8, 0xff},
			{"top border", 120, 4, 0x00, 0x31, 0xd8, 0xff},
			{"inside the square", 20, 120, 0xff, 0xff, 0xff, 0xff},
			{"the disc", 120, 55, 0x00, 0x31, 0xd8, 0xff},
			{"the check's corner", 110, 122, 0xff, 0xff, 0xff, 0xff},
			{"the check's long stroke", 132, 98, 0xff, 0xff, 0xff, 0xff},
			{"outside the rounded corner", 0.5, 0.5, 0, 0, 0, 0},
		}
		for _, p := range points {
			r, g, b, a := at(p.x, p.y)
			if !near(r, p.r) || !near(g, p.g) || !near(b, p.b) || !near(a, p.a) {
				t.Errorf("size %d, %s: got #%02x%02x%02x alpha %d, want #%02x%02x%02x alpha %d",
					size, p.what, r, g, b, a, p.r, p.g, p.b, p.a)
			}
		}
		bands := []struct {
			what   string
			y0, y1 float64
		}{{"「情報開示認定」", 170, 194}, {"the number", 200, 222}}
		for _, band := range bands {
			if n := darkPixels(img, size, band.y0, band.y1); n < size {
				t.Errorf("size %d: %d dark pixels in %s's band", size, n, band.what)
			}
		}
	}
}

// darkPixels counts the lettering's pixels between y0 and y1 (SVG units).
func darkPixels(img image.Image, size int, y0, y1 float64) int {
	n := 0
	for y := int(y0 * float64(size) / 240); y < int(y1*float64(size)/240); y++ {
		for x := 0; x < size; x++ {
			if r, g, b, a := rgba8(img, x, y); a > 0xc0 && r < 0x60 && g < 0x60 && b < 0x60 {
				n++
			}
		}
	}
	return n
}

// the mark carries its own number: two numbers draw two images that
// differ in the number's band and nowhere above it.
func TestMarkPNGNumber_R8_1(t *testing.T) {
	a := decodeMark(t, "IP-IoT 0001-2611", DefaultSize)
	b := decodeMark(t, "IP-IoT 0002-2611", DefaultSize)
	differ := func(y0, y1 int) bool {
		for y := y0; y < y1; y++ {
			for x := 0; x < DefaultSize; x++ {
				if a.At(x, y) != b.At(x, y) {
					return true
				}
			}
		}
		return false
	}
	band := 200 * DefaultSize / 240
	if !differ(band, DefaultSize) {
		t.Error("two numbers drew the same number band")
	}
	if differ(0, band) {
		t.Error("the number changed the logo above it")
	}
}

// A size outside the fixed set is refused, so no request can make the
// server draw an image as large as it likes.
func TestMarkPNGSize(t *testing.T) {
	for _, size := range []int{0, -1, 239, 481, 100000} {
		if err := PNG(io.Discard, "IP-IoT 0001-2611", size); !errors.Is(err, ErrSize) {
			t.Errorf("size %d: err = %v, want ErrSize", size, err)
		}
	}
}

// A long number is narrowed to stay inside the border.
func TestMarkPNGLongNumber(t *testing.T) {
	img := decodeMark(t, "IP-IoT 0001-2611 IP-IoT 0001-2611 IP-IoT 0001-2611", 240)
	for y := 200; y < 225; y++ {
		for _, x := range []int{9, 230} {
			if r, g, b, _ := rgba8(img, x, y); r < 0x60 && g < 0x60 && b < 0x60 {
				t.Fatalf("lettering reaches the border at (%d, %d)", x, y)
			}
		}
	}
	if n := darkPixels(img, 240, 200, 222); n == 0 {
		t.Error("the long number was not drawn")
	}
}

func BenchmarkMarkPNG(b *testing.B) {
	for b.Loop() {
		if err := PNG(io.Discard, "IP-IoT 0001-2611", DefaultSize); err != nil {
			b.Fatal(err)
		}
	}
}
