package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei/internal/testenv"
)

// before the self-declaration, a renewal's pre-check names the
// missing declaration in words and links to its form on the same page
// (the browser journey found the raw key "forma.renewal.mark_use", linked
// to Form A).
func TestRenewalPrecheckLinksTheMarkUseDeclaration_R9_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		s.Env.Clock.T = time.Date(2028, 10, 1, 3, 0, 0, 0, time.UTC)
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		doc := owner.getPage(t, "/applications/1", http.StatusOK)
		if r := submitForm(t, owner, doc, "form[action='/applications/1/renewal']", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("open renewal = %d %s", r.Status, r.Body)
		}
		doc = owner.getPage(t, "/applications/2", http.StatusOK)
		link := doc.Find(`a[href="#mark-use"]`)
		if link.Length() != 1 || link.Text() != s.ja("renewal.mark_use_title", nil) {
			t.Errorf("pre-check link to the declaration: %d, %q", link.Length(), link.Text())
		}
		if doc.Find("form#mark-use").Length() != 1 {
			t.Error("the link's target, the declaration form, is missing")
		}
		if body := doc.Find("main").Text(); strings.Contains(body, "forma.renewal") {
			t.Error("the pre-check shows a raw message key")
		}
	})
}

// a revoked certification's application page offers no
// renewal window and no withholding request (both were offered for a term
// that had ended), and the secretariat sees no empty withholding panel.
func TestRevokedCertificationOffersNoRenewal_R11_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		s.Env.Clock.T = time.Date(2028, 10, 1, 3, 0, 0, 0, time.UTC) // in the renewal window
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		doc := owner.getPage(t, "/applications/1", http.StatusOK)
		if doc.Find("form[action='/applications/1/renewal']").Length() != 1 || doc.Find("form[action='/applications/1/withholdings']").Length() != 1 {
			t.Fatal("before the revocation the owner cannot renew or request withholding")
		}

		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		doc = staff.getPage(t, "/applications/1", http.StatusOK)
		r := submitForm(t, staff, doc, "form[action='/applications/1/revocation']", url.Values{"grounds": {"a"}, "reason": {"基準不適合"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("revoke = %d %s", r.Status, r.Body)
		}
		doc = staff.getPage(t, "/applications/1", http.StatusOK)
		if n := doc.Find("#h-withhold").Length(); n != 0 {
			t.Error("the secretariat sees an empty withholding panel")
		}

		doc = owner.getPage(t, "/applications/1", http.StatusOK)
		if n := doc.Find("#renewal").Length(); n != 0 {
			t.Errorf("a revoked certification offers renewal: %q", doc.Find("#renewal").Text())
		}
		if n := doc.Find("form[action='/applications/1/withholdings']").Length(); n != 0 {
			t.Error("a revoked certification offers a withholding request")
		}
		if !strings.Contains(doc.Find("#lifecycle").Text(), s.ja("registry.status.revoked", nil)) {
			t.Error("the lifecycle panel does not say revoked")
		}
	})
}
