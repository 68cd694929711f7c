package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei/internal/testenv"
	"nintei/internal/web/publiccache"
)

// service pages come from the page files once rendered, byte
// for byte what was rendered, and a withholding approved afterwards shows
// at once (the key names the registry generation).
func TestServicePagesServedFromFiles_R7_2_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		path := "/registry/" + url.PathEscape(number)
		public := s.client()
		first := public.get(t, path)
		if first.Status != http.StatusOK || len(first.Body) < publiccache.MinDiskPage {
			t.Fatalf("service page = %d, %d bytes", first.Status, len(first.Body))
		}
		if s.Srv.public.PageFileEntries() <= 0 {
			t.Fatal("the service page was not kept in the page files")
		}
		if again := public.get(t, path); again.Body != first.Body || again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
			t.Error("the page served from the file differs from the one rendered")
		}
		secret := "事業者の主な事業の概要について、当社の規程と運用に基づき記載します。"
		if !strings.Contains(first.Body, secret) {
			t.Fatal("the answer is not on the page before withholding")
		}
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		owner.postForm(t, "/applications/1/withholdings", url.Values{"csrf_token": {owner.csrf(t)}, "item": {"IPIOT-005"},
			"reason": {"新事業の公表前のため"}, "until": {"2027-03-31"}})
		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		staff.postForm(t, "/applications/1/review/withholding", url.Values{"csrf_token": {staff.csrf(t)}, "withholding": {"1"}, "decision": {"approve"}})
		if after := public.get(t, path).Body; strings.Contains(after, secret) || !strings.Contains(after, "公表留保中") {
			t.Error("the page kept in a file still shows the answer withheld since")
		}
	})
}
