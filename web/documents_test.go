package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/testenv"
)

// the provider downloads the certificate and the mark; the
// mark only while the certification is valid; another provider gets 404.
func TestCertificateAndMark_R8_3(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s)
	owner, _ := s.Env.Store.UserByEmail(context.Background(), "owner@a.example.jp")
	browser := s.client()
	login(t, browser, owner.Email, testenv.TestPassword)
	r := browser.get(t, "/applications/1/certificate.pdf")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(r.Body, "%PDF") {
		t.Fatalf("certificate = %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	r = browser.get(t, "/applications/1/invoices/INV-2026-0001")
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Body, "%PDF") {
		t.Errorf("invoice = %d", r.Status)
	}
	r = browser.get(t, "/applications/1/mark.svg")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, number) || r.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("mark = %d %.200s", r.Status, r.Body)
	}
	other := s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "B社")
	b := s.client()
	login(t, b, other.Email, testenv.TestPassword)
	for _, path := range []string{"/applications/1/certificate.pdf", "/applications/1/mark.svg", "/applications/1/invoices/INV-2026-0001"} {
		if r := b.get(t, path); r.Status != http.StatusNotFound {
			t.Errorf("other provider %s = %d", path, r.Status)
		}
	}
	// 2028-11-26 is the last valid day: the mark is still served on it …
	s.Env.Clock.Advance(730 * 24 * time.Hour)
	login(t, browser, owner.Email, testenv.TestPassword) // the old session has long expired
	if r = browser.get(t, "/applications/1/mark.svg"); r.Status != http.StatusOK {
		t.Errorf("mark on the last valid day = %d", r.Status)
	}
	// … and refused the day after.
	s.Env.Clock.Advance(24 * time.Hour)
	login(t, browser, owner.Email, testenv.TestPassword)
	r = browser.get(t, "/applications/1/mark.svg")
	if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "有効期間中に限り") {
		t.Errorf("mark after expiry = %d", r.Status)
	}
}
