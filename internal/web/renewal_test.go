package web

import (
	"context"
	"flag"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite the golden files in testdata")

// changeTwoAnswers edits two long-text answers of a renewal, with a new
// evidence file for them, and the provider's address; it returns the items.
func changeTwoAnswers(t *testing.T, s *site, owner service.Principal, id int64) []catalog.Item {
	t.Helper()
	ctx := context.Background()
	a, err := s.Env.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	form, err := s.Env.Svc.FormB(ctx, owner, a)
	if err != nil {
		t.Fatal(err)
	}
	var items []catalog.Item
	var entries []formb.Entry
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText && len(items) < 2 {
			e := form[it.ID]
			e.Answer.Value = strings.Replace(e.Answer.Value, "", "【改訂】", 1) + "（2028年度版）"
			if len(items) == 1 {
				e.EvidenceLoc = "p.12 第4章"
			}
			items, entries = append(items, it), append(entries, e)
		}
	}
	v, err := s.Env.Svc.SaveFormB(ctx, owner, id, a.Version, entries)
	if err != nil {
		t.Fatal(err)
	}
	fa := a.FormA
	fa.Provider.Address = strings.Replace(fa.Provider.Address, "港区", "千代田区", 1) + "（移転）"
	if _, err := s.Env.Svc.SaveFormA(ctx, owner, id, v, fa); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Env.Svc.AddAttachment(ctx, owner, id, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: "改訂版仕様書.pdf", ItemIDs: []string{items[0].ID, items[1].ID}, Body: strings.NewReader(testenv.TinyPDF)}); err != nil {
		t.Fatal(err)
	}
	return items
}

// outerHTML returns the selection's HTML with its own element.
func outerHTML(t *testing.T, doc *goquery.Document, sel string) string {
	t.Helper()
	h, err := goquery.OuterHtml(doc.Find(sel))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// through the router: the owner starts the
// renewal from the certified application's page, declares proper mark use
// (refused unticked), and hands it in within the window; the applicant
// and the reviewer see only the two changed items side by side with the
// change in red (a golden file), the reviewer's assessment table has only
// those two rows; once renewed, the registry shows the new answers under
// the same number and the feed says "renewed".
func TestRenewalThroughTheRouter_R9_4(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		s.Env.Clock.T = time.Date(2028, 10, 1, 3, 0, 0, 0, time.UTC)
		ctx := context.Background()

		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		doc := owner.getPage(t, "/applications/1", http.StatusOK)
		if !strings.Contains(doc.Find("#renewal").Text(), "2028年9月27日 から 2028年10月27日 まで") {
			t.Errorf("renewal panel: %q", doc.Find("#renewal").Text())
		}
		r := submitForm(t, owner, doc, "form[action='/applications/1/renewal']", nil)
		if r.Status != http.StatusSeeOther || r.location() != "/applications/2" {
			t.Fatalf("open renewal = %d %s", r.Status, r.location())
		}
		ownerP := service.Principal{User: mustUser(t, s, "owner@a.example.jp")}
		items := changeTwoAnswers(t, s, ownerP, 2)

		doc = owner.getPage(t, "/applications/2", http.StatusOK)
		r = submitForm(t, owner, doc, "form#mark-use", url.Values{"declare": {""}})
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("unticked declaration = %d", r.Status)
		}
		doc = owner.getPage(t, "/applications/2", http.StatusOK)
		if r = submitForm(t, owner, doc, "form#mark-use", url.Values{"declare": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("declaration = %d %s", r.Status, r.Body)
		}
		a, _ := s.Env.Store.Application(ctx, 2)
		// the new address needs a new registry transcript on the renewal itself.
		if err := s.Env.Svc.Submit(ctx, ownerP, 2, a.Version, "ja"); nintei.KindOf(err) != nintei.KindInvalid {
			t.Fatalf("R-9.5: renewal with a new address and no transcript: %v", err)
		}
		if _, err := s.Env.Svc.AddAttachment(ctx, ownerP, 2, apply.NewAttachment{Purpose: application.PurposeExistence,
			FileName: "登記事項証明書.pdf", Body: strings.NewReader(testenv.TinyPDF)}); err != nil {
			t.Fatal(err)
		}
		a, _ = s.Env.Store.Application(ctx, 2)
		if err := s.Env.Svc.Submit(ctx, ownerP, 2, a.Version, "ja"); err != nil {
			t.Fatal(err)
		}

		doc = owner.getPage(t, "/applications/2/changes", http.StatusOK)
		if n := doc.Find("#changes tbody tr").Length(); n != 2 {
			t.Errorf("R-9.4: the applicant sees %d changed items, want 2", n)
		}
		if doc.Find("#forma-changes .notice").Length() != 1 {
			t.Error("R-9.5: no notice asking for a new registry transcript after an address change")
		}
		got := outerHTML(t, doc, "#changes") + "\n" + outerHTML(t, doc, "#forma-changes") + "\n"
		golden := "testdata/renewal_changes.golden.html"
		if *updateGolden {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update-golden to create it)", err)
		}
		if got != string(want) {
			t.Errorf("the changes view differs from %s (-update-golden rewrites it):\n%s", golden, got)
		}

		reviewer := s.client()
		s.Env.AddUser(t, "shinsa@body.example.jp", nintei.RoleReviewer, "")
		login(t, reviewer, "shinsa@body.example.jp", testenv.TestPassword)
		doc = reviewer.getPage(t, "/applications/2/review", http.StatusOK)
		rows := doc.Find("section[aria-labelledby='h-items'] tbody tr[id^=row-]")
		if rows.Length() != 2 || rows.First().AttrOr("id", "") != "row-"+items[0].ID {
			t.Errorf("R-9.4: the reviewer is asked to assess %d items", rows.Length())
		}
		if doc.Find("#renewal-scope").Length() != 1 {
			t.Error("the review page does not say it is a renewal")
		}
		if reviewer.getPage(t, "/applications/2/changes", http.StatusOK).Find("#changes tbody tr").Length() != 2 {
			t.Error("the reviewer does not see the same changes")
		}
		other := s.client()
		s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ")
		login(t, other, "owner@b.example.jp", testenv.TestPassword)
		if r := other.get(t, "/applications/2/changes"); r.Status != http.StatusNotFound {
			t.Errorf("another provider sees the changes: %d", r.Status)
		}

		if doc.Find("#renewal-past-validity").Length() != 0 {
			t.Error("R-9.7 notice before the validity ended")
		}
		s.Env.Clock.T = time.Date(2028, 12, 1, 3, 0, 0, 0, time.UTC)       // past the last valid day, the renewal pending
		login(t, reviewer, "shinsa@body.example.jp", testenv.TestPassword) // two months on, the session has expired
		if reviewer.getPage(t, "/applications/2/review", http.StatusOK).Find("#renewal-past-validity").Length() != 1 {
			t.Error("R-9.7: the reviewer is not told the validity has passed")
		}
		jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
		for _, step := range []func(v int64) error{
			func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, 2, v) },
			func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, 2, v); return err },
			func(v int64) error { return s.Env.Svc.ConfirmPayment(ctx, jimu, 2, v, "2028-10-01", 104500, "") },
			func(int64) error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, jimu, 2) },
			func(v int64) error { return s.Env.Svc.Certify(ctx, jimu, 2, v, "") },
		} {
			a, _ := s.Env.Store.Application(ctx, 2)
			if err := step(a.Version); err != nil {
				t.Fatal(err)
			}
		}
		public := s.client()
		page := public.getPage(t, "/registry/"+url.PathEscape(number), http.StatusOK)
		if !strings.Contains(page.Text(), "（2028年度版）") {
			t.Error("the registry does not show the renewed answers")
		}
		if !strings.Contains(public.get(t, "/registry/feed.atom").Body, s.ja("feed.renewed", map[string]any{"Number": number, "Service": "みなとIoTクラウド"})) {
			t.Error("the feed has no renewal entry")
		}
		var changes struct {
			Changes []struct {
				ItemID string `json:"item_id"`
				Kind   string `json:"kind"`
			} `json:"changes"`
		}
		token := s.apiToken(t, ownerP.User, "renewal")
		s.apiJSON(t, s.bearerClient(token.Secret), "/api/v1/applications/2/changes", &changes)
		if len(changes.Changes) != 2 || changes.Changes[0].Kind != aftercare.ChangeAnswer {
			t.Errorf("API changes = %+v", changes)
		}
	})
}

func (s *site) apiJSON(t *testing.T, c *client, path string, v any) {
	t.Helper()
	r := c.get(t, path)
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s = %d %s", path, r.Status, r.Body)
	}
	r.json(t, v)
}

// R-10 through the router: after a revocation the secretariat's return
// list shows the provider's files; recording their destruction takes them
// off it, the provider's application page says so, and the file can no
// longer be downloaded. Providers cannot see the list.
func TestDocumentReturnThroughTheRouter_R10_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		ctx := context.Background()
		jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
		if err := s.Env.Svc.EndCertification(ctx, jimu, 1, aftercare.Ending{Kind: "revoked", Grounds: []string{"b"}, Reason: "x"}); err != nil {
			t.Fatal(err)
		}
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		if r := owner.get(t, "/returns"); r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
			t.Errorf("a provider opened the return list: %d", r.Status)
		}
		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		doc := staff.getPage(t, "/returns", http.StatusOK)
		if n := doc.Find("#returns-1 tbody tr").Length(); n != 2 {
			t.Fatalf("return list rows = %d, want 2", n)
		}
		r := submitForm(t, staff, doc, "#returns-1 form", url.Values{"method": {"destroyed"}, "attachment": {"1", "2"}, "on": {"2026-11-28"}})
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("a future date = %d", r.Status)
		}
		doc = staff.getPage(t, "/returns", http.StatusOK)
		if r = submitForm(t, staff, doc, "#returns-1 form", url.Values{"method": {"destroyed"}, "attachment": {"1", "2"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("record = %d %s", r.Status, r.Body)
		}
		if staff.getPage(t, "/returns", http.StatusOK).Find("#returns-empty").Length() != 1 {
			t.Error("the list is not empty after recording")
		}
		page := owner.getPage(t, "/applications/1", http.StatusOK)
		if got := page.Find("#returns tbody tr").Length(); got != 2 || !strings.Contains(page.Find("#returns").Text(), "廃棄した") {
			t.Errorf("the provider's page does not show the destruction: %q", page.Find("#returns").Text())
		}
		if r := owner.get(t, "/applications/1/attachments/1"); r.Status != http.StatusNotFound {
			t.Errorf("a destroyed file downloaded: %d", r.Status)
		}
	})
}

// through the router: the owner files a change notice from the
// certified application's page; the secretariat's review page offers only
// accept or reject (a rejection needs a reason); accepted, the public
// service page shows the new service name.
func TestChangeNoticeThroughTheRouter_R9_9(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		ctx := context.Background()
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		doc := owner.getPage(t, "/applications/1", http.StatusOK)
		r := submitForm(t, owner, doc, "form[action='/applications/1/change-notice']", nil)
		if r.Status != http.StatusSeeOther || r.location() != "/applications/2" {
			t.Fatalf("open change notice = %d %s", r.Status, r.location())
		}
		ownerP := service.Principal{User: mustUser(t, s, "owner@a.example.jp")}
		a, _ := s.Env.Store.Application(ctx, 2)
		fa := a.FormA
		fa.Service.Name = "みなとIoTクラウド Next"
		if _, err := s.Env.Svc.SaveFormA(ctx, ownerP, 2, a.Version, fa); err != nil {
			t.Fatal(err)
		}
		a, _ = s.Env.Store.Application(ctx, 2)
		if err := s.Env.Svc.Submit(ctx, ownerP, 2, a.Version, "ja"); err != nil {
			t.Fatal(err)
		}
		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		doc = staff.getPage(t, "/applications/2/review", http.StatusOK)
		if doc.Find("#change-decision").Length() != 1 || doc.Find("form[action='/applications/2/review/start-formal']").Length() != 0 {
			t.Fatal("the review page of a change notice does not offer exactly accept or reject")
		}
		if r := submitForm(t, staff, doc, "form[action='/applications/2/review/reject-change']", url.Values{"reason": {""}}); r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("reject without a reason = %d", r.Status)
		}
		doc = staff.getPage(t, "/applications/2/review", http.StatusOK)
		if r := submitForm(t, staff, doc, "form[action='/applications/2/review/accept-change']", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("accept = %d %s", r.Status, r.Body)
		}
		if !strings.Contains(s.client().get(t, "/registry/"+url.PathEscape(number)).Body, "みなとIoTクラウド Next") {
			t.Error("the registry does not show the new service name")
		}
		if !strings.Contains(owner.getPage(t, "/applications/2", http.StatusOK).Text(), "受理") {
			t.Error("the provider's page does not say the notice was accepted")
		}
	})
}
