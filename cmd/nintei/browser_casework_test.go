package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCasework: the secretariat filters the application list to
// the applications waiting for an inquiry's answer, opens the one listed
// and assigns the demo reviewer; the reviewer finds it first on their
// dashboard with its assessment progress. axe-core checks each page
// (serious and critical violations fail).
func TestBrowserCasework(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	must(t, chromedp.Do(ctx, bypassCSP))
	axeClean := func(name string) {
		t.Helper()
		for _, v := range checkAxe(t, ctx).Violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: %s (%s) %s\n\t%s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
		}
	}

	login(t, ctx, base, secretariat)
	steps(t, ctx, chromedp.Navigate(base+"/applications"), chromedp.WaitVisible(chromedp.CSS(`#applist`)),
		chromedp.SetValue(chromedp.CSS(`#f-state`), "inquiry"))
	clickAndWait(t, ctx, `form[role=search] .filter-actions button[type=submit]`, `#applist caption`)
	if got := text(t, ctx, chromedp.Text(chromedp.CSS(`#applist caption`))); !strings.HasPrefix(got, "申請一覧（照会への回答待ち、") {
		t.Fatalf("caption after filtering = %q", got)
	}
	screenshot(t, ctx, "casework-list")
	axeClean("application list")
	href := text(t, ctx, chromedp.Evaluate[string](`document.querySelector('#applist tbody th a').getAttribute('href')`))
	steps(t, ctx, chromedp.Navigate(base+href), chromedp.WaitVisible(chromedp.CSS(`#reviewers`)))
	uid := text(t, ctx, chromedp.Evaluate[string](
		`[...document.querySelectorAll('#assign-reviewer option')].find(o => o.textContent.includes('`+reviewer+`')).value`))
	steps(t, ctx, chromedp.SetValue(chromedp.CSS(`#assign-reviewer`), uid))
	clickAndWait(t, ctx, `#reviewers form[action$="/reviewers"] button[type=submit]`, `#reviewer-list`)
	screenshot(t, ctx, "casework-assigned")
	axeClean("review page with a reviewer assigned")
	logout(t, ctx)

	login(t, ctx, base, reviewer)
	steps(t, ctx, chromedp.Navigate(base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#reviewer-work`)))
	first := text(t, ctx, chromedp.Evaluate[string](`(document.querySelector('#reviewer-work .worklist li') || {textContent: ""}).textContent`))
	if !strings.Contains(first, "評価済み") || !strings.Contains(text(t, ctx, chromedp.Evaluate[string](
		`(document.querySelector('#reviewer-work .worklist li a') || {href: ""}).href`)), strings.TrimSuffix(href, "/review")) {
		t.Errorf("the reviewer's first assignment = %q, want %s with its progress", first, href)
	}
	screenshot(t, ctx, "casework-reviewer-dashboard")
	axeClean("reviewer's dashboard")
}
