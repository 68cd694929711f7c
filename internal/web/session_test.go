package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/testenv"
	"nintei/internal/web/request"
)

func TestHomeIsJapaneseAndSwitchesToEnglish(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	c := s.client()

	doc := c.getPage(t, "/", http.StatusOK)
	if got, want := doc.Find("html").AttrOr("lang", ""), "ja"; got != want {
		t.Errorf(`<html lang> = %q, want %q`, got, want)
	}
	if got := doc.Find(`a.skip-link[href="#main"]`).Length(); got != 1 {
		t.Errorf("skip links to #main = %d, want 1", got)
	}
	if got := doc.Find("main#main").Length(); got != 1 {
		t.Errorf(`<main id="main"> count = %d, want 1`, got)
	}
	if got, want := doc.Find("nav").AttrOr("aria-label", ""), s.ja("layout.nav", nil); got != want {
		t.Errorf("nav aria-label = %q, want %q", got, want)
	}
	if got, want := strings.TrimSpace(doc.Find("h1").Text()), s.ja("home.title", nil); got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}

	r := c.postForm(t, "/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	if r.Status != http.StatusSeeOther || r.location() != "/" {
		t.Fatalf("POST /lang = %d to %q, want 303 to /", r.Status, r.location())
	}
	doc = c.getPage(t, "/", http.StatusOK)
	if got, want := doc.Find("html").AttrOr("lang", ""), "en"; got != want {
		t.Errorf(`after switching, <html lang> = %q, want %q`, got, want)
	}
	if got, want := strings.TrimSpace(doc.Find("h1").Text()), s.en("home.title", nil); got != want {
		t.Errorf("after switching, h1 = %q, want %q", got, want)
	}
	if got, want := doc.Find("nav").AttrOr("aria-label", ""), s.en("layout.nav", nil); got != want {
		t.Errorf("after switching, nav aria-label = %q, want %q", got, want)
	}

	// An off-site next is ignored by the language switch too.
	r = c.postForm(t, "/lang", url.Values{"lang": {"ja"}, "next": {"//evil.example/"}})
	if r.Status != http.StatusSeeOther || r.location() != "/dashboard" {
		t.Errorf("POST /lang next=//evil.example = %d to %q, want 303 to /dashboard", r.Status, r.location())
	}
}

func TestLoginWrongPassword(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		c := s.client()

		r := c.postForm(t, "/login", url.Values{"email": {"owner@example.jp"}, "password": {"wrong password!"}})
		if got, want := r.Status, http.StatusUnauthorized; got != want {
			t.Fatalf("status = %d, want %d", got, want)
		}
		doc := r.doc(t)
		if got, want := alertText(doc), "メールアドレスまたはパスワードが正しくありません。"; got != want {
			t.Errorf("alert = %q, want %q", got, want)
		}
		if got, want := doc.Find("input#email").AttrOr("value", ""), "owner@example.jp"; got != want {
			t.Errorf("e-mail field = %q, want %q (kept)", got, want)
		}
		if got := doc.Find("input#password").AttrOr("value", ""); got != "" {
			t.Errorf("password field = %q, want it empty", got)
		}
		if ck := r.setCookie(sessionCookie); ck != nil && ck.Value != "" {
			t.Errorf("failed login set a session cookie %q", ck.Value)
		}
		if got := c.sessionValue(); got != "" {
			t.Errorf("jar holds session %q after a failed login", got)
		}
	})
}

func TestLoginSetsSafeSessionCookie(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		c := s.client()

		// Case and spaces in the address do not matter.
		r := login(t, c, " Owner@Example.JP ", testenv.TestPassword)
		ck := r.setCookie(sessionCookie)
		if ck == nil || ck.Value == "" {
			t.Fatal("no session cookie after login")
		}
		if !ck.HttpOnly {
			t.Error("session cookie is not HttpOnly")
		}
		if got, want := ck.SameSite, http.SameSiteLaxMode; got != want {
			t.Errorf("SameSite = %v, want Lax", got)
		}
		if got, want := ck.Path, "/"; got != want {
			t.Errorf("Path = %q, want %q", got, want)
		}
		if ck.Secure {
			t.Error("Secure set although Options.SecureCookies is false")
		}
		doc := c.getPage(t, "/dashboard", http.StatusOK)
		if got, want := flashText(doc), s.ja("flash.login", nil); got != want {
			t.Errorf("flash = %q, want %q", got, want)
		}

		secure := newTestSiteWith(t, b, Options{SecureCookies: true})
		secure.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		r = secure.client().postForm(t, "/login", url.Values{"email": {"owner@example.jp"}, "password": {testenv.TestPassword}})
		if ck := r.setCookie(request.HostSessionCookie); ck == nil || !ck.Secure {
			t.Errorf("with SecureCookies the session cookie = %+v, want %s, Secure", ck, request.HostSessionCookie)
		}
	})
}

// TestLoginRotatesSession logs in twice in one browser: the second login
// must issue a new token and end the old session (no session fixation).
func TestLoginRotatesSession(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		c := s.client()
		login(t, c, "owner@example.jp", testenv.TestPassword)
		first := c.sessionValue()

		r := c.postForm(t, "/login", url.Values{"email": {"owner@example.jp"}, "password": {testenv.TestPassword},
			"csrf_token": {c.csrf(t)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("second login in the same browser = %d, want 303", r.Status)
		}
		second := c.sessionValue()
		if second == "" || second == first {
			t.Fatalf("session after second login = %q, want a new value (first %q)", second, first)
		}
		old := s.client()
		old.setSession(first)
		if r := old.get(t, "/dashboard"); r.Status != http.StatusSeeOther {
			t.Errorf("old session cookie: GET /dashboard = %d, want 303 to login", r.Status)
		}
		c.getPage(t, "/dashboard", http.StatusOK)
	})
}

// TestLoginFormFromBeforeLogin: two tabs show the login form (say, after the
// session expired); the user logs in in the first; submitting the second
// tab's form, rendered without a session and so without a CSRF token, must
// still log in rather than fail.
func TestLoginFormFromBeforeLogin(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	c := s.client()
	tab1 := c.getPage(t, "/login?next=%2Faccount", http.StatusOK)
	tab2 := c.getPage(t, "/login?next=%2Fmembers", http.StatusOK)
	creds := url.Values{"email": {"owner@example.jp"}, "password": {testenv.TestPassword}}
	if r := submitForm(t, c, tab1, `form[action="/login"]`, creds); r.Status != http.StatusSeeOther || r.location() != "/account" {
		t.Fatalf("first tab login = %d to %q, want 303 to /account", r.Status, r.location())
	}
	r := submitForm(t, c, tab2, `form[action="/login"]`, creds)
	if r.Status != http.StatusSeeOther || r.location() != "/members" {
		t.Errorf("second tab login = %d to %q, want 303 to /members. BUG: wrap (web/access.go) demands a CSRF "+
			"token on the public POST /login as soon as the browser has a session, but a login form rendered "+
			"before that session existed has none, so the user gets %q", r.Status, r.location(), alertText(r.doc(t)))
	}
}

func TestLoginNextStaysOnSite(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	tests := []struct{ next, want string }{
		{"", "/dashboard"},
		{"/account", "/account"},
		{"/catalog?x=1", "/catalog?x=1"},
		{"//evil.example", "/dashboard"},
		{"https://evil.example", "/dashboard"},
		{`/\evil.example`, "/dashboard"},
		{"javascript:alert(1)", "/dashboard"},
	}
	for _, tt := range tests {
		r := s.client().postForm(t, "/login", url.Values{"email": {"owner@example.jp"},
			"password": {testenv.TestPassword}, "next": {tt.next}})
		if got := r.location(); r.Status != http.StatusSeeOther || got != tt.want {
			t.Errorf("login with next=%q: %d to %q, want 303 to %q", tt.next, r.Status, got, tt.want)
		}
	}
	// The login page carries next from the query into the form.
	doc := s.client().getPage(t, "/login?next=%2Faccount", http.StatusOK)
	if got, want := doc.Find(`form[action="/login"] input[name="next"]`).AttrOr("value", ""), "/account"; got != want {
		t.Errorf("login form next = %q, want %q", got, want)
	}
}

func TestLoginThrottle(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		s.Env.AddUser(t, "other@example.jp", nintei.RoleOwner, "別の事業者")
		c := s.client()
		bad := url.Values{"email": {"owner@example.jp"}, "password": {"not the password"}}
		for i := range 10 {
			if r := c.postForm(t, "/login", bad); r.Status != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d, want 401", i+1, r.Status)
			}
		}
		good := url.Values{"email": {"owner@example.jp"}, "password": {testenv.TestPassword}}
		r := c.postForm(t, "/login", good)
		if got, want := r.Status, http.StatusTooManyRequests; got != want {
			t.Fatalf("11th attempt with the right password = %d, want %d", got, want)
		}
		if got, want := alertText(r.doc(t)), s.ja("error.login.throttled", map[string]any{"Minutes": 15}); got != want {
			t.Errorf("alert = %q, want %q", got, want)
		}
		if r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After. BUG: logIn (web/ui/public/ui_session.go) renders the throttled login page itself, " +
				"bypassing fail (web/errors.go), the only place that sets Retry-After for KindTooMany")
		}
		if c.sessionValue() != "" {
			t.Error("throttled login set a session")
		}

		login(t, s.client(), "other@example.jp", testenv.TestPassword) // another account is unaffected

		s.Env.Clock.Advance(15*time.Minute + time.Second)
		login(t, c, "owner@example.jp", testenv.TestPassword)
	})
}

func TestLogout(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		c := s.client()
		login(t, c, "owner@example.jp", testenv.TestPassword)
		token := c.csrf(t)
		cookie := c.sessionValue()

		for _, form := range []url.Values{{}, {"csrf_token": {"forged"}}} {
			if r := c.postForm(t, "/logout", form); r.Status != http.StatusForbidden {
				t.Errorf("logout with csrf_token=%q = %d, want 403", form.Get("csrf_token"), r.Status)
			}
		}
		c.getPage(t, "/dashboard", http.StatusOK) // still logged in

		r := c.postForm(t, "/logout", url.Values{"csrf_token": {token}})
		if r.Status != http.StatusSeeOther || r.location() != "/" {
			t.Fatalf("logout = %d to %q, want 303 to /", r.Status, r.location())
		}
		if got, want := flashText(c.getPage(t, "/", http.StatusOK)), s.ja("flash.logout", nil); got != want {
			t.Errorf("flash = %q, want %q", got, want)
		}
		old := s.client()
		old.setSession(cookie)
		r = old.get(t, "/dashboard")
		if got, want := r.location(), "/login?next=%2Fdashboard"; r.Status != http.StatusSeeOther || got != want {
			t.Errorf("old cookie after logout: GET /dashboard = %d to %q, want 303 to %q", r.Status, got, want)
		}
	})
}

func TestExpiredSession(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
		c := s.client()
		login(t, c, "owner@example.jp", testenv.TestPassword)
		s.Env.Clock.Advance(11 * time.Hour)
		c.getPage(t, "/account", http.StatusOK) // use slides the idle expiry
		s.Env.Clock.Advance(11 * time.Hour)
		c.getPage(t, "/account", http.StatusOK)

		stale := c.sessionValue()
		s.Env.Clock.Advance(12*time.Hour + time.Minute)
		r := c.get(t, "/dashboard")
		if got, want := r.location(), "/login?next=%2Fdashboard"; r.Status != http.StatusSeeOther || got != want {
			t.Fatalf("expired session: GET /dashboard = %d to %q, want 303 to %q", r.Status, got, want)
		}
		if ck := r.setCookie(sessionCookie); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("expired session cookie not cleared: %+v", ck)
		}
		doc := c.getPage(t, r.location(), http.StatusOK)
		if got, want := flashText(doc), "ログインの有効期限が切れました"; !strings.Contains(got, want) {
			t.Errorf("login page flash = %q, want it to contain %q", got, want)
		}
		if got, want := doc.Find(`form[action="/login"] input[name="next"]`).AttrOr("value", ""), "/dashboard"; got != want {
			t.Errorf("login form next = %q, want %q", got, want)
		}

		// On a public page a stale cookie is dropped silently; on the API it is a 401.
		old := s.client()
		old.setSession(stale)
		if r := old.get(t, "/catalog"); r.Status != http.StatusOK {
			t.Errorf("stale cookie on a public page: %d, want 200", r.Status)
		}
		old.setSession(stale)
		s.wantAPIError(t, old.get(t, "/api/v1/me"), http.StatusUnauthorized, "error.session.expired")
	})
}
