package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"nintei/internal/testenv"
)

// through the router: a change notice that moves the provider's
// address is refused (400) until a registry transcript is uploaded to the
// notice itself; the pre-check names the changed fact in Japanese, and
// the changes page asks for the transcript without promising a new
// certificate.
func TestChangeNoticeAddressNeedsTranscriptThroughRouter_R9_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		owner := mustUser(t, s, "owner@a.example.jp")
		c := s.bearerClient(s.apiToken(t, owner, "ci").Secret)

		var n applicationJSON
		r := c.api(t, "POST", "/api/v1/applications/1/change-notice", map[string]any{})
		if r.Status != http.StatusCreated && r.Status != http.StatusOK {
			t.Fatalf("open change notice = %d %s", r.Status, r.Body)
		}
		r.json(t, &n)
		base := "/api/v1/applications/" + strconv.FormatInt(n.ID, 10)
		fa := n.FormA
		fa.Provider.Address = "東京都千代田区丸の内2-2-2"
		r = c.api(t, "PUT", base+"/form-a", map[string]any{"version": n.Version, "form_a": fa})
		if r.Status != http.StatusOK {
			t.Fatalf("form A = %d %s", r.Status, r.Body)
		}
		r.json(t, &n)

		var pc struct {
			Blocking bool `json:"blocking"`
			FormA    []struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"form_a"`
		}
		c.api(t, "GET", base+"/precheck", nil, "Accept-Language", "ja").json(t, &pc)
		want := s.ja("precheck.transcript_missing.address", nil)
		if !pc.Blocking || len(pc.FormA) != 1 || pc.FormA[0].Code != "precheck.transcript_missing.address" || pc.FormA[0].Message != want {
			t.Errorf("R-9.5: pre-check %+v", pc)
		}
		s.wantAPIError(t, c.api(t, "POST", base+"/submit", map[string]any{"version": n.Version}),
			http.StatusBadRequest, "error.application.precheck_failed")

		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		ct, body := multipartBody(t, url.Values{"purpose": {"existence"}}, "登記事項証明書.pdf", tinyPDF)
		if r = c.request(t, "POST", base+"/attachments", body, "Content-Type", ct); r.Status != http.StatusCreated {
			t.Fatalf("upload = %d %s", r.Status, r.Body)
		}
		c.api(t, "GET", base+"/precheck", nil).json(t, &pc)
		if pc.Blocking {
			t.Fatalf("pre-check still blocking after the transcript: %+v", pc)
		}
		c.api(t, "GET", base, nil).json(t, &n)
		r = c.api(t, "POST", base+"/submit", map[string]any{"version": n.Version})
		if r.Status != http.StatusOK {
			t.Fatalf("submit = %d %s", r.Status, r.Body)
		}
		doc := staff.getPage(t, "/applications/"+strconv.FormatInt(n.ID, 10)+"/changes", http.StatusOK)
		notices := doc.Find("#forma-changes .notice").Text()
		if notices != s.ja("changes.transcript_needed", nil) {
			t.Errorf("R-9.5: changes page notices %q", notices)
		}
	})
}
