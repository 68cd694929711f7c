package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRevocationEndsInRegistryAndFeed is issue 6's revocation
// journey: the secretariat revokes a certified demo
// service from its application page on two grounds with a reason; the
// registry list, the service page and the verification page say revoked
// and the feed has the event, none of them showing the reason; the
// provider's mark download is refused; the service's files are on the
// secretariat's return list.
func TestBrowserRevocationEndsInRegistryAndFeed(t *testing.T) {
	ctx, _, base := startDemo(t)
	const (
		owner5  = "owner5@registry.example.jp" // 株式会社みずほ計測, certified
		service = "みずほ計測クラウド"
		reason  = "改善要請に期限までに応じず、認定基準を満たさない状態が続いたため（ブラウザ試験）"
	)

	// The provider can download its mark while the certification is in force.
	login(t, ctx, base, owner5)
	steps(t, ctx, chromedp.Navigate(base+"/applications"), chromedp.WaitVisible(chromedp.CSS(`main a[href^="/applications/"]`)))
	clickAndSettle(t, ctx, `main a[href^="/applications/"]`, `#lifecycle`)
	app := currentPath(t, ctx)
	entry := text(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#cert-number a`), "href")).Value
	number := strings.ReplaceAll(strings.TrimPrefix(entry, "/registry/"), "%20", " ")
	if got := fetchStatus(t, ctx, app+"/mark.svg"); got != 200 {
		t.Fatalf("mark.svg while in force: HTTP %d", got)
	}
	logout(t, ctx)
	// The public pages before: valid (and now in the page cache).
	steps(t, ctx, chromedp.Navigate(base+entry), chromedp.WaitVisible(chromedp.CSS(`#answers`)))
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`main dl`))); !strings.Contains(got, "有効") {
		t.Fatalf("the service page before the revocation: %q", got)
	}

	// The secretariat revokes from the lifecycle panel.
	login(t, ctx, base, secretariat)
	steps(t, ctx, chromedp.Navigate(base+app), chromedp.WaitVisible(chromedp.CSS(`#lifecycle`)),
		chromedp.Click(chromedp.CSS(`#lifecycle details:has(form[action$="/revocation"]) > summary`)))
	steps(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#g-a`)), chromedp.Click(chromedp.CSS(`#g-a`)), chromedp.Click(chromedp.CSS(`#g-i`)),
		chromedp.SendKeys(chromedp.CSS(`#r-reason`), reason))
	screenshot(t, ctx, "revocation-form")
	clickAndSettle(t, ctx, `#lifecycle form[action$="/revocation"] button[type=submit]`, `#lifecycle`)
	screenshot(t, ctx, "revoked")
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`.notice.success`))); got == "" {
		t.Error("no confirmation after revoking")
	}
	panel := text(t, ctx, chromedp.Text(chromedp.CSS(`#lifecycle`)))
	for _, want := range []string{"取消し", "a) 認定基準に適合しなくなったとき", "i) 改善の要請に応じなかったとき", reason} {
		if !strings.Contains(panel, want) {
			t.Errorf("the lifecycle panel lacks %q:\n%s", want, panel)
		}
	}
	// the files go on the return list.
	steps(t, ctx, chromedp.Navigate(base+"/returns"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	screenshot(t, ctx, "revocation-returns")
	id := strings.TrimPrefix(app, "/applications/")
	if n := count(t, ctx, `#returns-`+id); n != 1 {
		t.Fatalf("the return list has no section for application %s", id)
	}
	returns := text(t, ctx, chromedp.Text(chromedp.CSS(`#returns-`+id)))
	for _, want := range []string{service, "履歴事項全部証明書.pdf", "サービス仕様書.pdf", "認定の取消し"} {
		if !strings.Contains(returns, want) {
			t.Errorf("the return list for %s lacks %q:\n%s", service, want, returns)
		}
	}
	logout(t, ctx)

	// The public: list, service page, verification and feed say revoked, without the reason.
	steps(t, ctx, chromedp.Navigate(base+"/registry"), chromedp.WaitVisible(chromedp.CSS(`main table`)))
	row := text(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main tbody tr')].find(r => r.textContent.includes(`+jsString(number)+`)).textContent`))
	if !strings.Contains(row, "取消し") {
		t.Errorf("the registry row %q does not say 取消し", row)
	}
	list := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	steps(t, ctx, chromedp.Navigate(base+entry), chromedp.WaitVisible(chromedp.CSS(`#answers`)))
	screenshot(t, ctx, "revocation-registry")
	page := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`main dl`))); !strings.Contains(got, "取消し") {
		t.Errorf("the service page does not say 取消し: %q", got)
	}
	clickAndSettle(t, ctx, `a[href^="/verify/"]`, `#verdict`)
	verdict := text(t, ctx, chromedp.Text(chromedp.CSS(`#verdict`)))
	if !strings.Contains(verdict, "取り消されています") {
		t.Errorf("verification = %q", verdict)
	}
	verify := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	feed := fetchText(t, ctx, base+"/registry/feed.atom")
	if want := number + " " + service + " の認定が取り消されました"; !strings.Contains(feed, want) {
		t.Errorf("the feed lacks %q", want)
	}
	for name, body := range map[string]string{"registry list": list, "service page": page, "verification": verify, "feed": feed} {
		if strings.Contains(body, reason) || strings.Contains(body, "ブラウザ試験") {
			t.Errorf("the %s shows the revocation reason", name)
		}
	}

	// the mark is refused from the day the certification ends.
	login(t, ctx, base, owner5)
	steps(t, ctx, chromedp.Navigate(base+app), chromedp.WaitVisible(chromedp.CSS(`#lifecycle`)))
	if n := count(t, ctx, `a[href$="/mark.svg"]`); n != 0 {
		t.Error("the application page still offers the mark")
	}
	if got := fetchStatus(t, ctx, app+"/mark.svg"); got != 403 {
		t.Errorf("mark.svg after the revocation: HTTP %d, want 403", got)
	}
	if got := fetchText(t, ctx, app+"/mark.svg"); !strings.Contains(got, "認定マークは認定の有効期間中に限り使用できます") {
		t.Errorf("the refusal does not explain itself in Japanese: %.300s", got)
	}
}
