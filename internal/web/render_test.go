package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service/accounts"
)

// TestUserTextIsEscaped: names people type are shown as text, never markup.
func TestUserTextIsEscaped(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`
		_, err := s.Env.Svc.AddUser(context.Background(), nil, accounts.NewUser{Email: "evil@example.jp", Name: evil,
			Role: nintei.RoleOwner, Password: testenv.TestPassword, OrgName: evil + " 株式会社"})
		if err != nil {
			t.Fatal(err)
		}
		c := s.client()
		login(t, c, "evil@example.jp", testenv.TestPassword)
		for _, p := range []string{"/dashboard", "/account", "/members"} {
			r := c.get(t, p)
			if strings.Contains(r.Body, "<script>alert") || strings.Contains(r.Body, "<img src=x") {
				t.Errorf("GET %s renders the user's name as markup", p)
			}
			doc := r.doc(t)
			if doc.Find("script, img").Length() != 0 {
				t.Errorf("GET %s: the page has script or img elements", p)
			}
			if !strings.Contains(doc.Find("main").Text(), evil) {
				t.Errorf("GET %s does not show the name as text", p)
			}
		}
		token := c.csrf(t)
		r := c.postForm(t, "/account/tokens", url.Values{"csrf_token": {token}, "name": {evil}})
		if r.Status != http.StatusOK || strings.Contains(r.Body, "<script>alert") {
			t.Errorf("token named with markup: %d, escaped %v", r.Status, !strings.Contains(r.Body, "<script>alert"))
		}
	})
}

// TestFlashShowsOnlyCatalogMessages: the flash cookie carries a message
// key, so a forged cookie cannot put arbitrary text on the page.
func TestFlashShowsOnlyCatalogMessages(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	u, _ := url.Parse(s.URL)
	tests := []struct{ value, want string }{
		{"flash.logout", s.ja("flash.logout", nil)},
		{url.QueryEscape("<b>Your account is locked, call +1 555</b>"), ""},
		{"no.such.key", ""},
	}
	for _, tt := range tests {
		c := s.client()
		c.jar.SetCookies(u, []*http.Cookie{{Name: flashCookie, Value: tt.value, Path: "/"}})
		r := c.get(t, "/")
		if got := flashText(r.doc(t)); got != tt.want {
			t.Errorf("flash cookie %q shows %q, want %q", tt.value, got, tt.want)
		}
		if ck := r.setCookie(flashCookie); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("flash cookie %q not consumed: %+v", tt.value, ck)
		}
	}
}

// TestEditionListsAreTranslated: edition titles and statuses follow the
// page's language wherever an edition is listed.
func TestEditionListsAreTranslated(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	c := s.client()
	login(t, c, "owner@example.jp", testenv.TestPassword)

	editions := strings.TrimSpace(c.getPage(t, "/dashboard", http.StatusOK).Find(`section[aria-labelledby="h-editions"] li`).Text())
	if strings.HasSuffix(editions, "· draft") || !strings.Contains(editions, s.ja("catalog.status.draft", nil)) {
		t.Errorf("dashboard edition list %q shows the raw status. BUG: the \"editions\" template in "+
			"web/templates/dashboard.html prints {{.Status}} instead of the catalog.status.* message", editions)
	}

	c.postForm(t, "/lang", url.Values{"lang": {"en"}, "csrf_token": {c.csrf(t)}})
	doc := c.getPage(t, "/catalog/"+builtinEdition, http.StatusOK)
	h1 := strings.TrimSpace(doc.Find("h1").Text())
	if title := doc.Find("title").Text(); !strings.HasPrefix(title, h1) {
		t.Errorf("English page: <title> %q does not start with the heading %q. BUG: the \"title\" block of "+
			"web/templates/catalog.html always uses .Edition.TitleJA", title, h1)
	}
}
