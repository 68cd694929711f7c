package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"nintei/tools/demo"
)

// Logging out in a real browser: the response's Clear-Site-Data (cache and
// storage) leaves the cookies set with it alone, so the notice that one is
// logged out shows and the language chosen stays. (With "cookies" in the
// header, Chromium dropped both: see docs/architecture.md.)
func TestBrowserLogoutKeepsNoticeAndLanguage(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0", "--sample-applications=false"})
	t.Cleanup(func() { stop(); <-done })
	login(t, ctx, serverURL, demo.Accounts[0].Email)
	clickAndWait(t, ctx, `header form[action="/lang"] button`, `html[lang="en"]`)
	logout(t, ctx)
	flash := text(t, ctx, chromedp.Evaluate[string](`(document.querySelector('.notice.success')||{}).textContent||''`))
	lang := text(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if flash != "You are logged out." || lang != "en" {
		t.Errorf("after logout: notice %q, language %q; want the English notice", flash, lang)
	}
}
