package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"nintei/certification"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
)

// a number typed any way a person types it — full-width, lower
// case, another hyphen, no space, spaces around — is verified as the
// number issued: the page redirects to the number's address, the JSON and
// the API answer it; the forms on the home and verification pages send
// the visitor there.
func TestVerifyAcceptsAnySpelling_R8_4(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s) // IP-IoT 0001-2611: the demo's first is IP-IoT 0001-2612, certified in December
	c := s.client()
	canonical := "/verify/" + url.PathEscape(number)
	for _, typed := range []string{"ｉｐ－ｉｏｔ０００１－２６１１", "ＩＰ－ＩｏＴ　０００１－２６１１", "IP-IoT0001-2611", "ip-iot 0001-2611",
		"IPーIoT 0001ー2611", "IP−IoT 0001–2611", " IP-IoT 0001-2611 ", "IPｰIoT 0001‐2611"} {
		r := c.get(t, "/verify/"+url.PathEscape(typed))
		if r.Status != http.StatusMovedPermanently || r.location() != canonical {
			t.Errorf("GET /verify/%s = %d → %q, want 301 → %q", typed, r.Status, r.location(), canonical)
		}
		var got struct {
			Number string `json:"number"`
			Found  bool   `json:"found"`
			Status string `json:"status"`
		}
		c.api(t, "GET", "/api/v1/verify/"+url.PathEscape(typed), nil).json(t, &got)
		if !got.Found || got.Number != number || got.Status != "valid" {
			t.Errorf("API verify %q = %+v", typed, got)
		}
		r = c.get(t, "/verify/"+url.PathEscape(typed), "Accept", "application/json")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"number":"IP-IoT 0001-2611"`) {
			t.Errorf("verify %q as JSON = %d %s", typed, r.Status, r.Body)
		}
		r = c.get(t, "/verify?"+url.Values{"number": {typed}}.Encode())
		if r.Status != http.StatusSeeOther || r.location() != canonical {
			t.Errorf("the form with %q = %d → %q", typed, r.Status, r.location())
		}
	}
	doc := c.getPage(t, canonical, http.StatusOK)
	if got := doc.Find("#verdict").Text(); !strings.Contains(got, number) {
		t.Errorf("verdict %q", got)
	}
	for _, path := range []string{"/", "/verify", canonical} {
		form := c.getPage(t, path, http.StatusOK).Find(`form[action="/verify"][method="get"]`)
		if form.Find(`input[name="number"]#verify-number`).Length() != 1 || form.Find(`label[for="verify-number"]`).Length() != 1 {
			t.Errorf("%s has no labelled number box for verification", path)
		}
	}
	// An unknown number is answered as unknown, by the name typed.
	r := c.get(t, "/verify/"+url.PathEscape("ip-iot 0099-2611"))
	if r.Status != http.StatusMovedPermanently || r.location() != "/verify/"+url.PathEscape("IP-IoT 0099-2611") {
		t.Fatalf("unknown number: %d → %q", r.Status, r.location())
	}
	if got := c.getPage(t, r.location(), http.StatusNotFound).Find("#verdict").Text(); !strings.Contains(got, "IP-IoT 0099-2611") {
		t.Errorf("unknown verdict %q", got)
	}
	if r := c.api(t, "GET", "/api/v1/verify/"+url.PathEscape("<b>nonsense</b>"), nil); r.Status != http.StatusNotFound ||
		!strings.Contains(r.Body, `"found":false`) {
		t.Errorf("API nonsense = %d %s", r.Status, r.Body)
	}
}

// a revoked service's page and verification open with a
// notice naming the status, the day and the grounds of the revocation —
// never the decision's reasons — and the answers are labelled as of that
// day; the API says the same.
func TestEndedEntryShowsNotice_R11_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
		const reason = "社内調査の結果、非公開の事情により取り消す"
		if err := s.Env.Svc.EndCertification(context.Background(), jimu, 1, aftercare.Ending{Kind: certification.Revoked,
			Grounds: []string{"i", "a"}, Reason: reason}); err != nil {
			t.Fatal(err)
		}
		c := s.client()
		for _, path := range []string{"/registry/" + url.PathEscape(number), "/verify/" + url.PathEscape(number)} {
			r := c.get(t, path)
			doc := r.doc(t)
			notice := doc.Find("#ended").Text()
			if path[1] == 'v' {
				notice = doc.Find("#verdict").Text()
			}
			for _, want := range []string{"この認定は2026年11月27日に取り消されました。", "a) 認定基準に適合しなくなったとき",
				"i) 改善の要請に応じなかったとき", "2026年11月27日時点の回答です"} {
				if !strings.Contains(notice, want) {
					t.Errorf("%s: the notice lacks %q: %q", path, want, notice)
				}
			}
			if strings.Contains(r.Body, reason) {
				t.Errorf("%s shows the decision's reasons", path)
			}
			if first := doc.Find("main > *").Eq(2); path[1] == 'r' && first.AttrOr("id", "") != "ended" {
				t.Errorf("%s: the notice is not at the top (found %s#%s)", path, goquery.NodeName(first), first.AttrOr("id", ""))
			}
		}
		caption := c.getPage(t, "/registry/"+url.PathEscape(number), http.StatusOK).Find("#answers caption").Text()
		if caption != "2026年11月27日時点の回答" {
			t.Errorf("answers caption = %q", caption)
		}
		var got struct {
			Ending struct {
				Status  string   `json:"status"`
				EndedOn string   `json:"ended_on"`
				Grounds []string `json:"grounds"`
			} `json:"ending"`
		}
		c.api(t, "GET", "/api/v1/registry/"+url.PathEscape(number), nil).json(t, &got)
		if got.Ending.Status != "revoked" || got.Ending.EndedOn != "2026-11-27" || len(got.Ending.Grounds) != 2 {
			t.Errorf("API ending = %+v", got.Ending)
		}
	})
}

// an expired entry says it expired on its last valid day, and its
// answers are as of that day; one in force has no notice.
func TestExpiredEntryShowsNotice_R8_2(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s)
	c := s.client()
	path := "/registry/" + url.PathEscape(number)
	if n := c.getPage(t, path, http.StatusOK).Find("#ended").Length(); n != 0 {
		t.Fatal("a valid entry shows an ending notice")
	}
	s.Env.Clock.Advance(2 * 366 * 24 * time.Hour)
	doc := c.getPage(t, path, http.StatusOK)
	if got := doc.Find("#ended").Text(); !strings.Contains(got, "有効期限の2028年11月26日をもって期間が満了") ||
		!strings.Contains(got, "2028年11月26日時点の回答") {
		t.Errorf("expired notice %q", got)
	}
}
