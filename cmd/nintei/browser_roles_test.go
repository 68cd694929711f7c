package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// roleDay is one person's working day in the demo: who logs in, the pages
// they open from the menu, and the links they follow from those pages
// (found on the page, as a person would click them).
type roleDay struct {
	name, email string
	paths       []string
	follow      []string // CSS selectors of links on the dashboard to open too
}

var roleDays = []roleDay{
	{"provider", "owner@hokuto-data.example.jp", []string{"/dashboard", "/applications", "/members", "/account"},
		[]string{`main a[href^="/applications/"]`}},
	{"secretariat", secretariat, []string{"/dashboard", "/applications", "/applications?overdue=1", "/queue", "/returns", "/incidents", "/audit", "/applications/2/decision"},
		[]string{`main a[href$="/review"], main a[href*="/review#"]`}},
	{"reviewer", "shinsa@nintei.example.jp", []string{"/dashboard", "/applications"},
		[]string{`main a[href$="/review"]`}},
	{"committee", "iin@nintei.example.jp", []string{"/dashboard", "/applications"}, nil},
	{"admin", "admin@nintei.example.jp", []string{"/dashboard", "/admin/users", "/audit", "/audit?show=views", "/admin/catalog/import", "/catalog", "/admin/clock"}, nil},
}

// TestBrowserEveryRolesDay walks each role's day through its screens in
// Chromium (issue 16): the dashboard that shows the person's work, the
// lists and the page the work leads to. On every page axe-core finds no
// violation of any impact, and at 390 px the page does not scroll
// sideways. With NINTEI_SCREENSHOTS set, each page is saved at 1280 and
// 390 px for a person to look at.
func TestBrowserEveryRolesDay(t *testing.T) {
	ctx := browser(t)
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	must(t, chromedp.Do(ctx, bypassCSP))
	for _, day := range roleDays {
		login(t, ctx, base, day.email)
		paths := append([]string{}, day.paths...)
		steps(t, ctx, chromedp.Navigate(base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		for _, sel := range day.follow {
			if href := firstHref(t, ctx, sel); href != "" {
				paths = append(paths, href)
			} else {
				t.Errorf("%s: the dashboard has no link %s", day.name, sel)
			}
		}
		for _, p := range paths {
			readRolePage(t, ctx, base, day.name, p)
		}
		logout(t, ctx)
	}
}

// readRolePage opens a page at 1280 px, checks it with axe-core, then reads it
// at 390 px: its width must be the phone's.
func readRolePage(t *testing.T, ctx context.Context, base, who, path string) {
	t.Helper()
	name := who + strings.NewReplacer("/", "_", "?", "_", "=", "-", "#", "_").Replace(path)
	steps(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	if lang := text(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); lang != "ja" {
		t.Errorf("%s: page in %q, want Japanese", name, lang)
	}
	screenshot(t, ctx, name+"-1280")
	for _, v := range checkAxe(t, ctx).Violations {
		t.Errorf("%s: %s (%s) %s\n\t%s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
	steps(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	screenshot(t, ctx, name+"-390")
	width := text(t, ctx, chromedp.Evaluate[string](`document.documentElement.scrollWidth + " " + window.innerWidth`))
	var scroll, inner int
	if _, err := fmt.Sscan(width, &scroll, &inner); err != nil || scroll > inner {
		t.Errorf("%s at 390 px: the page is %s px wide (scroll, window)", name, width)
	}
	steps(t, ctx, chromedp.EmulateViewport(1280, 900))
}

// firstHref is the address of the first link matching sel, or "".
func firstHref(t *testing.T, ctx context.Context, sel string) string {
	return text(t, ctx, chromedp.Evaluate[string](`(document.querySelector(`+jsString(sel)+`) || {getAttribute: () => ""}).getAttribute("href") || ""`))
}
