package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"nintei/internal/mail/smtptest"
	"nintei/tools/demo"
)

// Demo people of the review journeys.
var (
	applicant   = demo.Accounts[4].Email // 港 健太, owner of 株式会社みなとクラウド
	secretariat = demo.Accounts[1].Email
	reviewer    = demo.Accounts[2].Email
	member      = demo.Accounts[3].Email // 委員 三奈
)

// submitPrepared submits application 1 as the logged-in applicant.
func submitPrepared(t *testing.T, ctx context.Context, base string) {
	steps(t, ctx, chromedp.Navigate(base+"/applications/1"), chromedp.WaitVisible(chromedp.CSS(`#h-submit`)),
		chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)), chromedp.WaitNotPresent(chromedp.CSS(`#h-submit`)))
}

func logout(t *testing.T, ctx context.Context) {
	steps(t, ctx, chromedp.Click(chromedp.CSS(`header form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`header a.button[href="/login"]`)))
}

// act submits one form of application 1's review page and waits for the page again.
func act(t *testing.T, ctx context.Context, base, form string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	actOn(t, ctx, base+"/applications/1/review", form, fill...)
}

// actOn submits one form of the review page at reviewURL and waits for the page again.
func actOn(t *testing.T, ctx context.Context, reviewURL, form string, fill ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	acts := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`#state`))}, fill...)
	// Mark the old page, so the wait below is for the page the post leads to.
	acts = append(acts, chromedp.Evaluate[chromedp.Void](`document.body.dataset.stale = "1"`),
		chromedp.Click(chromedp.CSS(form+` button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`body[data-stale]`)), chromedp.WaitVisible(chromedp.CSS(`#state`)))
	steps(t, ctx, acts...)
	if msg := text(t, ctx, chromedp.Evaluate[string](`(document.querySelector("#review-error") || {textContent: ""}).textContent`)); msg != "" {
		t.Fatalf("%s: %s", form, msg)
	}
}

func state(t *testing.T, ctx context.Context, base string) string {
	return stateOn(t, ctx, base+"/applications/1/review")
}

// stateOn reads the state shown on the review page at reviewURL.
func stateOn(t *testing.T, ctx context.Context, reviewURL string) string {
	steps(t, ctx, chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`#state`)))
	return text(t, ctx, chromedp.Text(chromedp.CSS(`#state`)))
}

// formalReviewAndPayment takes a submitted application through formal
// review, the invoice and the payment.
func formalReviewAndPayment(t *testing.T, ctx context.Context, base string) {
	login(t, ctx, base, secretariat)
	act(t, ctx, base, `form[action$="/review/start-formal"]`)
	act(t, ctx, base, `form[action$="/review/accept"]`)
	if got := state(t, ctx, base); got != "手数料の入金待ち" {
		t.Fatalf("after accepting the formal review: %q", got)
	}
	act(t, ctx, base, `form[action$="/review/payment"]`, chromedp.SendKeys(chromedp.CSS(`#paid_yen`), "209,000"),
		chromedp.SendKeys(chromedp.CSS(`#payment_ref`), "振込 0001"))
	if got := state(t, ctx, base); got != "書類審査中" {
		t.Fatalf("after payment: %q", got)
	}
}

// assessAllOK has the logged-in reviewer judge every item on the review
// page 適: every select of the assessment form set to ok, and the form
// posted once from the page, with its CSRF token and version ("save all").
func assessAllOK(t *testing.T, ctx context.Context, reviewURL string) {
	t.Helper()
	steps(t, ctx, chromedp.Navigate(reviewURL), chromedp.WaitVisible(chromedp.CSS(`#state`)))
	const js = `(async () => {
  const f = document.querySelector('#assess-form');
  const sels = [...f.querySelectorAll('select[name^="v."]')];
  sels.forEach(s => { s.value = "ok"; });
  const r = await fetch(f.action, {method: "POST", body: new URLSearchParams(new FormData(f))});
  if (!r.ok) return "failed: " + r.status;
  return "assessed " + sels.length;
})()`
	got := text(t, ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if !strings.HasPrefix(got, "assessed ") || got == "assessed 0" {
		t.Fatalf("assessing every item: %s", got)
	}
}

// TestBrowserReviewToCertification: submitted → formal review → invoice →
// payment → an inquiry answered with an amendment → committee → certified.
func TestBrowserReviewToCertification(t *testing.T) {
	ctx, sink, base := startJourney(t)
	prepareApplication(t, ctx, base)
	submitPrepared(t, ctx, base)
	logout(t, ctx)
	formalReviewAndPayment(t, ctx, base)
	logout(t, ctx)

	login(t, ctx, base, reviewer)
	act(t, ctx, base, `form[action$="/review/inquiry"]`, chromedp.SetValue(chromedp.CSS(`#inq-item`), "IPIOT-061"),
		chromedp.SendKeys(chromedp.CSS(`#question`), "土日祝日の受付の有無を明記してください。"))
	logout(t, ctx)

	login(t, ctx, base, applicant)
	steps(t, ctx, chromedp.Navigate(base+"/applications/1"), chromedp.WaitVisible(chromedp.CSS(`[id^=inquiry-]`)),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=answer]`), "土日祝日は受け付けていない旨を追記しました。"),
		chromedp.Click(chromedp.CSS(`input[name=amend]`)),
		chromedp.SetValue(chromedp.CSS(`#f-IPIOT-061-value`), "平日 9:00〜18:00（土日祝日を除く）"))
	clickAndWait(t, ctx, `[id^=inquiry-] button[type=submit]`, `.notice.success`)
	screenshot(t, ctx, "inquiry-answered")
	if body := text(t, ctx, chromedp.Text(chromedp.CSS(`main`))); !strings.Contains(body, "土日祝日を除く") {
		t.Errorf("the amendment is not shown to the applicant")
	}
	logout(t, ctx)

	// the reviewer judges every item adequate, the amended one
	// (the amended one set first and the form saved), before anyone can certify.
	login(t, ctx, base, reviewer)
	act(t, ctx, base, `#assess-form .actions`, chromedp.SetValue(chromedp.CSS(`#v-IPIOT-061`), "ok"))
	assessAllOK(t, ctx, base+"/applications/1/review")
	logout(t, ctx)

	login(t, ctx, base, secretariat)
	act(t, ctx, base, `form[action$="/review/committee"]`, chromedp.Click(chromedp.CSS(`input[name=member]`)))
	logout(t, ctx)
	login(t, ctx, base, member)
	act(t, ctx, base, `form[action$="/review/declare"]`, chromedp.SendKeys(chromedp.CSS(`#declaration`), "申請者との利害関係はありません。"))
	act(t, ctx, base, `form[action$="/review/opinion"]`, chromedp.SendKeys(chromedp.CSS(`#opinion`), "開示は適切であり、認定してよい。"))
	logout(t, ctx)
	login(t, ctx, base, secretariat)
	act(t, ctx, base, `form[action$="/review/conclude"]`, chromedp.SendKeys(chromedp.CSS(`#conclusion`), "認定して差し支えない。"))
	actOn(t, ctx, base+"/applications/1/decision", `#certify-form`, chromedp.Click(chromedp.CSS(`#confirm-certify`)))
	if n := text(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#cert-links a').length`)); n != 4 {
		t.Errorf("after certifying, the decision page links %d documents, want the certificate, the mark (SVG, PNG) and the registry entry", n)
	}
	screenshot(t, ctx, "review-certified")
	if got := state(t, ctx, base); got != "認定" {
		t.Fatalf("after certifying: %q", got)
	}
	logout(t, ctx)
	login(t, ctx, base, applicant)
	steps(t, ctx, chromedp.Navigate(base+"/applications/1"), chromedp.WaitVisible(chromedp.CSS(`#decision-outcome`)))
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#decision-outcome`))); !strings.Contains(got, "認定") {
		t.Errorf("applicant sees %q", got)
	}
	if !mailed(sink, applicant, "審査結果: 認定") || !mailed(sink, applicant, "ご請求") || !mailed(sink, applicant, "照会") {
		t.Errorf("the applicant did not get the invoice, inquiry and result e-mails: %d messages", len(sink.Messages()))
	}
	number := text(t, ctx, chromedp.Text(chromedp.CSS(`#cert-number`)))
	if !strings.Contains(number, "IP-IoT 0001-") {
		t.Fatalf("certification shown to the applicant: %q", number)
	}
	// The public finds it with a two-character search and verifies its number.
	logout(t, ctx)
	steps(t, ctx, chromedp.Navigate(base+"/registry"), chromedp.SendKeys(chromedp.CSS(`#q`), "みな"))
	clickAndWait(t, ctx, `form[role=search] button[type=submit]`, `main table a`)
	clickAndWait(t, ctx, `main table a[href^="/registry/"]`, `#answers`)
	screenshot(t, ctx, "registry-entry")
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#answers`))); !strings.Contains(got, "土日祝日を除く") {
		t.Error("the public page lacks the amended answer as written")
	}
	clickAndWait(t, ctx, `a[href^="/verify/"]`, `#verdict`)
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#verdict`))); !strings.Contains(got, "有効な認定です") {
		t.Errorf("verification = %q", got)
	}
}

// TestBrowserReviewNotCertified ends in non-certification with improvement
// items that the applicant reads.
func TestBrowserReviewNotCertified(t *testing.T) {
	ctx, sink, base := startJourney(t)
	prepareApplication(t, ctx, base)
	submitPrepared(t, ctx, base)
	logout(t, ctx)
	formalReviewAndPayment(t, ctx, base)
	actOn(t, ctx, base+"/applications/1/decision", `#refuse-form`,
		chromedp.SendKeys(chromedp.CSS(`#explanation`), "IoT機器認証の方式が確認できないため、認定できません。"),
		chromedp.SetValue(chromedp.CSS(`#imp-item-0`), "IPIOT-050"),
		chromedp.SendKeys(chromedp.CSS(`#imp-note-0`), "IoT機器の認証方式（電子証明書等）を開示し、根拠資料を添付してください。"),
		chromedp.Click(chromedp.CSS(`#confirm-refuse`)))
	if got := state(t, ctx, base); got != "認定せず" {
		t.Fatalf("after refusing: %q", got)
	}
	logout(t, ctx)
	login(t, ctx, base, applicant)
	steps(t, ctx, chromedp.Navigate(base+"/applications/1"), chromedp.WaitVisible(chromedp.CSS(`#improvements`)))
	screenshot(t, ctx, "not-certified")
	imp := text(t, ctx, chromedp.Text(chromedp.CSS(`#improvements`)))
	if !strings.Contains(imp, "IPIOT-050") || !strings.Contains(imp, "認証方式") {
		t.Errorf("improvement items shown to the applicant: %q", imp)
	}
	if !mailed(sink, applicant, "審査結果") {
		t.Error("no result e-mail to the applicant")
	}
}

// mailed reports whether to got a mail about subject, waiting for the
// server's job runner to send what the action queued.
func mailed(sink *smtptest.Sink, to, subject string) bool {
	found := func(msgs []smtptest.Message) bool {
		for _, m := range msgs {
			if len(m.To) > 0 && m.To[0] == to && strings.Contains(m.Subject, subject) {
				return true
			}
		}
		return false
	}
	return found(sink.Await(mailWait, found))
}

// mailWait bounds the wait for a queued notice: the test servers poll
// their job queue every 200 ms (--job-poll).
const mailWait = 15 * time.Second

// TestBrowserDemoQueue: the demo's sample applications appear in the
// secretariat's queue, with the chart, and the invoiced one's review page opens.
func TestBrowserDemoQueue(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	login(t, ctx, base, secretariat)
	steps(t, ctx, chromedp.Navigate(base+"/queue"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	screenshot(t, ctx, "queue")
	body := text(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	for _, want := range []string{"北斗IoTデータ基盤", "つばめデバイス管理クラウド", "IPIOT-050"} {
		if !strings.Contains(body, want) {
			t.Errorf("queue lacks %q", want)
		}
	}
	if n := text(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('svg[role=img]').length`)); n != 1 {
		t.Errorf("%d charts on the queue", n)
	}
	steps(t, ctx, chromedp.Navigate(base+"/applications/2/review"), chromedp.WaitVisible(chromedp.CSS(`#state`)))
	screenshot(t, ctx, "review-inquiry")
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#state`))); got != "照会への回答待ち" {
		t.Errorf("sample 2 is %q", got)
	}
}

// clickAndWait clicks and waits for the next page (not the current one) to
// show waitSel: the old page is marked first, so a match on it cannot count.
func clickAndWait(t *testing.T, ctx context.Context, click, waitSel string) {
	t.Helper()
	steps(t, ctx, chromedp.Evaluate[chromedp.Void](`document.body.dataset.stale = "1"`),
		chromedp.Click(chromedp.CSS(click)), chromedp.WaitNotPresent(chromedp.CSS(`body[data-stale]`)),
		chromedp.WaitVisible(chromedp.CSS(waitSel)))
}
