package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/service"
	"nintei/service/core"
)

// sampleWindow is a body whose contact window is configured in full.
var sampleWindow = core.Issuer{Name: "一般社団法人 見本認定機構", Department: "認定事務局", PostalCode: "100-0000",
	Address: "東京都千代田区見本町一丁目2番3号", Phone: "03-0000-0000", Email: "jimukyoku@nintei.example.jp",
	URL: "https://nintei.example.jp/", ContactHours: "平日 9:30〜17:00（土日・祝日・年末年始を除く）",
	ContactEmail: "soudan@nintei.example.jp"}

// newSiteWithIssuer starts a site whose service has the body's details
// configured, as `nintei serve` passes them from config.Body.
func newSiteWithIssuer(t *testing.T, is core.Issuer) *site {
	t.Helper()
	env := sqliteOnly(t).NewEnv(t)
	set := env.Svc.Settings()
	set.Issuer = is
	env.Svc = service.New(sqlstore.Port(env.Store), env.Blobs, env.Clock, env.Mail, env.Msgs, env.Log, set)
	srv, err := New(env.Svc, env.Msgs, env.Log, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); _ = srv.Close() })
	return &site{URL: ts.URL, Env: env, Srv: srv}
}

// The contact page shows every configured field of the contact window;
// the footer of every page links to it.
func TestContactWindowShown_R13_1(t *testing.T) {
	s := newSiteWithIssuer(t, sampleWindow)
	c := s.client()
	doc := c.getPage(t, "/contact", http.StatusOK)
	for id, want := range map[string]string{
		"#contact-name":    "一般社団法人 見本認定機構　認定事務局",
		"#contact-hours":   "平日 9:30〜17:00（土日・祝日・年末年始を除く）",
		"#contact-email":   "soudan@nintei.example.jp", // the window's own address, not the body's
		"#contact-phone":   "03-0000-0000",
		"#contact-address": "〒100-0000 東京都千代田区見本町一丁目2番3号",
		"#contact-url":     "https://nintei.example.jp/",
	} {
		if got := strings.TrimSpace(doc.Find(id).Text()); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if href := doc.Find("#contact-email a").AttrOr("href", ""); href != "mailto:soudan@nintei.example.jp" {
		t.Errorf("e-mail link = %q", href)
	}
	if doc.Find("#eligibility h2").Length() != 1 {
		t.Error("the contact page does not point eligibility questions (R-4.2) to the window")
	}
	for _, p := range []string{"/", "/registry", "/catalog", "/login", "/disclaimer"} {
		d := c.getPage(t, p, http.StatusOK)
		if d.Find(`footer nav a[href="/contact"]`).Length() != 1 || d.Find(`footer nav a[href="/disclaimer"]`).Length() != 1 {
			t.Errorf("%s: the footer does not link the contact window and the disclaimer", p)
		}
	}

	// English: the configured Japanese values, English labels.
	c.postForm(t, "/lang", url.Values{"lang": {"en"}})
	doc = c.getPage(t, "/contact", http.StatusOK)
	if !strings.Contains(doc.Find("h1").Text(), s.en("contact.title", nil)) || strings.TrimSpace(doc.Find("#contact-phone").Text()) != "03-0000-0000" {
		t.Errorf("English contact page: %q", doc.Find("main").Text())
	}
}

// Unset hours show the default, weekends and holidays excluded; the
// window's e-mail falls back to the body's.
func TestContactWindowDefaults_R13_1(t *testing.T) {
	is := sampleWindow
	is.ContactHours, is.ContactEmail = "", ""
	s := newSiteWithIssuer(t, is)
	doc := s.client().getPage(t, "/contact", http.StatusOK)
	hours := strings.TrimSpace(doc.Find("#contact-hours").Text())
	if hours != s.ja("contact.hours_default", nil) || !strings.Contains(hours, "土日・祝日") {
		t.Errorf("default hours = %q", hours)
	}
	if got := strings.TrimSpace(doc.Find("#contact-email").Text()); got != "jimukyoku@nintei.example.jp" {
		t.Errorf("e-mail = %q, want the body's", got)
	}
}

// The API gives the contact window as JSON, documented in OpenAPI.
func TestContactWindowAPI_R13_1(t *testing.T) {
	s := newSiteWithIssuer(t, sampleWindow)
	r := s.client().get(t, "/api/v1/contact")
	var got contactJSON
	r.json(t, &got)
	if r.Status != http.StatusOK || got.Name != sampleWindow.Name || got.Hours != sampleWindow.ContactHours ||
		got.Email != "soudan@nintei.example.jp" || got.Phone != "03-0000-0000" || got.Address != sampleWindow.Address ||
		got.PostalCode != "100-0000" || got.Page != "/contact" {
		t.Errorf("GET /api/v1/contact = %d %+v", r.Status, got)
	}
	if !strings.Contains(s.client().get(t, "/api/v1/openapi.json").Body, `"/api/v1/contact"`) {
		t.Error("the OpenAPI document lacks /api/v1/contact")
	}
}

// The page where a provider opens a new application points questions about
// eligibility to the contact window.
func TestApplyPageLinksContactWindow_R13_1(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	doc := s.loginAs(t, nintei.RoleOwner).getPage(t, "/applications", http.StatusOK)
	form := doc.Find(`form[action="/applications"]`)
	link := doc.Find(`#eligibility-contact a[href^="/contact"]`)
	if form.Length() != 1 || link.Length() != 1 {
		t.Fatalf("apply page: form %d, contact link %d", form.Length(), link.Length())
	}
	if !strings.Contains(doc.Find("#eligibility-contact").Text(), s.ja("apply.eligibility", nil)) {
		t.Errorf("eligibility line = %q", doc.Find("#eligibility-contact").Text())
	}
}

// The public site states the disclaimer: no liability for damage
// to providers or third parties except by intent or gross negligence, and
// disputes between a provider and a third party are theirs to settle; in
// Japanese and English, linked from the registry near the list.
func TestDisclaimerPublished_R12_3(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	c := s.client()
	doc := c.getPage(t, "/disclaimer", http.StatusOK)
	ja := doc.Find("#liability").Text()
	for _, want := range []string{"事業者又は第三者の損害", "一切の責任を負わない", "故意又は重過失による場合はこの限りではありません",
		"事業者と第三者との間で紛争", "当事者が自己の費用と責任において解決"} {
		if !strings.Contains(ja, want) {
			t.Errorf("the Japanese disclaimer lacks %q", want)
		}
	}
	conf := doc.Find("#confidentiality").Text()
	for _, want := range []string{"事前の承諾なく第三者に開示せず", "自己の責によらず公知公用", "独自に創作", "裁判所の命令"} {
		if !strings.Contains(conf, want) {
			t.Errorf("the confidentiality text lacks %q", want)
		}
	}
	for _, p := range []string{"/registry"} {
		if c.getPage(t, p, http.StatusOK).Find(`#registry-disclaimer a[href="/disclaimer"]`).Length() != 1 {
			t.Errorf("%s does not link the disclaimer near the list", p)
		}
	}
	c.postForm(t, "/lang", url.Values{"lang": {"en"}})
	en := c.getPage(t, "/disclaimer", http.StatusOK).Find("#liability").Text()
	for _, want := range []string{"providers or third parties", "intent or gross negligence", "settled by the parties"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English disclaimer lacks %q", want)
		}
	}
}
