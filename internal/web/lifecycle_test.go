package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei/internal/testenv"
)

// through the router: the secretariat revokes with
// grounds and reasons from the application page's form; the registry,
// the service page, verification and the feed show the revocation at once,
// and none shows the reasons. The provider's owner files a termination;
// the mark is refused afterwards.
func TestRevocationAndTerminationThroughTheRouter_R11_5_R9_10(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		first := certifiedService(t, s)
		second := certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社やまびこ", "jimu2@body.example.jp")
		public := s.client()
		public.get(t, "/registry/feed.atom") // prime the cache

		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		doc := staff.getPage(t, "/applications/1", http.StatusOK)
		if doc.Find("form[action='/applications/1/revocation'] input[name='grounds']").Length() != 10 {
			t.Fatal("the revocation form does not offer grounds a to j")
		}
		marker := "取消理由の内部記録XYZ"
		r := staff.postForm(t, "/applications/1/revocation", url.Values{"csrf_token": {staff.csrf(t)}, "reason": {marker}})
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("revocation without grounds = %d", r.Status)
		}
		r = staff.postForm(t, "/applications/1/revocation", url.Values{"csrf_token": {staff.csrf(t)}, "grounds": {"c", "e"}, "reason": {marker}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("revoke = %d %s", r.Status, r.Body)
		}
		if got := staff.getPage(t, "/applications/1", http.StatusOK).Find("#cert-number").Text(); !strings.Contains(got, "取消し") || strings.Contains(got, "まで有効") {
			t.Errorf("the revoked application still reads as valid: %q", got)
		}
		esc := url.PathEscape(first)
		if !strings.Contains(public.get(t, "/verify/"+esc, "Accept", "application/json").Body, `"revoked"`) {
			t.Error("verification does not say revoked")
		}
		if !strings.Contains(public.get(t, "/registry/feed.atom").Body, s.ja("feed.revoked", map[string]any{"Number": first, "Service": "みなとIoTクラウド"})[:len(first)]) {
			t.Error("the feed has no revocation entry")
		}
		for _, path := range []string{"/registry", "/registry/" + esc, "/verify/" + esc, "/registry.csv", "/api/v1/registry",
			"/api/v1/registry/" + esc, "/registry/feed.atom", "/registry?q=" + url.QueryEscape("内部記録")} {
			if body := public.get(t, path).Body; strings.Contains(body, marker) {
				t.Errorf("%s shows the revocation's reasons", path)
			}
		}
		feed := public.get(t, "/registry/feed.atom").Body
		if !strings.Contains(feed, ":registry/event/") || strings.Count(feed, "<entry>") != 3 {
			t.Errorf("feed entries: %s", feed)
		}

		owner := s.client()
		login(t, owner, "owner@b.example.jp", testenv.TestPassword)
		doc = owner.getPage(t, "/applications/2", http.StatusOK)
		if doc.Find("form[action='/applications/2/termination']").Length() != 1 {
			t.Fatal("the owner has no termination form")
		}
		r = owner.postForm(t, "/applications/2/termination", url.Values{"csrf_token": {owner.csrf(t)}, "on": {"2026-11-27"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("terminate = %d %s", r.Status, r.Body)
		}
		if r := owner.get(t, "/applications/2/mark.svg"); r.Status != http.StatusForbidden {
			t.Errorf("mark after termination = %d", r.Status)
		}
		if !strings.Contains(public.get(t, "/registry/"+url.PathEscape(second)).Body, s.ja("registry.status.terminated", nil)) {
			t.Error("the service page does not show the termination")
		}
		// Provider A's people cannot end provider B's certification.
		other := s.client()
		login(t, other, "owner@a.example.jp", testenv.TestPassword)
		if r := other.postForm(t, "/applications/2/termination", url.Values{"csrf_token": {other.csrf(t)}}); r.Status != http.StatusNotFound {
			t.Errorf("another provider's termination = %d", r.Status)
		}
	})
}
