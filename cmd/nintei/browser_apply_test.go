package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"nintei/tools/demo"
)

// login signs a demo account in through the login form.
func login(t *testing.T, ctx context.Context, base, email string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), demo.Password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`main .lead`)),
	)
	if err != nil {
		t.Fatal(err)
	}
}

// TestBrowserApplicantDraftsApplication: an applicant opens an application,
// fills Form A, answers the first Form B section and sees the progress and
// the pre-check on the overview.
func TestBrowserApplicantDraftsApplication(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0", "--sample-applications=false"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	login(t, ctx, base, demo.Accounts[4].Email)

	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/applications"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#service\.name`)),
		chromedp.SendKeys(chromedp.CSS(`#service\.name`), "みなとIoTクラウド"),
		chromedp.SendKeys(chromedp.CSS(`#service\.start_date`), "2030-01-01"),
		chromedp.Click(chromedp.CSS(`#base-system`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The page being left already shows a success notice (the application
	// was opened) and a "required" error on the empty start date: wait for
	// the next page, not for a match on this one.
	clickAndWait(t, ctx, `main form button[type=submit]`, `.notice.success`)
	screenshot(t, ctx, "form-a")
	// a start date in the future is reported beside its field, and the draft is kept.
	startErr := text(t, ctx, chromedp.Text(chromedp.CSS(`#err-service\.start_date`)))
	if !strings.Contains(startErr, "提供開始前のサービスは申請できません") {
		t.Errorf("start date error = %q", startErr)
	}
	kept := text(t, ctx, chromedp.Value(chromedp.CSS(`#service\.name`)))
	if kept != "みなとIoTクラウド" {
		t.Errorf("service name after save = %q, want it kept", kept)
	}

	// Upload an evidence PDF (the page shows progress while it goes up).
	pdf := filepath.Join(t.TempDir(), "会社概要.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/applications/1/attachments"),
		chromedp.WaitVisible(chromedp.CSS(`#file`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{pdf}),
		chromedp.Click(chromedp.CSS(`form[data-upload-progress] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`main table a[href="/applications/1/attachments/1"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "attachments")
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/applications/1/form-b"),
		chromedp.WaitVisible(chromedp.CSS(`form.formb`)),
		chromedp.SendKeys(chromedp.CSS(`#f-IPIOT-001-value`), "2026-11-01"),
		chromedp.SendKeys(chromedp.CSS(`#f-IPIOT-001-doc`), "会社概要"),
		chromedp.Click(chromedp.CSS(`#f-IPIOT-001-file1`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	clickAndWait(t, ctx, `.actions button[type=submit]`, `.notice.success`)
	screenshot(t, ctx, "form-b")
	if v := text(t, ctx, chromedp.Value(chromedp.CSS(`#f-IPIOT-001-value`))); v != "2026-11-01" {
		t.Errorf("saved answer = %q", v)
	}
	linked := text(t, ctx, chromedp.Evaluate[bool](`document.querySelector("#f-IPIOT-001-file1").checked`))
	if !linked {
		t.Error("the evidence file is not linked to IPIOT-001 after saving")
	}
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/applications/1"), chromedp.WaitVisible(chromedp.CSS(`#h-submit`)))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "application")
	body := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{"必須項目 1/", "提出の前に、次の点を直してください", "必須項目です。回答を入力してください。"} {
		if !strings.Contains(body, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
}
