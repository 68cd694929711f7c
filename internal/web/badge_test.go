package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei/certification"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
)

// The live badge reads the number and its status today; after a
// revocation (through the service, as the committee's decision records
// it) it reads 取消し within the five minutes it may be cached for: the
// public cache, keyed by the registry generation, never serves the old
// one, and HTTP caches are told five minutes, with an ETag.
func TestBadgeFollowsRevocation_R8_4_R11_5(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSiteWith(t, b, Options{GenerationTTL: 50 * time.Millisecond})
		number := certifiedService(t, s)
		c := s.client()
		path := "/badge/" + url.PathEscape(number) + ".svg"
		r := c.get(t, path)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/svg+xml; charset=utf-8" {
			t.Fatalf("badge = %d %s", r.Status, r.Header.Get("Content-Type"))
		}
		wantTitle(t, r.Body, "情報開示認定 "+number+" 有効")
		if got := r.Header.Get("Cache-Control"); got != "public, max-age=300" {
			t.Errorf("Cache-Control = %q", got)
		}
		if got := r.Header.Get("Cross-Origin-Resource-Policy"); got != "cross-origin" {
			t.Errorf("CORP = %q: other sites could not embed the badge", got)
		}
		if again := c.get(t, path); again.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" || again.Body != r.Body {
			t.Errorf("the cached badge: CORP %q", again.Header.Get("Cross-Origin-Resource-Policy"))
		}
		etag := r.Header.Get("ETag")
		if r2 := c.get(t, path, "If-None-Match", etag); etag == "" || r2.Status != http.StatusNotModified {
			t.Errorf("conditional GET with %q = %d", etag, r2.Status)
		}
		jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
		if err := s.Env.Svc.EndCertification(context.Background(), jimu, 1, aftercare.Ending{Kind: certification.Revoked,
			Grounds: []string{"a"}, Reason: "基準不適合"}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(60 * time.Millisecond) // another instance's write: seen after the generation's TTL
		r = c.get(t, path, "If-None-Match", etag)
		if r.Status != http.StatusOK || r.Header.Get("ETag") == etag {
			t.Fatalf("after revocation = %d, ETag %q (was %q)", r.Status, r.Header.Get("ETag"), etag)
		}
		wantTitle(t, r.Body, "情報開示認定 "+number+" 取消し")
		if r.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Errorf("Cache-Control after revocation = %q", r.Header.Get("Cache-Control"))
		}
		wantTitle(t, c.get(t, path+"?lang=en").Body, "Disclosure certified "+number+" Revoked")
	})
}

// An unknown number is still an image: a 404 badge saying 該当なし; a
// number typed another way is sent to the number as issued.
func TestBadgeUnknownNumber_R8_4(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s)
	c := s.client()
	r := c.get(t, "/badge/"+url.PathEscape("IP-IoT 0099-2611")+".svg")
	if r.Status != http.StatusNotFound || !strings.HasPrefix(r.Header.Get("Content-Type"), "image/svg+xml") {
		t.Fatalf("unknown = %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	wantTitle(t, r.Body, "情報開示認定 IP-IoT 0099-2611 該当なし")
	r = c.get(t, "/badge/"+url.PathEscape("<script>x</script>")+".svg")
	if r.Status != http.StatusNotFound || strings.Contains(r.Body, "<script>") {
		t.Errorf("hostile number = %d %s", r.Status, r.Body)
	}
	r = c.get(t, "/badge/"+url.PathEscape("ip-iot 0001-2611")+".svg")
	if want := "/badge/" + url.PathEscape(number) + ".svg"; r.Status != http.StatusMovedPermanently || r.location() != want {
		t.Errorf("other spelling = %d → %q", r.Status, r.location())
	}
	if r := c.get(t, "/badge/"+url.PathEscape(number)+".png"); r.Status != http.StatusNotFound {
		t.Errorf(".png = %d", r.Status)
	}
}

// The provider's application page offers the badge's HTML to copy, on the
// configured public address, while the certification is in force.
func TestBadgeSnippetOnApplicationPage_R8_3(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s)
	c := s.client()
	login(t, c, "owner@a.example.jp", testenv.TestPassword)
	doc := c.getPage(t, "/applications/1", http.StatusOK)
	snippet := doc.Find("#badge textarea#badge-snippet").Text()
	base := strings.TrimRight(s.Env.Svc.Settings().BaseURL, "/")
	n := url.PathEscape(number)
	want := `<a href="` + base + `/verify/` + n + `"><img src="` + base + `/badge/` + n + `.svg" alt="情報開示認定 ` + number +
		` 有効（認定の状況はリンク先で確認できます）" width="240" height="72"></a>`
	if snippet != want {
		t.Errorf("snippet\n got %s\nwant %s", snippet, want)
	}
	if doc.Find(`label[for="badge-snippet"]`).Length() != 1 || doc.Find(`#badge img[src="/badge/`+n+`.svg"]`).Length() != 1 {
		t.Error("the snippet has no label or the preview is missing")
	}
}

func wantTitle(t *testing.T, svg, want string) {
	t.Helper()
	if !strings.Contains(svg, `role="img" aria-label="`+want+`"`) || !strings.Contains(svg, "<title>"+want+"</title>") {
		t.Errorf("badge does not read %q:\n%.400s", want, svg)
	}
}
