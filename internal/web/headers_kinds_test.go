package web

import (
	"net/http"
	"net/url"
	"testing"

	"nintei/internal/testenv"
)

// Every kind of response, through the real router, carries
// Cross-Origin-Resource-Policy: same-origin (nothing is for other sites to
// embed) and X-Permitted-Cross-Domain-Policies: none, and the Cache-Control
// of its kind: open data (registry CSV, comparison CSV, the feeds) may be
// cached five minutes; a signed-in user's downloads (PDFs, the mark, the
// audit CSV) never; pages, the API, probes and errors default to no-store;
// the static files a day.
func TestHeadersByResponseKind(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	number := certifiedService(t, s)
	esc := url.PathEscape(number)
	anon, staff := s.client(), s.loginAs(t, "secretariat")
	owner := s.client()
	login(t, owner, "owner@a.example.jp", testenv.TestPassword)
	tests := []struct {
		c      *client
		path   string
		status int
		cache  string
	}{
		{anon, "/registry", 200, "no-store"},
		{anon, "/registry/" + esc, 200, "no-store"},
		{anon, "/registry.csv", 200, "public, max-age=300"},
		{anon, "/compare.csv?n=" + url.QueryEscape(number), 200, "public, max-age=300"},
		{anon, "/registry/feed.atom", 200, "public, max-age=300"},
		{anon, "/registry/" + esc + "/feed.atom", 200, "public, max-age=300"},
		{anon, "/healthz", 200, "no-store"},
		{anon, "/readyz", 200, "no-store"},
		{anon, "/api/v1/registry", 200, "no-store"},
		{anon, "/api/v1/openapi.json", 200, "no-store"},
		{anon, "/static/style.css", 200, "public, max-age=86400"},
		{anon, "/no-such-page", 404, "no-store"},
		{anon, "/dashboard", 303, "no-store"},
		{staff, "/audit.csv", 200, "private, no-store"},
		{owner, "/applications/1/certificate.pdf", 200, "private, no-store"},
		{owner, "/applications/1/invoices/INV-2026-0001", 200, "private, no-store"},
		{owner, "/applications/1/mark.svg", 200, "private, no-store"},
		{owner, "/applications/1/mark.png", 200, "private, no-store"},
	}
	for _, tt := range tests {
		for round := range 2 { // the second anonymous GET of public data comes from the cache
			r := tt.c.get(t, tt.path)
			if r.Status != tt.status {
				t.Errorf("GET %s = %d, want %d", tt.path, r.Status, tt.status)
			}
			for name, want := range map[string]string{"Cross-Origin-Resource-Policy": "same-origin",
				"X-Permitted-Cross-Domain-Policies": "none", "Cache-Control": tt.cache} {
				if got := r.Header.Values(name); len(got) != 1 || got[0] != want {
					t.Errorf("GET %s (%d): %s = %q, want %q", tt.path, round, name, got, want)
				}
			}
		}
	}
}

// Logging out tells the browser to forget what it kept of the session:
// cache and storage (Clear-Site-Data; the session cookie is expired by
// Set-Cookie, see logOut); other responses do not.
func TestLogoutClearsSiteData(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	c := s.loginAs(t, "reviewer")
	if got := c.get(t, "/dashboard").Header.Get("Clear-Site-Data"); got != "" {
		t.Errorf("a page clears site data: %q", got)
	}
	r := c.postForm(t, "/logout", url.Values{"csrf_token": {c.csrf(t)}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Clear-Site-Data") != `"cache", "storage"` ||
		r.setCookie("nintei_session") == nil || r.setCookie("nintei_session").MaxAge >= 0 {
		t.Errorf("logout = %d, Clear-Site-Data %q", r.Status, r.Header.Get("Clear-Site-Data"))
	}
}
