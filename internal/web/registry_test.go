package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
)

// certifiedService takes a ready application to certified through the
// service and returns its number.
func certifiedService(t testing.TB, s *site) string {
	t.Helper()
	return certifiedServiceOf(t, s, "owner@a.example.jp", "株式会社みなとクラウド", "jimu@body.example.jp")
}

func certifiedServiceOf(t testing.TB, s *site, ownerEmail, org, staffEmail string) string {
	t.Helper()
	ctx := context.Background()
	owner := service.Principal{User: s.Env.AddUser(t, ownerEmail, nintei.RoleOwner, org)}
	jimu := service.Principal{User: s.Env.AddUser(t, staffEmail, nintei.RoleSecretariat, "")}
	id, v := s.Env.ReadyApplication(t, owner)
	steps := []func(v int64) error{
		func(v int64) error { return s.Env.Svc.Submit(ctx, owner, id, v, "ja") },
		func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, v) },
		func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, v); return err },
		func(v int64) error { return s.Env.Svc.ConfirmPayment(ctx, jimu, id, v, "2026-11-27", 209000, "") },
		func(int64) error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, jimu, id) },
		func(v int64) error { return s.Env.Svc.Certify(ctx, jimu, id, v, "") },
	}
	for i, step := range steps {
		if i > 0 {
			a, _ := s.Env.Store.Application(ctx, id)
			v = a.Version
		}
		if err := step(v); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.Env.Svc.Certification(ctx, owner, id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Number
}

// every public surface shows the service and
// none shows an attachment's name, an evidence reference or review data.
func TestRegistryPublicSurfacesLeakNothing_R7_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		if number != "IP-IoT 0001-2611" {
			t.Fatalf("number = %q", number)
		}
		public := s.client()
		esc := url.PathEscape(number)
		surfaces := map[string]string{
			"list": "/registry", "search 2 chars": "/registry?q=" + url.QueryEscape("認証"), "entry": "/registry/" + esc,
			"verify": "/verify/" + esc, "csv": "/registry.csv", "api list": "/api/v1/registry?q=iot", "api entry": "/api/v1/registry/" + esc,
		}
		for name, path := range surfaces {
			r := public.get(t, path)
			if r.Status != http.StatusOK {
				t.Errorf("%s %s = %d", name, path, r.Status)
				continue
			}
			if !strings.Contains(r.Body, "IP-IoT 0001-2611") && !strings.Contains(r.Body, `IP-IoT 0001-2611`) {
				t.Errorf("%s does not show the number", name)
			}
			for _, secret := range []string{"登記.pdf", "仕様書.pdf", "サービス仕様書", "/attachments/", "sha256", "p.1\"", "INV-2026"} {
				if strings.Contains(r.Body, secret) {
					t.Errorf("%s leaks %q", name, secret)
				}
			}
		}
		r := public.get(t, "/verify/"+esc, "Accept", "application/json")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"status":"valid"`) || !strings.Contains(r.Body, `"valid_until":"2028-11-26"`) {
			t.Errorf("verify JSON = %d %s", r.Status, r.Body)
		}
		r = public.get(t, "/verify/"+url.PathEscape("IP-IoT 9999-2611"), "Accept", "application/json")
		if r.Status != http.StatusNotFound || !strings.Contains(r.Body, `"found":false`) {
			t.Errorf("unknown number JSON = %d %s", r.Status, r.Body)
		}
		if doc := public.getPage(t, "/verify/"+url.PathEscape("IP-IoT 9999-2611"), http.StatusNotFound); !strings.Contains(doc.Find("#verdict").Text(), "見つかりません") {
			t.Error("unknown number page lacks the message")
		}
		entry := public.getPage(t, "/registry/"+esc, http.StatusOK)
		if n := entry.Find("#answers tbody tr").Length(); n != 68 {
			t.Errorf("entry shows %d answers, want 68 in catalog order", n)
		}
		if r = public.get(t, "/registry?q="+url.QueryEscape("存在しないサービス")); !strings.Contains(r.Body, "該当する認定サービスはありません") {
			t.Error("empty search lacks the message")
		}
	})
}

// Formula injection: a service named "=HYPERLINK(...)" is written as text.
func TestRegistryCSVIsSafe(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	certifiedService(t, s)
	_, err := s.Env.Store.DB().Exec(`UPDATE registry_entries SET service_name = '=HYPERLINK("http://evil.example")'`)
	if err != nil {
		t.Fatal(err)
	}
	r := s.client().get(t, "/registry.csv")
	if !strings.Contains(r.Body, `"'=HYPERLINK(""http://evil.example"")"`) {
		t.Errorf("CSV cell not protected:\n%s", r.Body)
	}
}

// Two services side by side: every item one row, differing rows marked;
// CSV and the Atom feed too; none of them leaks an attachment name.
func TestCompareAndFeed(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	a := certifiedService(t, s)
	b := certifiedServiceOf(t, s, "owner@b.example.jp", "北斗データサービス株式会社", "jimu2@body.example.jp")
	// Make one answer differ (the snapshot and its compact form alike; same length).
	_, err := s.Env.Store.DB().Exec(`UPDATE registry_texts SET snapshot = replace(snapshot, '"answer":"2024年4月1日"', '"answer":"2025年10月1日"') WHERE number = ?`, b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Env.Store.DB().Exec(`UPDATE registry_compact SET answers = replace(answers, '15:2024年4月1日', '16:2025年10月1日') WHERE number = ?`, b); err != nil {
		t.Fatal(err)
	}
	c := s.client()
	q := compareURL([]string{a, b})
	doc := c.getPage(t, q, http.StatusOK)
	if n := doc.Find("#comparison tbody tr:not(.category)").Length(); n != 68 {
		t.Errorf("%d rows, want 68", n)
	}
	if n := doc.Find("#comparison tbody tr.differs").Length(); n == 0 {
		t.Error("no differing row marked")
	}
	// Only the differing rows, on request; the jump list leads to the sections shown.
	diff := c.getPage(t, q+"&diff=1", http.StatusOK)
	rows := diff.Find("#comparison tbody tr:not(.category)")
	if rows.Length() == 0 || rows.Length() != diff.Find("#comparison tbody tr.differs").Length() {
		t.Errorf("differing rows only: %d rows, %d differing", rows.Length(), diff.Find("#comparison tbody tr.differs").Length())
	}
	if got := diff.Find(`.compare-view a[aria-current="page"]`).Text(); got != "違いのある項目のみ表示" {
		t.Errorf("the view shown is %q", got)
	}
	for _, d := range []*goquery.Document{doc, diff} {
		links := d.Find(".compare-sections a")
		if links.Length() == 0 || links.Length() != d.Find("#comparison tr.category").Length() {
			t.Errorf("jump list has %d links for %d sections", links.Length(), d.Find("#comparison tr.category").Length())
		}
		links.Each(func(_ int, a *goquery.Selection) {
			if d.Find(a.AttrOr("href", "")).Length() != 1 {
				t.Errorf("jump link %q leads nowhere", a.AttrOr("href", ""))
			}
		})
	}
	csvBody := c.get(t, "/compare.csv?"+strings.SplitN(q, "?", 2)[1]).Body
	if !strings.Contains(csvBody, a) || !strings.Contains(csvBody, b) {
		t.Error("comparison CSV lacks a service")
	}
	feed := c.get(t, "/registry/feed.atom")
	if feed.Status != http.StatusOK || !strings.Contains(feed.Body, "<feed") || !strings.Contains(feed.Body, b) {
		t.Errorf("feed = %d %.300s", feed.Status, feed.Body)
	}
	for name, body := range map[string]string{"compare": doc.Text(), "csv": csvBody, "feed": feed.Body} {
		if strings.Contains(body, "仕様書.pdf") || strings.Contains(body, "サービス仕様書") {
			t.Errorf("%s leaks an attachment or evidence reference", name)
		}
	}
	if r := c.get(t, compareURL([]string{a, "IP-IoT 9999-2611"})); r.Status != http.StatusNotFound || !strings.Contains(r.Body, "IP-IoT 9999-2611") {
		t.Errorf("comparison with an unknown number = %d", r.Status)
	}
	// The second time the columns come from the page files: the same page,
	// for a signed-in user too; with the page files off none are opened.
	if s.Srv.public.PageFileEntries() <= 0 {
		t.Error("no comparison column kept in the page files")
	}
	if again := c.get(t, q).Body; again != c.get(t, q).Body || !strings.Contains(again, `<tr class="differs">`) {
		t.Error("the comparison from kept columns differs")
	}
	// The page around the table is kept per language and count: English
	// after Japanese, and one service after two, each get their own.
	en := c.get(t, q, "Cookie", "nintei_lang=en").Body
	if !strings.Contains(en, "Comparing 2 services") || !strings.Contains(en, "Differs") || strings.Contains(en, "件の比較") {
		t.Errorf("English comparison after a Japanese one: %.400s", en)
	}
	one := c.getPage(t, compareURL([]string{b}), http.StatusOK)
	if got := one.Find("#comparison caption").Text(); got != "1 件の比較" || one.Find("#comparison thead th").Length() != 2 ||
		!strings.Contains(one.Find("a[href^='/compare.csv']").AttrOr("href", ""), url.QueryEscape(b)) {
		t.Errorf("one-service comparison: caption %q, %d heading cells", got, one.Find("#comparison thead th").Length())
	}
	plain := newTestSiteWith(t, sqliteOnly(t), Options{PageFileBytes: -1})
	if plain.Srv.public.PageFileEntries() >= 0 {
		t.Fatal("page files opened though turned off")
	}
	owner := s.client()
	login(t, owner, "owner@a.example.jp", testenv.TestPassword)
	if doc := owner.getPage(t, q, http.StatusOK); doc.Find("#comparison tbody tr.differs").Length() == 0 || doc.Find("form[action='/logout']").Length() != 1 {
		t.Error("a signed-in user's comparison lacks the marks or their session")
	}
}

// after approval a withheld answer is on no public surface, and the
// service page says until when it is withheld.
func TestWithheldAnswerLeaksNowhere_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		secret := "事業者の主な事業の概要について、当社の規程と運用に基づき記載します。" // IPIOT-005's answer
		// Prime the public page cache before withholding: the change must still show.
		if body := s.client().get(t, "/registry/"+url.PathEscape(number)).Body; !strings.Contains(body, secret) {
			t.Fatal("the answer is not public before withholding")
		}
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		csrf := owner.csrf(t)
		r := owner.postForm(t, "/applications/1/withholdings", url.Values{"csrf_token": {csrf}, "item": {"IPIOT-005"},
			"reason": {"新事業の公表前のため"}, "until": {"2027-03-31"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("request = %d %s", r.Status, r.Body)
		}
		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		r = staff.postForm(t, "/applications/1/review/withholding", url.Values{"csrf_token": {staff.csrf(t)}, "withholding": {"1"}, "decision": {"approve"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("approve = %d %s", r.Status, r.Body)
		}
		public := s.client()
		esc := url.PathEscape(number)
		for _, path := range []string{"/registry", "/registry/" + esc, "/verify/" + esc, "/registry.csv", "/api/v1/registry",
			"/api/v1/registry/" + esc, "/registry/feed.atom", compareURL([]string{number}), "/compare.csv?n=" + url.QueryEscape(number),
			"/registry?q=" + url.QueryEscape("当社の規程と運用に基づき記載します")} {
			if body := public.get(t, path).Body; strings.Contains(body, secret) {
				t.Errorf("%s shows the withheld answer", path)
			}
		}
		page := public.getPage(t, "/registry/"+esc, http.StatusOK)
		if !strings.Contains(page.Find("#answers").Text(), "公表留保中（2027年3月31日まで）") {
			t.Error("the service page does not say the answer is withheld")
		}
	})
}

// Filters: base service, status, answers to chosen items; sort only from
// a fixed list (SQL in a sort parameter is ignored).
func TestRegistryFilters(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	certifiedService(t, s)
	c := s.client()
	cases := map[string]int{
		"base=network": 1, "base=hardware": 0, "status=valid": 1, "status=expired": 0,
		"a.IPIOT-053=" + url.QueryEscape("国内"): 1, "a.IPIOT-053=" + url.QueryEscape("国外"): 0,
		"sort=" + url.QueryEscape("number; DROP TABLE users"): 1, "q=" + url.QueryEscape("'; --"): 0,
	}
	for q, want := range cases {
		var got struct {
			Total int `json:"total"`
		}
		r := c.get(t, "/api/v1/registry?"+q)
		r.json(t, &got)
		if r.Status != http.StatusOK || got.Total != want {
			t.Errorf("%s: %d, total %d, want %d", q, r.Status, got.Total, want)
		}
		if page := c.get(t, "/registry?"+q); page.Status != http.StatusOK {
			t.Errorf("page %s = %d", q, page.Status)
		}
	}
}
