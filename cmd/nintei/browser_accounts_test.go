package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"nintei/internal/mail/smtptest"
	"nintei/tools/demo"
)

// mailedLink is the path of the first link matching re in the newest mail
// to to (the demo, listening on port 0, writes its links with that port).
func mailedLink(t *testing.T, sink *smtptest.Sink, to string, re *regexp.Regexp) string {
	t.Helper()
	link := func(msgs []smtptest.Message) string {
		for i := len(msgs) - 1; i >= 0; i-- {
			if len(msgs[i].To) > 0 && msgs[i].To[0] == to {
				if m := re.FindString(msgs[i].Raw); m != "" {
					return m
				}
			}
		}
		return ""
	}
	msgs := sink.Await(mailWait, func(msgs []smtptest.Message) bool { return link(msgs) != "" })
	if m := link(msgs); m != "" {
		return m
	}
	t.Fatalf("no mail to %s with a link like %s among %d", to, re, len(msgs))
	return ""
}

// axeClean fails the test on a serious or critical axe-core violation of
// the page the browser shows (the check of TestBrowserAccessibilityAxe).
func axeClean(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, v := range checkAxe(t, ctx).Violations {
		msg := fmt.Sprintf("%s: %s (%s) %s\n\t%s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// TestBrowserAccounts: the administrator invites a reviewer from the users
// page; the reviewer joins through the mailed link; later they have
// forgotten the password, ask for a reset from the login page, set a new
// password through the mailed link and log in with it. axe-core checks
// the users page, the reset request and the reset form.
func TestBrowserAccounts(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	sink := smtptest.Start(t)
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0",
		"--smtp-host", sink.Host(), "--smtp-port", itoa(sink.Port()), "--smtp-tls", "none", "--job-poll", "200ms", "--mail-from", "nintei@body.example.jp"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	must(t, chromedp.Do(ctx, bypassCSP))
	const newcomer = "shinnin@nintei.example.jp"

	login(t, ctx, base, demo.Accounts[0].Email) // 管理 花子, the administrator
	clickAndWait(t, ctx, `nav.main a[href="/admin/users"]`, `#invite-email`)
	axeClean(t, ctx, "users page")
	screenshot(t, ctx, "admin-users")
	steps(t, ctx, chromedp.SendKeys(chromedp.CSS(`#invite-email`), newcomer),
		chromedp.SetValue(chromedp.CSS(`#invite-role`), "reviewer"))
	clickAndWait(t, ctx, `form[action="/admin/users/invite"] button[type=submit]`, `main [role=status]`)
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`main [role=status]`))); got != "招待メールを送信しました。" {
		t.Errorf("flash = %q", got)
	}
	logout(t, ctx)

	invite := mailedLink(t, sink, newcomer, regexp.MustCompile(`/invite/[A-Za-z0-9_-]+`))
	steps(t, ctx, chromedp.Navigate(base+invite), chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), "新任 審査員"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "first password 2026"),
		chromedp.SendKeys(chromedp.CSS(`#confirm`), "first password 2026"))
	clickAndWait(t, ctx, `main form button[type=submit]`, `main .lead`)
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`header .tools span`))); !strings.Contains(got, "審査員") {
		t.Errorf("header = %q, want the new reviewer", got)
	}
	logout(t, ctx)

	steps(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`#forgot-link`)))
	clickAndWait(t, ctx, `#forgot-link`, `#email`)
	axeClean(t, ctx, "reset request")
	screenshot(t, ctx, "reset-request")
	steps(t, ctx, chromedp.SendKeys(chromedp.CSS(`#email`), newcomer))
	clickAndWait(t, ctx, `main form button[type=submit]`, `#reset-sent`)
	link := mailedLink(t, sink, newcomer, regexp.MustCompile(`/password/reset/[A-Za-z0-9_-]+`))
	steps(t, ctx, chromedp.Navigate(base+link), chromedp.WaitVisible(chromedp.CSS(`#password`)))
	axeClean(t, ctx, "reset form")
	screenshot(t, ctx, "reset-form")
	steps(t, ctx, chromedp.SendKeys(chromedp.CSS(`#password`), "new password 2026!"),
		chromedp.SendKeys(chromedp.CSS(`#confirm`), "new password 2026!"))
	clickAndWait(t, ctx, `main form button[type=submit]`, `main [role=status]`)
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`main [role=status]`))); got != "パスワードを設定しました。新しいパスワードでログインしてください。" {
		t.Errorf("flash = %q", got)
	}
	steps(t, ctx, chromedp.SendKeys(chromedp.CSS(`#email`), newcomer),
		chromedp.SendKeys(chromedp.CSS(`#password`), "new password 2026!"))
	clickAndWait(t, ctx, `main form button[type=submit]`, `main .lead`)
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`main h1`))); got != "ダッシュボード" {
		t.Errorf("after logging in with the new password: %q", got)
	}
	steps(t, ctx, chromedp.Navigate(base+link), chromedp.WaitVisible(chromedp.CSS(`#reset-invalid`)))
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#reset-invalid`))); !strings.Contains(got, "すでに使われています") {
		t.Errorf("reused link: %q", got)
	}
}
