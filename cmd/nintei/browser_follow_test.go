package main

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"nintei/internal/mail/smtptest"
)

// TestBrowserFollowService is issue 20's journey: a visitor follows a
// demo service from its page and confirms through the mailed link; an
// organisation registers a webhook and sees its secret once; the
// secretariat revokes the service; the follower's notice carries an
// unsubscribe link that works. axe-core checks every follow page.
func TestBrowserFollowService(t *testing.T) {
	ctx, sink, base := startDemo(t)
	const (
		buyer = "kounyu@buyer.example.jp"
		ops   = "webhook@buyer.example.jp"
	)
	login(t, ctx, base, "owner5@registry.example.jp") // 株式会社みずほ計測, certified
	steps(t, ctx, chromedp.Navigate(base+"/applications"), chromedp.WaitVisible(chromedp.CSS(`main a[href^="/applications/"]`)))
	clickAndSettle(t, ctx, `main a[href^="/applications/"]`, `#lifecycle`)
	app := currentPath(t, ctx)
	entry := text(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#cert-number a`), "href")).Value
	logout(t, ctx)
	number, err := url.PathUnescape(strings.TrimPrefix(entry, "/registry/"))
	must(t, err)

	steps(t, ctx, chromedp.Navigate(base+entry), chromedp.WaitVisible(chromedp.CSS(`#follow-email`)),
		chromedp.SendKeys(chromedp.CSS(`#follow-email`), buyer))
	clickAndSettle(t, ctx, `#follow-form button[type=submit]`, `#follow-sent`)
	axeClean(t, ctx, "follow request sent")
	confirm := mailedLink(t, sink, buyer, regexp.MustCompile(`/follow/confirm/[A-Za-z0-9_-]+`))
	steps(t, ctx, chromedp.Navigate(base+confirm), chromedp.WaitVisible(chromedp.CSS(`#follow-confirm`)))
	axeClean(t, ctx, "follow confirmation")
	screenshot(t, ctx, "follow-confirm")
	clickAndSettle(t, ctx, `#follow-confirm`, `#follow-confirmed`)
	axeClean(t, ctx, "follow confirmed")

	steps(t, ctx, chromedp.Navigate(base+"/follow/webhooks?"+url.Values{"kind": {"service"}, "target": {number}}.Encode()),
		chromedp.WaitVisible(chromedp.CSS(`#hook-url`)), chromedp.SendKeys(chromedp.CSS(`#hook-url`), "https://hooks.buyer.example.jp/nintei"),
		chromedp.SendKeys(chromedp.CSS(`#hook-contact`), ops))
	clickAndSettle(t, ctx, `form[action="/follow/webhooks"] button[type=submit]`, `#hook-sent`)
	hook := mailedLink(t, sink, ops, regexp.MustCompile(`/follow/webhooks/confirm/[A-Za-z0-9_-]+`))
	steps(t, ctx, chromedp.Navigate(base+hook), chromedp.WaitVisible(chromedp.CSS(`#hook-confirm`)))
	axeClean(t, ctx, "webhook confirmation")
	clickAndSettle(t, ctx, `#hook-confirm`, `#hook-secret`)
	axeClean(t, ctx, "webhook secret")
	screenshot(t, ctx, "follow-webhook-secret")
	if secret := text(t, ctx, chromedp.Text(chromedp.CSS(`#hook-secret`))); !strings.HasPrefix(secret, "whsec_") {
		t.Errorf("secret %q", secret)
	}
	manage := text(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#hook-manage`), "href")).Value
	steps(t, ctx, chromedp.Navigate(base+manage), chromedp.WaitVisible(chromedp.CSS(`#hook-log`)))
	axeClean(t, ctx, "webhook delivery log")

	revokeDemoService(t, ctx, base, app)
	// The scan runs every minute: the notice comes within one.
	re := regexp.MustCompile(`/follow/unsubscribe/[A-Za-z0-9_-]+`)
	sink.Await(75*time.Second, func(msgs []smtptest.Message) bool {
		for _, m := range msgs {
			if len(m.To) > 0 && m.To[0] == buyer && re.MatchString(m.Raw) {
				return true
			}
		}
		return false
	})
	unsub := mailedLink(t, sink, buyer, re)
	steps(t, ctx, chromedp.Navigate(base+unsub), chromedp.WaitVisible(chromedp.CSS(`#follow-unsubscribe`)))
	axeClean(t, ctx, "unsubscribe")
	screenshot(t, ctx, "follow-unsubscribe")
	clickAndSettle(t, ctx, `#follow-unsubscribe`, `#follow-unsubscribed`)
	axeClean(t, ctx, "unsubscribed")
}

// revokeDemoService has the secretariat revoke a certified demo service
// from its application's lifecycle panel.
func revokeDemoService(t *testing.T, ctx context.Context, base, app string) {
	t.Helper()
	login(t, ctx, base, secretariat)
	steps(t, ctx, chromedp.Navigate(base+app), chromedp.WaitVisible(chromedp.CSS(`#lifecycle`)),
		chromedp.Click(chromedp.CSS(`#lifecycle details:has(form[action$="/revocation"]) > summary`)))
	steps(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#g-a`)), chromedp.Click(chromedp.CSS(`#g-a`)),
		chromedp.SendKeys(chromedp.CSS(`#r-reason`), "認定基準に適合しなくなったため（ブラウザ試験）"))
	clickAndSettle(t, ctx, `#lifecycle form[action$="/revocation"] button[type=submit]`, `#lifecycle`)
	logout(t, ctx)
}
