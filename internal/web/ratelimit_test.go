package web

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/testenv"
)

// Abuse limits (issue 8, item 7), through the real router. The server reads
// the test env's settable clock, so "after the window" is a clock move.

func TestLoginRateLimitPerName(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSiteWith(t, b, Options{Limits: Limits{LoginPerName: Rate{N: 3, Per: time.Minute}}})
		s.seedRoles(t)
		c := s.client()
		bad := url.Values{"email": {emailOf(nintei.RoleOwner)}, "password": {"wrong password!"}}
		for i := range 3 {
			if r := c.postForm(t, "/login", bad); r.Status != http.StatusUnauthorized {
				t.Fatalf("attempt %d = %d, want 401 (wrong password, not yet limited)", i+1, r.Status)
			}
		}
		// The fourth attempt is refused before the password is checked, even
		// from another browser and with the right password, and even with the
		// name written differently.
		good := url.Values{"email": {" Owner@Example.jp "}, "password": {testenv.TestPassword}}
		r := s.client().postForm(t, "/login", good)
		if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "20" {
			t.Fatalf("4th attempt = %d Retry-After %q, want 429 after 20 s", r.Status, r.Header.Get("Retry-After"))
		}
		doc := r.doc(t)
		if got, want := alertText(doc), s.ja("error.rate_limited", map[string]any{"Seconds": 20}); !strings.Contains(got, want) {
			t.Errorf("429 page says %q, want %q", got, want)
		}
		if v, _ := doc.Find(`input[name="email"]`).Attr("value"); strings.TrimSpace(v) != "Owner@Example.jp" {
			t.Errorf("login form lost the name typed: %q", v)
		}
		// Another account from the same address is not affected.
		login(t, s.client(), emailOf(nintei.RoleMember), testenv.TestPassword)
		s.Env.Clock.Advance(19 * time.Second)
		if r := s.client().postForm(t, "/login", good); r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "1" {
			t.Errorf("after 19 s = %d Retry-After %q, want 429 after 1 s", r.Status, r.Header.Get("Retry-After"))
		}
		s.Env.Clock.Advance(20 * time.Second)
		login(t, s.client(), emailOf(nintei.RoleOwner), testenv.TestPassword)
	})
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{Limits: Limits{LoginPerIP: Rate{N: 2, Per: time.Minute}}})
	s.seedRoles(t)
	login(t, s.client(), emailOf(nintei.RoleOwner), testenv.TestPassword)
	login(t, s.client(), emailOf(nintei.RoleMember), testenv.TestPassword)
	r := s.client().postForm(t, "/login", url.Values{"email": {emailOf(nintei.RoleAdmin)}, "password": {testenv.TestPassword}})
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "30" {
		t.Fatalf("3rd login from one address = %d Retry-After %q, want 429 after 30 s", r.Status, r.Header.Get("Retry-After"))
	}
	// In English too.
	r = s.client().postForm(t, "/login", url.Values{"email": {emailOf(nintei.RoleAdmin)}}, "Cookie", langCookie+"=en")
	if got, want := alertText(r.doc(t)), s.en("error.rate_limited", map[string]any{"Seconds": 30}); r.Status != http.StatusTooManyRequests || !strings.Contains(got, want) {
		t.Errorf("English 429 = %d %q, want %q", r.Status, got, want)
	}
	s.Env.Clock.Advance(30 * time.Second)
	login(t, s.client(), emailOf(nintei.RoleAdmin), testenv.TestPassword)
}

// The search limit counts searches (q given) on the page and the API
// together; the list without q is not a search. A search answered from the
// public cache still counts: the limit is checked before the cache, since
// the limit is about a client's share, not the server's cost.
func TestSearchRateLimit(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSiteWith(t, b, Options{Limits: Limits{Search: Rate{N: 3, Per: time.Minute}}})
		certifiedService(t, s)
		c := s.client()
		q := "/registry?q=" + url.QueryEscape("認証")
		for i, p := range []string{q, q, "/api/v1/registry?q=iot"} {
			if r := c.get(t, p); r.Status != http.StatusOK {
				t.Fatalf("search %d %s = %d", i+1, p, r.Status)
			}
		}
		r := c.get(t, q) // answered from the cache if it were allowed
		if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "20" {
			t.Fatalf("4th search = %d Retry-After %q, want 429 after 20 s", r.Status, r.Header.Get("Retry-After"))
		}
		if got, want := alertText(r.doc(t)), s.ja("error.rate_limited", map[string]any{"Seconds": 20}); !strings.Contains(got, want) {
			t.Errorf("429 page says %q, want %q", got, want)
		}
		s.wantAPIError(t, c.get(t, "/api/v1/registry?q=iot"), http.StatusTooManyRequests, "error.rate_limited")
		for _, p := range []string{"/registry", "/registry?q=", "/api/v1/registry", "/registry/" + url.PathEscape("IP-IoT 0001-2611")} {
			if r := c.get(t, p); r.Status != http.StatusOK {
				t.Errorf("%s (not a search) = %d, want 200", p, r.Status)
			}
		}
		s.Env.Clock.Advance(20 * time.Second)
		if r := c.get(t, q); r.Status != http.StatusOK {
			t.Errorf("search after 20 s = %d, want 200", r.Status)
		}
	})
}

// The API limit covers every /api/ request, public or with a token; HTML
// pages are not counted.
func TestAPIRateLimit(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{Limits: Limits{API: Rate{N: 4, Per: time.Minute}}})
	users := s.seedRoles(t)
	public := s.client()
	api := s.bearerClient(s.apiToken(t, users[nintei.RoleOwner], "t").Secret)
	for i, c := range []*client{public, public, api, api} {
		p := []string{"/api/v1/openapi.json", "/api/v1/me"}[i/2]
		r := c.get(t, p)
		if r.Status != http.StatusOK {
			t.Fatalf("API request %d %s = %d", i+1, p, r.Status)
		}
		if i == 0 && (!strings.Contains(r.Body, `"429"`) || !strings.Contains(r.Body, `"Retry-After"`)) {
			t.Error("the OpenAPI document does not describe the 429 answer and its Retry-After")
		}
	}
	r := api.get(t, "/api/v1/me")
	s.wantAPIError(t, r, http.StatusTooManyRequests, "error.rate_limited")
	if got := r.Header.Get("Retry-After"); got != "15" {
		t.Errorf("Retry-After = %q, want 15", got)
	}
	if r := public.get(t, "/registry"); r.Status != http.StatusOK {
		t.Errorf("HTML page after the API limit = %d, want 200", r.Status)
	}
	s.Env.Clock.Advance(15 * time.Second)
	if r := api.get(t, "/api/v1/me"); r.Status != http.StatusOK {
		t.Errorf("API after 15 s = %d, want 200", r.Status)
	}
}

// X-Forwarded-For names the client only when the connection comes from a
// trusted proxy; otherwise a client could pick a fresh address per request.
func TestClientAddressBehindProxies(t *testing.T) {
	s := newTestSiteWith(t, sqliteOnly(t), Options{Limits: Limits{API: Rate{N: 1, Per: time.Minute},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}})
	c := s.client()
	for _, xff := range []string{"192.0.2.1", "192.0.2.2", "198.51.100.9, 192.0.2.3"} {
		if r := c.get(t, "/api/v1/openapi.json", "X-Forwarded-For", xff); r.Status != http.StatusOK {
			t.Errorf("first request of client %s = %d, want 200", xff, r.Status)
		}
	}
	// A client forging the left part is still known by the right-most hop.
	if r := c.get(t, "/api/v1/openapi.json", "X-Forwarded-For", "10.9.9.9, 192.0.2.3"); r.Status != http.StatusTooManyRequests {
		t.Errorf("forged left hop = %d, want 429 (the client is 192.0.2.3)", r.Status)
	}
}
