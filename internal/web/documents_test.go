package web

import (
	"context"
	"image"
	"image/png"
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

// the PNG mark is served on exactly the SVG's terms — to the
// provider, only while the certification is valid — and only at the fixed
// sizes; the application page links it beside the SVG.
func TestMarkPNG_R8_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		owner, _ := s.Env.Store.UserByEmail(context.Background(), "owner@a.example.jp")
		browser := s.client()
		login(t, browser, owner.Email, testenv.TestPassword)
		doc := browser.getPage(t, "/applications/1", http.StatusOK)
		if doc.Find(`a[href="/applications/1/mark.png"]`).Text() != s.ja("application.mark_png", nil) {
			t.Error("the application page does not link the PNG mark")
		}

		for path, want := range map[string]int{"/applications/1/mark.png": 480, "/applications/1/mark.png?size=240": 240, "/applications/1/mark.png?size=960": 960} {
			r := browser.get(t, path)
			if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/png" ||
				r.Header.Get("Content-Disposition") != `attachment; filename="nintei-mark-1.png"` {
				t.Fatalf("%s = %d %s %s", path, r.Status, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"))
			}
			img, err := png.Decode(strings.NewReader(r.Body))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if got := img.Bounds().Size(); got != image.Pt(want, want) {
				t.Errorf("%s is %v, want %d×%d", path, got, want, want)
			}
		}
		// Any other size is refused rather than drawn.
		for _, q := range []string{"500", "0", "-480", "4800", "abc", "480px"} {
			r := browser.get(t, "/applications/1/mark.png?size="+q)
			if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "240, 480, 960") {
				t.Errorf("size=%s = %d %.200s", q, r.Status, r.Body)
			}
		}

		other := s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "B社")
		ob := s.client()
		login(t, ob, other.Email, testenv.TestPassword)
		svgR, pngR := ob.get(t, "/applications/1/mark.svg"), ob.get(t, "/applications/1/mark.png")
		if svgR.Status != http.StatusNotFound || pngR.Status != svgR.Status {
			t.Errorf("other provider: svg %d, png %d; want both 404", svgR.Status, pngR.Status)
		}

		// 2028-11-26 is the last valid day: served on it …
		s.Env.Clock.T = s.Env.Clock.T.Add(730 * 24 * time.Hour)
		login(t, browser, owner.Email, testenv.TestPassword) // the old session has long expired
		if r := browser.get(t, "/applications/1/mark.png"); r.Status != http.StatusOK {
			t.Errorf("mark.png on the last valid day = %d", r.Status)
		}
		// … and refused the day after, as the SVG is.
		s.Env.Clock.T = s.Env.Clock.T.Add(24 * time.Hour)
		login(t, browser, owner.Email, testenv.TestPassword)
		svgR, pngR = browser.get(t, "/applications/1/mark.svg"), browser.get(t, "/applications/1/mark.png")
		if svgR.Status != http.StatusForbidden || pngR.Status != svgR.Status || !strings.Contains(pngR.Body, "有効期間中に限り") {
			t.Errorf("after expiry: svg %d, png %d %.200s", svgR.Status, pngR.Status, pngR.Body)
		}
	})
}
