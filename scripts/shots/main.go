// Command shots takes full-page screenshots of pages of a running nintei,
// signed in as a given user, at 1280 and 390 px wide, so that whoever
// changes a page looks at it as its user would (in Japanese by default).
//
//	go run ./scripts/shots -base http://localhost:8080 -login jimu@… -out /tmp/shots /queue /applications/3/review
//
// Each path gives NAME-1280.png and NAME-390.png in -out. Chromium comes
// from Debian's package (scripts/install-test-deps.sh).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	base := flag.String("base", "http://localhost:8080", "the running nintei")
	login := flag.String("login", "", "e-mail to sign in with; empty for the public pages")
	password := flag.String("password", "nintei-demo-2026", "password of -login (the demo's by default)")
	out := flag.String("out", "/tmp/shots", "directory for the PNG files")
	lang := flag.String("lang", "ja", "page language (ja or en)")
	flag.Parse()
	if err := run(*base, *login, *password, *out, *lang, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "shots:", err)
		os.Exit(1)
	}
}

func run(base, login, password, out, lang string, paths []string) error {
	if err := os.MkdirAll(out, 0o750); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "shots-profile-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath("/usr/bin/chromium"), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", lang), chromedp.UserDataDir(dir))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelTimeout()
	if login != "" {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+"/login"),
			chromedp.SendKeys(chromedp.CSS(`#email`), login),
			chromedp.SendKeys(chromedp.CSS(`#password`), password),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			// Wait for the login page to go: the login page's own main is
			// visible at once, and the next Navigate would cancel a slow login.
			chromedp.WaitNotPresent(chromedp.CSS(`#password`)),
			chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
			return fmt.Errorf("sign in as %s: %w", login, err)
		}
	}
	for _, p := range paths {
		for _, width := range []int64{1280, 390} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900),
				chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS(`main`))); err != nil {
				return fmt.Errorf("%s at %d px: %w", p, width, err)
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				return fmt.Errorf("%s at %d px: %w", p, width, err)
			}
			name := fmt.Sprintf("%s-%d.png", fileName(p), width)
			if err := os.WriteFile(filepath.Join(out, name), png, 0o600); err != nil {
				return err
			}
			fmt.Println(filepath.Join(out, name))
		}
	}
	return nil
}

// fileName turns a path into a file name: /applications/3/review → applications-3-review.
func fileName(p string) string {
	r := strings.NewReplacer("/", "-", "?", "_", "&", "_", "=", "-", "#", "_")
	if s := strings.Trim(r.Replace(p), "-_"); s != "" {
		return s
	}
	return "home"
}
