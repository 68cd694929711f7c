package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestStrictHeaders checks the security headers on every kind of response:
// pages, redirects, error pages, JSON and static files.
func TestStrictHeaders(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	c := s.client()
	tests := []struct {
		path       string
		wantStatus int
		wantType   string
	}{
		{"/", http.StatusOK, "text/html"},
		{"/login", http.StatusOK, "text/html"},
		{"/dashboard", http.StatusSeeOther, ""},
		{"/no-such-page", http.StatusNotFound, "text/html"},
		{"/api/v1/catalog/editions", http.StatusOK, "application/json"},
		{"/api/v1/openapi.json", http.StatusOK, "application/json"},
		{"/api/v1/me", http.StatusUnauthorized, "application/json"},
		{"/static/style.css", http.StatusOK, "text/css"},
		{"/healthz", http.StatusOK, "text/plain"},
	}
	for _, tt := range tests {
		r := c.get(t, tt.path)
		if r.Status != tt.wantStatus {
			t.Errorf("GET %s = %d, want %d", tt.path, r.Status, tt.wantStatus)
		}
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
			t.Errorf("GET %s: Content-Type %q, want %s", tt.path, ct, tt.wantType)
		}
		csp := r.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", tt.path, csp, want)
			}
		}
		for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
			if strings.Contains(csp, bad) {
				t.Errorf("GET %s: CSP %q contains %s", tt.path, csp, bad)
			}
		}
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "same-origin",
		} {
			if got := r.Header.Get(name); got != want {
				t.Errorf("GET %s: %s = %q, want %q", tt.path, name, got, want)
			}
		}
		if got := r.Header.Get("Strict-Transport-Security"); got != "" {
			t.Errorf("GET %s over plain HTTP: HSTS %q, want none", tt.path, got)
		}
		if got := r.Header.Get("X-Request-ID"); got == "" {
			t.Errorf("GET %s: no X-Request-ID", tt.path)
		}
		if strings.HasPrefix(tt.wantType, "text/html") || strings.HasPrefix(tt.wantType, "application/json") {
			if got := r.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, got)
			}
		}
	}
}

func TestHSTSOnlyBehindTrustedTLSProxy(t *testing.T) {
	t.Parallel()
	b := sqliteOnly(t)
	plain := newTestSite(t, b)
	proxied := newTestSiteWith(t, b, Options{TrustProxy: true})
	tests := []struct {
		name  string
		site  *site
		proto string
		want  bool
	}{
		{"no proxy, no header", plain, "", false},
		{"untrusted proxy header", plain, "https", false},
		{"trusted proxy over http", proxied, "http", false},
		{"trusted proxy over https", proxied, "https", true},
	}
	for _, tt := range tests {
		for _, path := range []string{"/", "/api/v1/catalog/editions", "/static/style.css"} {
			r := tt.site.client().get(t, path, "X-Forwarded-Proto", tt.proto)
			got := r.Header.Get("Strict-Transport-Security")
			if (got != "") != tt.want {
				t.Errorf("%s: GET %s: HSTS %q, want present=%v", tt.name, path, got, tt.want)
			}
			if tt.want && !strings.Contains(got, "max-age=") {
				t.Errorf("%s: HSTS %q lacks max-age", tt.name, got)
			}
		}
	}
}

func TestRequestIDFromTrustedProxyOnly(t *testing.T) {
	t.Parallel()
	b := sqliteOnly(t)
	const id = "proxy-req-12345678"
	tests := []struct {
		name string
		opts Options
		sent string
		keep bool
	}{
		{"untrusted", Options{}, id, false},
		{"trusted", Options{TrustProxy: true}, id, true},
		{"trusted but malformed", Options{TrustProxy: true}, "<script>x</script>", false},
	}
	for _, tt := range tests {
		s := newTestSiteWith(t, b, tt.opts)
		r := s.client().get(t, "/no-such-page", "X-Request-ID", tt.sent)
		got := r.Header.Get("X-Request-ID")
		if (got == tt.sent) != tt.keep || got == "" {
			t.Errorf("%s: X-Request-ID = %q (sent %q), want kept=%v", tt.name, got, tt.sent, tt.keep)
		}
		if !strings.Contains(r.doc(t).Find("main").Text(), got) {
			t.Errorf("%s: error page does not show request id %q", tt.name, got)
		}
	}
}
