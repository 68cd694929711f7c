package main

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPublicPagesOnPhone (issue 16): at 360 and 390 px no public
// page scrolls sideways — the registry list is a list of cards, a service
// page stacks item and answer, a comparison of three scrolls inside its
// own box with the item column fixed — and axe-core finds no serious or
// critical violation on them.
func TestBrowserPublicPagesOnPhone(t *testing.T) {
	ctx, _, base := startDemo(t)
	must(t, chromedp.Do(ctx, bypassCSP))
	steps(t, ctx, chromedp.Navigate(base+"/registry"), chromedp.WaitVisible(chromedp.CSS(`main table a[href^="/registry/"]`)))
	hrefs := text(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main table a[href^="/registry/"]')].map(a => a.getAttribute("href"))`))
	ended := text(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main tbody tr')].find(r => r.textContent.includes("取消し")).querySelector('a').getAttribute("href")`))
	if len(hrefs) < 3 || ended == "" {
		t.Fatalf("the demo registry lists %d services (ended: %q)", len(hrefs), ended)
	}
	var numbers []string
	for _, h := range hrefs[:3] {
		n, err := url.PathUnescape(strings.TrimPrefix(h, "/registry/"))
		must(t, err)
		numbers = append(numbers, n)
	}
	compare := "/compare?" + url.Values{"n": numbers}.Encode()
	pages := []struct{ name, path, wait string }{
		{"home", "/", `#verify-number`},
		{"registry list", "/registry", `main table a[href^="/registry/"]`},
		{"search", "/registry?q=" + url.QueryEscape("国内"), `main h1`},
		{"service page", hrefs[0], `#answers`},
		{"ended service page", ended, `#ended`},
		{"verification", "/verify/" + strings.TrimPrefix(ended, "/registry/"), `#verdict`},
		{"comparison of three", compare, `#comparison`},
		{"comparison of three, differing rows", compare + "&diff=1", `#comparison`},
	}
	for _, width := range []int64{360, 390} {
		for _, p := range pages {
			steps(t, ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
			sizes := text(t, ctx, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
			if sizes[0] != sizes[1] {
				t.Errorf("%s at %d px: scrollWidth %d != innerWidth %d", p.name, width, sizes[0], sizes[1])
			}
			if width != 390 {
				continue
			}
			screenshot(t, ctx, "phone-"+strings.ReplaceAll(p.name, " ", "-"))
			for _, v := range checkAxe(t, ctx).Violations {
				msg := fmt.Sprintf("%s at 390 px: %s (%s) %s\n\t%s", p.name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		}
	}
	// The comparison scrolls in its box, and its item column stays put.
	steps(t, ctx, chromedp.Navigate(base+compare), chromedp.WaitVisible(chromedp.CSS(`#comparison`)))
	box := text(t, ctx, chromedp.Evaluate[[]float64](`(() => { const b = document.querySelector('.scroll-x'), th = b.querySelector('tbody th[scope=row]');
		const before = th.getBoundingClientRect().left; b.scrollLeft = 200;
		return [b.scrollWidth, b.clientWidth, before, th.getBoundingClientRect().left, b.scrollLeft]; })()`))
	if box[0] <= box[1] || box[4] == 0 {
		t.Errorf("the comparison's box does not scroll: scrollWidth %v, clientWidth %v", box[0], box[1])
	}
	if box[2] != box[3] {
		t.Errorf("the item column moved from %v to %v when the comparison scrolled", box[2], box[3])
	}
}
