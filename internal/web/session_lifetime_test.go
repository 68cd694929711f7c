package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/testenv"
	"nintei/internal/web/request"
)

// A session in constant use still ends seven days (the default
// SessionLifetime) after its login; the idle expiry alone would keep it.
func TestSessionEndsAfterItsLifetime(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		c := s.client()
		login(t, c, "owner@example.jp", testenv.TestPassword)
		// Used every 11 hours (within the 12-hour idle expiry) for 6 days
		// and 21 hours: still signed in.
		for i := 0; i < 15; i++ {
			s.Env.Clock.Advance(11 * time.Hour)
			c.getPage(t, "/account", http.StatusOK)
		}
		s.Env.Clock.Advance(3*time.Hour - time.Minute)
		c.getPage(t, "/account", http.StatusOK) // 1 minute before the end
		s.Env.Clock.Advance(time.Minute)
		r := c.get(t, "/dashboard")
		if got, want := r.location(), "/login?next=%2Fdashboard"; r.Status != http.StatusSeeOther || got != want {
			t.Fatalf("7 days after the login: GET /dashboard = %d to %q, want 303 to %q", r.Status, got, want)
		}
		// A new login starts a new lifetime.
		login(t, c, "owner@example.jp", testenv.TestPassword)
		s.Env.Clock.Advance(11 * time.Hour)
		c.getPage(t, "/account", http.StatusOK)
	})
}

// newTLSSite is newTestSiteWith served over TLS, as a site whose base URL
// is https is; its clients trust the test certificate.
func newTLSSite(t *testing.T, b testenv.Backend, opts Options) (*site, *http.Client) {
	t.Helper()
	env := b.NewEnv(t)
	srv, err := New(env.Svc, env.Msgs, env.Log, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewTLSServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); _ = srv.Close() })
	return &site{URL: ts.URL, Env: env, Srv: srv}, ts.Client()
}

// Under https the session cookie is __Host-nintei_session (Secure, Path=/,
// no Domain) and every cookie the site sets is Secure; a session token in
// a cookie without the prefix is not read.
func TestHTTPSCookiesAreHostPrefixedAndSecure(t *testing.T) {
	s, tlsClient := newTLSSite(t, sqliteOnly(t), Options{SecureCookies: true})
	s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	c := s.client()
	c.hc.Transport = tlsClient.Transport
	var seen []*http.Cookie
	keep := func(r reply) reply { seen = append(seen, r.Cookie...); return r }

	r := keep(c.postForm(t, "/login", url.Values{"email": {"owner@example.jp"}, "password": {testenv.TestPassword}}))
	ck := r.setCookie("__Host-nintei_session")
	if ck == nil || ck.Value == "" {
		t.Fatalf("login over https set %v, want __Host-nintei_session", r.Cookie)
	}
	if !ck.Secure || ck.Path != "/" || ck.Domain != "" || !ck.HttpOnly {
		t.Errorf("session cookie = %+v, want Secure, Path=/, no Domain, HttpOnly", ck)
	}
	if r.setCookie(request.SessionCookie) != nil {
		t.Errorf("login also set the unprefixed %s", request.SessionCookie)
	}
	if r.setCookie(flashCookie) == nil {
		t.Errorf("login set no flash cookie: %v", r.Cookie)
	}
	doc := c.getPage(t, "/dashboard", http.StatusOK) // the jar sends the Secure cookie over https
	if got, want := flashText(doc), s.ja("flash.login", nil); got != want {
		t.Errorf("flash = %q, want %q", got, want)
	}
	keep(c.get(t, "/account"))
	keep(c.postForm(t, "/lang", url.Values{"lang": {"en"}, "next": {"/"}}))
	keep(c.postForm(t, "/logout", url.Values{"csrf_token": {csrfToken(t, c.getPage(t, "/account", http.StatusOK))}}))

	names := map[string]bool{}
	for _, ck := range seen {
		names[ck.Name] = true
		if !ck.Secure {
			t.Errorf("cookie %s set without Secure under https: %+v", ck.Name, ck)
		}
	}
	for _, want := range []string{"__Host-nintei_session", flashCookie, langCookie} {
		if !names[want] {
			t.Errorf("cookies set %v, want %s among them", names, want)
		}
	}

	// The token under the unprefixed name (as a subdomain could plant it)
	// does not sign anyone in.
	login(t, c, "owner@example.jp", testenv.TestPassword)
	token := ""
	u, _ := url.Parse(s.URL)
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == "__Host-nintei_session" {
			token = ck.Value
		}
	}
	plain := s.client()
	plain.hc.Transport = tlsClient.Transport
	plain.jar.SetCookies(u, []*http.Cookie{{Name: request.SessionCookie, Value: token, Path: "/"}})
	if r := plain.get(t, "/dashboard"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login") {
		t.Errorf("unprefixed cookie under https: GET /dashboard = %d to %q, want 303 to the login", r.Status, r.location())
	}
}
