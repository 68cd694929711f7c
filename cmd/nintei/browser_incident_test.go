package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"nintei/internal/mail/smtptest"
)

// TestBrowserIncidentReport: the provider of a certified demo
// service reaches the incident page from its application page, files a
// first report (after a refused one that keeps what was typed) and a
// follow-up; the secretariat, mailed, finds the open incident with its
// age and last report.
func TestBrowserIncidentReport(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	sink := smtptest.Start(t)
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0",
		"--smtp-host", sink.Host(), "--smtp-port", itoa(sink.Port()), "--smtp-tls", "none", "--job-poll", "200ms", "--mail-from", "nintei@body.example.jp"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL

	login(t, ctx, base, "owner1@registry.example.jp") // あおぞらIoTプラットフォーム, certified
	steps(t, ctx, chromedp.Navigate(base+"/applications"), chromedp.WaitVisible(chromedp.CSS(`main a[href^="/applications/"]`)))
	clickAndWait(t, ctx, `main a[href^="/applications/"]`, `#aftercert`)
	clickAndWait(t, ctx, `#aftercert a[href$="/incidents"]`, `form#new`)
	summary := "東日本リージョンでAPIが応答しない状態が続いた"
	occurred := time.Now().In(time.FixedZone("JST", 9*3600)).Add(-time.Hour).Format("2006-01-02 15:04")
	steps(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#new-occurred_at`), occurred),
		chromedp.SendKeys(chromedp.CSS(`#new-summary`), summary),
		chromedp.SendKeys(chromedp.CSS(`#new-impact`), "全利用者の約3割"),
		chromedp.SendKeys(chromedp.CSS(`#new-measures`), "予備系に切り替えた"))
	clickAndWait(t, ctx, `form#new button[type=submit]`, `#form-error`) // no kind chosen
	screenshot(t, ctx, "incident-error")
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#form-error`))); !strings.Contains(got, "事態の種類を選んでください") {
		t.Errorf("error summary = %q", got)
	}
	if got := text(t, ctx, chromedp.Value(chromedp.CSS(`#new-summary`))); got != summary {
		t.Errorf("the typed summary was lost: %q", got)
	}
	steps(t, ctx, chromedp.Click(chromedp.CSS(`#new-kind-outage`)))
	clickAndWait(t, ctx, `form#new button[type=submit]`, `.notice.success`)
	screenshot(t, ctx, "incident-reported")
	steps(t, ctx, chromedp.SendKeys(chromedp.CSS(`form[action$="/reports"] textarea[name=summary]`), "原因はストレージ制御装置の故障と判明"))
	clickAndWait(t, ctx, `form[action$="/reports"] button[type=submit]`, `.notice.success`)
	screenshot(t, ctx, "incident-follow-up")
	body := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{summary, "第一報", "続報", "原因はストレージ制御装置の故障と判明"} {
		if !strings.Contains(body, want) {
			t.Errorf("the incident page lacks %q", want)
		}
	}
	logout(t, ctx)

	login(t, ctx, base, secretariat)
	steps(t, ctx, chromedp.Navigate(base+"/queue"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	clickAndWait(t, ctx, `main nav a[href="/incidents"]`, `#open-incidents`)
	screenshot(t, ctx, "open-incidents")
	row := text(t, ctx, chromedp.Text(chromedp.CSS(`#open-incidents tbody tr`)))
	for _, want := range []string{"あおぞらIoTプラットフォーム", "障害によるサービス停止", "0日", "続報"} {
		if !strings.Contains(row, want) {
			t.Errorf("the open incident row %q lacks %q", row, want)
		}
	}
	if !mailed(sink, secretariat, "緊急事態の第一報") {
		t.Errorf("the secretariat was not mailed: %d messages", len(sink.Messages()))
	}

	// the secretariat publishes an improvement request; the public
	// service page shows it.
	clickAndWait(t, ctx, `#open-incidents tbody a`, `form[action$="/reports"], h1`)
	clickAndWait(t, ctx, `main > p:first-child a`, `#aftercert`)
	clickAndWait(t, ctx, `#aftercert a[href$="/supervision"]`, `form#new`)
	request := "障害発生時の利用者への通知手順を改善してください。"
	steps(t, ctx, chromedp.SetValue(chromedp.CSS(`#new-kind`), "improvement"),
		chromedp.SendKeys(chromedp.CSS(`#new-body`), request),
		chromedp.SendKeys(chromedp.CSS(`#new-due_on`), time.Now().AddDate(0, 1, 0).Format("2006-01-02")),
		chromedp.Click(chromedp.CSS(`#new-publish`)))
	clickAndWait(t, ctx, `form#new button[type=submit]`, `.notice.success`)
	screenshot(t, ctx, "supervision-requested")
	if !mailed(sink, "owner1@registry.example.jp", "改善を要請します") {
		t.Error("the provider was not mailed the improvement request")
	}
	logout(t, ctx)
	steps(t, ctx, chromedp.Navigate(base+"/registry/IP-IoT%200001-"+time.Now().In(time.FixedZone("JST", 9*3600)).Format("0601")),
		chromedp.WaitVisible(chromedp.CSS(`#answers`)))
	screenshot(t, ctx, "registry-improvement")
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`main`))); !strings.Contains(got, request) {
		t.Error("the public service page does not show the published improvement request")
	}
}
