package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"nintei/catalog"
	"nintei/formb/formbtest"
	"nintei/internal/mail/smtptest"
	"nintei/internal/xlsx"
	"nintei/tools/demo"
)

// TestBrowserApplicantSubmits is the applicant's whole journey in Chromium
// fill part of Form B, upload files, export the workbook
// and import it back, import a completed workbook, link the evidence, pass
// the pre-check, submit, and find the confirmation in a real SMTP sink.
func TestBrowserApplicantSubmits(t *testing.T) {
	ctx, sink, base := startJourney(t)
	owner := demo.Accounts[4]
	prepareApplication(t, ctx, base)
	steps(t, ctx,
		chromedp.Navigate(base+"/applications/1"),
		chromedp.WaitVisible(chromedp.CSS(`#h-submit`)))
	screenshot(t, ctx, "ready-to-submit")
	body := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	if !strings.Contains(body, "事前チェックで問題は見つかりませんでした") {
		t.Fatalf("pre-check does not pass:\n%s", body)
	}
	steps(t, ctx,
		chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#h-submit`)))
	screenshot(t, ctx, "submitted")
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`.notice.success`))); !strings.Contains(got, "申請を提出しました") {
		t.Errorf("confirmation = %q", got)
	}
	msgs := sink.Await(mailWait, func(msgs []smtptest.Message) bool { return len(msgs) >= 2 })
	var toApplicant bool
	for _, m := range msgs {
		if m.To[0] == owner.Email && strings.Contains(m.Subject, "受け付けました") {
			toApplicant = true
		}
	}
	if !toApplicant || len(msgs) < 2 {
		t.Errorf("SMTP sink received %d messages; want the confirmation to %s and the secretariat's notice", len(msgs), owner.Email)
	}
}

// startJourney starts Chromium, an SMTP sink and a demo server using it.
func startJourney(t *testing.T) (context.Context, *smtptest.Sink, string) {
	ctx := browser(t)
	sink := smtptest.Start(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0", "--sample-applications=false",
		"--smtp-host", sink.Host(), "--smtp-port", itoa(sink.Port()), "--smtp-tls", "none", "--job-poll", "200ms", "--mail-from", "nintei@body.example.jp"})
	t.Cleanup(func() { stop(); <-done })
	return ctx, sink, serverURL
}

// prepareApplication logs the demo owner in and fills application 1 up to
// a passing pre-check: Form A, files, the workbook round trip, a completed
// workbook and the evidence links.
func prepareApplication(t *testing.T, ctx context.Context, base string) {
	owner := demo.Accounts[4]
	login(t, ctx, base, owner.Email)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "登記事項証明書.pdf")
	must(t, os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o600))

	steps(t, ctx,
		chromedp.Navigate(base+"/applications"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#service\.name`)))
	fillFormA(t, ctx)
	for _, purpose := range []string{"existence", "evidence"} {
		steps(t, ctx,
			chromedp.Navigate(base+"/applications/1/attachments"),
			chromedp.SetValue(chromedp.CSS(`#purpose`), purpose))
		if purpose == "existence" { // the first service needs the original
			steps(t, ctx, chromedp.Click(chromedp.CSS(`#original`)))
		}
		steps(t, ctx,
			chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{pdf}),
			chromedp.Click(chromedp.CSS(`form[data-upload-progress] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.notice.success`)))
	}

	// Export the workbook from the page, import it back unchanged.
	b64 := text(t, ctx, chromedp.Evaluate[string](`fetch("/applications/1/form-b.xlsx").then(r => r.arrayBuffer()).then(b => {
		let s = ""; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); return btoa(s); })`, awaitPromise))
	exported, err := base64.StdEncoding.DecodeString(b64)
	must(t, err)
	roundTrip := filepath.Join(dir, "form-b.xlsx")
	must(t, os.WriteFile(roundTrip, exported, 0o600))
	importWorkbook(t, ctx, base, roundTrip)

	// "Complete" Form B offline: a workbook with every item answered.
	ed, err := catalog.DefaultEdition()
	must(t, err)
	var complete bytes.Buffer
	must(t, xlsx.Export(&complete, ed, formbtest.CompleteForm(ed), xlsx.Meta{ServiceName: "みなとIoTクラウド"}))
	completed := filepath.Join(dir, "form-b-complete.xlsx")
	must(t, os.WriteFile(completed, complete.Bytes(), 0o600))
	importWorkbook(t, ctx, base, completed)
	linkEvidenceEverywhere(t, ctx, base)
	screenshot(t, ctx, "form-b-linked")

}

// awaitPromise makes Evaluate wait for the expression's promise.
func awaitPromise(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }

func fillFormA(t *testing.T, ctx context.Context) {
	fields := map[string]string{
		"provider.corporate_number": "7000012050002", "provider.representative_name": "港 健太",
		"provider.address": "東京都港区虎ノ門1-1-1", "provider.contact_name": "青木 美咲",
		"provider.contact_email": "nintei@minato-cloud.example.jp", "provider.contact_phone": "03-1234-5678",
		"service.name": "みなとIoTクラウド", "service.start_date": "2023-04-01",
	}
	var acts []chromedp.Action[chromedp.Void]
	for id, v := range fields {
		acts = append(acts, chromedp.SendKeys(chromedp.CSS("#"+strings.ReplaceAll(id, ".", `\.`)), v))
	}
	acts = append(acts,
		chromedp.SendKeys(chromedp.CSS(`#service\.overview`), "IoT機器のデータ収集・分析基盤"),
		chromedp.Click(chromedp.CSS(`#base-network`)))
	steps(t, ctx, acts...)
	// The page came from the "opened" redirect and already shows a success
	// notice: wait for the next page.
	clickAndWait(t, ctx, `main form button[type=submit]`, `.notice.success`)
}

func importWorkbook(t *testing.T, ctx context.Context, base, file string) {
	steps(t, ctx,
		chromedp.Navigate(base+"/applications/1/form-b/workbook"),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{file}),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.notice.success`)))
}

// linkEvidenceEverywhere ticks the evidence file for every item, section by
// section, as an applicant would.
func linkEvidenceEverywhere(t *testing.T, ctx context.Context, base string) {
	steps(t, ctx, chromedp.Navigate(base+"/applications/1/form-b"), chromedp.WaitVisible(chromedp.CSS(`form.formb`)))
	for i := 0; i < 30; i++ {
		text(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('input[name^="l."]').forEach(b => b.checked = true), 0`))
		next := text(t, ctx, chromedp.Evaluate[string](`(document.querySelector('.actions button[name=next]') || {value: ""}).value`))
		if next == "" {
			clickAndWait(t, ctx, `.actions button[type=submit]`, `.notice.success`)
			return
		}
		steps(t, ctx, chromedp.Click(chromedp.CSS(`.actions button[name=next]`)))
		waitFor(t, ctx, `input[name=section][value="`+next+`"]`)
	}
	t.Fatal("more sections than expected")
}

// steps runs actions and fails the test on the first error.
func steps(t *testing.T, ctx context.Context, acts ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, acts...); err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%v\nat %s:\n%.1200s", err, url, body)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// waitFor waits up to 10 s for a selector and, failing, shows the page.
func waitFor(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitReady(chromedp.CSS(sel))); err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`body`)))
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("waiting for %s: %v\nat %s:\n%.1500s", sel, err, url, body)
	}
}
