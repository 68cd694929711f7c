package web

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/testenv"
)

// page is one rendered page to check, with a name for messages.
type page struct {
	name string
	doc  *goquery.Document
}

// TestAccessibilityBasics renders every page each role (and the public)
// can reach, in both languages, plus the pages that show form errors, and
// checks the basics every page must have.
func TestAccessibilityBasics(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		var pages []page
		add := func(name string, r reply) {
			if (r.Status >= 300 && r.Status < 400) || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
				return // redirects and refusals are covered elsewhere
			}
			pages = append(pages, page{name, r.doc(t)})
		}

		owner := s.loginAs(t, nintei.RoleOwner)
		if r := invite(t, owner, "a11y@example.jp"); r.Status != http.StatusSeeOther {
			t.Fatalf("invite = %d", r.Status)
		}
		token := inviteToken(t, s, 0)

		who := map[string]*client{"public": s.client()}
		for _, r := range nintei.Roles {
			who[string(r)] = s.loginAs(t, r)
		}
		for name, c := range who {
			for _, lang := range []string{"ja", "en"} {
				c.postForm(t, "/lang", url.Values{"lang": {lang}, "csrf_token": {csrfOrEmpty(t, c, name)}})
				for _, rt := range s.Srv.routes {
					if rt.method != http.MethodGet || strings.HasPrefix(rt.path, "/api/") {
						continue
					}
					p := concretePath(rt.path, token)
					add(name+" "+lang+" "+p, c.get(t, p))
				}
				add(name+" "+lang+" /audit?verify=1", c.get(t, "/audit?verify=1"))
				add(name+" "+lang+" 404", c.get(t, "/no-such-page"))
			}
		}

		public := s.client()
		add("login error", public.postForm(t, "/login", url.Values{"email": {"x@example.jp"}, "password": {"wrong"}}))
		add("invitation error", public.postForm(t, "/invite/"+token, url.Values{"name": {"x"}, "password": {"a"}, "confirm": {"b"}}))
		add("invitation used", public.get(t, "/invite/unknown"))
		add("members error", invite(t, owner, "not an address"))
		add("account error", owner.postForm(t, "/account/password", url.Values{"csrf_token": {owner.csrf(t)}, "current": {"x"}}))
		add("account new token", owner.postForm(t, "/account/tokens", url.Values{"csrf_token": {owner.csrf(t)}, "name": {"a11y"}}))
		admin := who[string(nintei.RoleAdmin)]
		add("import problems", uploadEdition(t, admin, brokenEdition))
		add("import done", uploadEdition(t, admin, miniEdition))
		add("import conflict", uploadEdition(t, admin, miniEditionChanged))
		add("forbidden", owner.get(t, "/audit"))

		if len(pages) < 60 {
			t.Errorf("only %d pages rendered; the crawl is broken", len(pages))
		}
		for _, p := range pages {
			checkA11y(t, s, p)
		}
	})
}

// csrfOrEmpty is the session's token for a logged-in client, "" for the public.
func csrfOrEmpty(t *testing.T, c *client, name string) string {
	if name == "public" {
		return ""
	}
	return c.csrf(t)
}

var keyLike = regexp.MustCompile(`[a-z_]+(?:\.[a-z_]+)+`)

func checkA11y(t *testing.T, s *site, p page) {
	t.Helper()
	doc := p.doc
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{p.name}, args...)...)
	}
	if lang := doc.Find("html").AttrOr("lang", ""); lang != "ja" && lang != "en" {
		fail("<html lang=%q>", lang)
	}
	if n := doc.Find("h1").Length(); n != 1 {
		fail("%d <h1>, want 1", n)
	}
	if strings.TrimSpace(doc.Find("title").Text()) == "" {
		fail("empty <title>")
	}
	if n := doc.Find("main#main").Length(); n != 1 {
		fail(`%d <main id="main">, want 1`, n)
	}
	if doc.Find("nav").Length() == 0 || doc.Find("nav").AttrOr("aria-label", "") == "" {
		fail("no navigation landmark with an aria-label")
	}

	ids := map[string]int{}
	doc.Find("[id]").Each(func(_ int, e *goquery.Selection) { ids[e.AttrOr("id", "")]++ })
	for id, n := range ids {
		if n > 1 || id == "" {
			fail("id %q used %d times", id, n)
		}
	}
	labelled := map[string]bool{}
	doc.Find("label[for]").Each(func(_ int, e *goquery.Selection) {
		id := e.AttrOr("for", "")
		labelled[id] = true
		if ids[id] == 0 {
			fail("label for=%q names no element", id)
		}
	})
	doc.Find("input, select, textarea").Each(func(_ int, e *goquery.Selection) {
		switch e.AttrOr("type", "text") {
		case "hidden", "submit", "button", "reset":
			return
		}
		id := e.AttrOr("id", "")
		if !(id != "" && labelled[id]) && e.AttrOr("aria-label", "") == "" && e.AttrOr("aria-labelledby", "") == "" {
			fail("<%s name=%q> has no label", goquery.NodeName(e), e.AttrOr("name", ""))
		}
	})
	doc.Find("button").Each(func(_ int, e *goquery.Selection) {
		if strings.TrimSpace(e.Text()) == "" && e.AttrOr("aria-label", "") == "" {
			fail("button without a name")
		}
	})
	doc.Find("[aria-describedby], [aria-labelledby]").Each(func(_ int, e *goquery.Selection) {
		for _, attr := range []string{"aria-describedby", "aria-labelledby"} {
			for _, id := range strings.Fields(e.AttrOr(attr, "")) {
				if ids[id] == 0 {
					fail("%s=%q names no element", attr, id)
				}
			}
		}
	})

	var first *goquery.Selection
	doc.Find("a[href], button, input, select, textarea, [tabindex]").EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if e.AttrOr("type", "") == "hidden" || e.AttrOr("tabindex", "") == "-1" {
			return true
		}
		first = e
		return false
	})
	if first == nil || !first.HasClass("skip-link") || first.AttrOr("href", "") != "#main" {
		var got string
		if first != nil {
			got, _ = goquery.OuterHtml(first)
		}
		fail("first focusable element is %q, want the skip link to #main", got)
	}

	// A missing translation shows its key; none may appear in the text.
	var text bytes.Buffer
	// Field paths, item IDs and hashes are shown in <code>: data, not messages.
	doc.Find("title, body, body *").Not("code, code *").Each(func(_ int, e *goquery.Selection) {
		e.Contents().Each(func(_ int, c *goquery.Selection) {
			if goquery.NodeName(c) == "#text" {
				text.WriteString(" " + c.Text())
			}
		})
	})
	doc.Find("[aria-label]").Each(func(_ int, e *goquery.Selection) { text.WriteString(" " + e.AttrOr("aria-label", "")) })
	for _, m := range keyLike.FindAllString(text.String(), -1) {
		if s.Env.Msgs.Has(m) {
			fail("untranslated message key %q in the page", m)
		}
		for prefix := range dynamicValues() {
			if strings.HasPrefix(m, prefix) {
				fail("untranslated message key %q in the page", m)
			}
		}
	}
}
