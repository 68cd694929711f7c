package mark

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// renderInChromium draws svg at size×size in headless Chromium, on white,
// and returns the screenshot. Without Chromium the test skips, unless
// NINTEI_REQUIRE_BROWSER=1 (as in .ci/run) makes that a failure.
func renderInChromium(t *testing.T, svg string, size int) image.Image {
	t.Helper()
	var chromium string
	for _, p := range []string{os.Getenv("NINTEI_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := exec.LookPath(p); p != "" && err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		if os.Getenv("NINTEI_REQUIRE_BROWSER") == "1" {
			t.Fatal("Chromium not found but NINTEI_REQUIRE_BROWSER=1")
		}
		t.Skip("Chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	defer cancelTimeout()
	page := `<!doctype html><body style="margin:0;background:#fff"><img style="display:block" width="480" height="480" src="data:image/svg+xml;base64,` +
		base64.StdEncoding.EncodeToString([]byte(svg)) + `">`
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(size), int64(size)),
		chromedp.Navigate("data:text/html;base64,"+base64.StdEncoding.EncodeToString([]byte(page))), chromedp.WaitReady("img")); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("NINTEI_SCREENSHOTS"); dir != "" {
		_ = os.MkdirAll(dir, 0o755)
		_ = os.WriteFile(filepath.Join(dir, "mark-svg-chromium.png"), shot, 0o644)
	}
	return img
}

// R-11.5e: the SVG, drawn by a browser, looks like the PNG: the
// lettering is the same outlines in the same places, whatever fonts the
// browser has (this machine has Noto Sans CJK, which drew the old <text>
// differently). Pixels are compared in grey; antialiasing differs, so a
// few edge pixels may disagree, but no stroke may be missing or moved.
func TestMarkSVGLooksLikePNGBrowser_R8_1(t *testing.T) {
	const size = 480
	for _, number := range []string{"IP-IoT 0001-2611", "IP-IoT 0001-2611 IP-IoT 0001-2611 IP-IoT 0001-2611"} {
		svg, err := SVG(number)
		if err != nil {
			t.Fatal(err)
		}
		got := renderInChromium(t, svg, size)
		want := decodeMark(t, number, size)
		onWhite := image.NewRGBA(want.Bounds())
		draw.Draw(onWhite, onWhite.Bounds(), image.White, image.Point{}, draw.Src)
		draw.Draw(onWhite, onWhite.Bounds(), want, image.Point{}, draw.Over)
		if dir := os.Getenv("NINTEI_SCREENSHOTS"); dir != "" {
			var b bytes.Buffer
			_ = png.Encode(&b, onWhite)
			_ = os.WriteFile(filepath.Join(dir, "mark-png.png"), b.Bytes(), 0o644)
		}
		differ := 0
		for y := range size {
			for x := range size {
				g1 := color.GrayModel.Convert(got.At(x, y)).(color.Gray).Y
				g2 := color.GrayModel.Convert(onWhite.At(x, y)).(color.Gray).Y
				if d := int(g1) - int(g2); d > 96 || d < -96 {
					differ++
				}
			}
		}
		t.Logf("%q: %d of %d pixels differ by more than 96 grey levels", number, differ, size*size)
		if differ > size*size/1000 {
			t.Errorf("%q: the SVG in Chromium and the PNG differ in %d pixels", number, differ)
		}
	}
}
