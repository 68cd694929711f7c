package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"nintei/tools/demo"
)

// chromium finds Debian's Chromium. Without it the browser journeys skip,
// unless NINTEI_REQUIRE_BROWSER=1 (as in .ci/run) makes that a failure.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("NINTEI_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("NINTEI_REQUIRE_BROWSER") == "1" {
		t.Fatal("Chromium not found but NINTEI_REQUIRE_BROWSER=1")
	}
	t.Skip("Chromium not installed (apt-get install chromium fonts-noto-cjk)")
	return ""
}

// browser starts headless Chromium with the flags this sandboxed machine
// needs (no background networking: only loopback is reachable).
func browser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	capture := newDocCapture(t) // nil unless NINTEI_HTML_DIR asks for the pages
	var ctxOpts []chromedp.ContextOption
	if capture != nil {
		ctxOpts = append(ctxOpts, chromedp.WithListener(capture.listen))
	}
	ctx, cancelCtx := chromedp.NewContext(actx, ctxOpts...)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	capture.start(ctx) // its cleanup, registered last, runs first: the last bodies are read before the browser closes
	return ctx
}

// screenshot saves a PNG when NINTEI_SCREENSHOTS names a directory.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("NINTEI_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// TestBrowserApplicantLogsIn is the first journey: a demo applicant logs in
// through the real login form in Chromium and lands on their dashboard.
func TestBrowserApplicantLogsIn(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	owner := demo.Accounts[4]

	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	lang := text(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "lang"))
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`#email`), owner.Email),
		chromedp.SendKeys(chromedp.CSS(`#password`), demo.Password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`main .lead`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	heading := text(t, ctx, chromedp.Text(chromedp.CSS(`main h1`)))
	lead := text(t, ctx, chromedp.Text(chromedp.CSS(`main .lead`)))
	screenshot(t, ctx, "dashboard-applicant")
	if lang.Value != "ja" {
		t.Errorf("login page lang = %q, want ja", lang.Value)
	}
	if heading != "ダッシュボード" {
		t.Errorf("heading = %q, want ダッシュボード", heading)
	}
	if !strings.Contains(lead, owner.Name) || !strings.Contains(lead, owner.Org) {
		t.Errorf("dashboard lead %q does not name %s of %s", lead, owner.Name, owner.Org)
	}
}

// TestBrowserWrongPasswordShowsJapaneseError checks the refusal a person sees.
func TestBrowserWrongPasswordShowsJapaneseError(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	err := chromedp.Do(ctx,
		chromedp.Navigate(serverURL+"/login"),
		chromedp.SendKeys(chromedp.CSS(`#email`), demo.Accounts[1].Email),
		chromedp.SendKeys(chromedp.CSS(`#password`), "wrong password!"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#login-error`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	msg := text(t, ctx, chromedp.Text(chromedp.CSS(`#login-error`)))
	email := text(t, ctx, chromedp.Value(chromedp.CSS(`#email`)))
	screenshot(t, ctx, "login-error")
	if msg != "メールアドレスまたはパスワードが正しくありません。" {
		t.Errorf("error = %q", msg)
	}
	if email != demo.Accounts[1].Email {
		t.Errorf("e-mail field = %q, want it kept", email)
	}
}

// text runs an action that reads a value from the page.
func text[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
