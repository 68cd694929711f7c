package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
)

// submittedNamed submits a ready application of owner's provider for a
// service of the given name.
func submittedNamed(t *testing.T, s *site, owner nintei.User, name string) int64 {
	t.Helper()
	ctx, p := context.Background(), service.Principal{User: owner}
	id, v := s.Env.ReadyApplication(t, p)
	f := testenv.CompleteFormA()
	f.Service.Name = name
	v, err := s.Env.Svc.SaveFormA(ctx, p, id, v, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Env.Svc.Submit(ctx, p, id, v, "ja"); err != nil {
		t.Fatal(err)
	}
	return id
}

// staffSteps runs review steps on an application, each at its current version.
func staffSteps(t *testing.T, s *site, id int64, steps ...func(v int64) error) {
	t.Helper()
	for _, step := range steps {
		a, err := s.Env.Store.Application(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if err := step(a.Version); err != nil {
			t.Fatal(err)
		}
	}
}

// A provider's dashboard shows its own applications with state, next step
// and who takes it; an unpaid invoice (with its due date) and an open
// inquiry (which has no due date, and says so) are at the top with a link
// to where the provider acts; another provider's application, service name
// and invoice never appear; GET /api/v1/me/work says the same.
func TestProviderDashboardShowsWork(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		ctx := context.Background()
		jimu := service.Principal{User: users[nintei.RoleSecretariat]}
		ownerB := s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社ほかの事業者")

		start := func(id int64) func(int64) error {
			return func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, v) }
		}
		accept := func(id int64) func(int64) error {
			return func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, v); return err }
		}
		pay := func(id int64) func(int64) error {
			return func(v int64) error { return s.Env.Svc.ConfirmPayment(ctx, jimu, id, v, "2026-11-27", 209000, "") }
		}
		ask := func(id int64) func(int64) error {
			return func(v int64) error {
				return s.Env.Svc.OpenInquiry(ctx, jimu, id, v, "IPIOT-050", "根拠資料の版を教えてください。")
			}
		}
		unpaid := submittedNamed(t, s, users[nintei.RoleOwner], "みなと監視クラウド")
		staffSteps(t, s, unpaid, start(unpaid), accept(unpaid))
		asked := submittedNamed(t, s, users[nintei.RoleOwner], "みなとデータ基盤")
		staffSteps(t, s, asked, start(asked), accept(asked), pay(asked), ask(asked))
		otherApp := submittedNamed(t, s, ownerB, "ほかの事業者のクラウド")
		staffSteps(t, s, otherApp, start(otherApp), accept(otherApp))

		invs, err := s.Env.Store.Invoices(ctx, unpaid)
		if err != nil || len(invs) != 1 {
			t.Fatalf("invoices = %v, %v", invs, err)
		}
		inv := invs[0]
		otherInvs, _ := s.Env.Store.Invoices(ctx, otherApp)

		doc := s.loginAs(t, nintei.RoleOwner).getPage(t, "/dashboard", 200)
		todo := doc.Find("#h-todo").Parent()
		invoiceItem := todo.Find(`li[data-kind="invoice"]`)
		if invoiceItem.Length() != 1 || !strings.Contains(invoiceItem.Text(), jaDate(inv.DueOn)) || !strings.Contains(invoiceItem.Text(), inv.Number) ||
			!strings.Contains(invoiceItem.Text(), yenText(inv.TotalYen)+"円") {
			t.Errorf("invoice to do = %q, want the due date %s, %s and the amount", invoiceItem.Text(), jaDate(inv.DueOn), inv.Number)
		}
		if href, _ := invoiceItem.Find("a").Attr("href"); href != appURL(unpaid, "#h-invoice") {
			t.Errorf("invoice link = %q", href)
		}
		inquiryItem := todo.Find(`li[data-kind="inquiry"]`)
		inquiryDue := addDaysText(s.Env.Svc.Today().Format("2006-01-02"), 14) // --inquiry-answer-days
		if inquiryItem.Length() != 1 || !strings.Contains(inquiryItem.Text(), s.ja("work.todo.inquiry_due", map[string]any{"Due": jaDate(inquiryDue)})) ||
			!strings.Contains(inquiryItem.Text(), "みなとデータ基盤") {
			t.Errorf("inquiry to do = %q", inquiryItem.Text())
		}
		if href, _ := inquiryItem.Find("a").Attr("href"); href != appURL(asked, "#h-inquiries-a") {
			t.Errorf("inquiry link = %q", href)
		}
		rows := map[string]string{}
		doc.Find("#h-my-apps").Parent().Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			href, _ := tr.Find("th a").Attr("href")
			rows[href] = strings.Join(strings.Fields(tr.Text()), " ")
		})
		for id, want := range map[int64][]string{
			unpaid: {"みなと監視クラウド", s.ja("state.awaiting_payment", nil), s.ja("work.next.pay_invoice", nil), s.ja("work.by.provider", nil), jaDate(inv.DueOn)},
			asked:  {"みなとデータ基盤", s.ja("state.inquiry", nil), s.ja("work.next.answer_inquiry", nil), s.ja("work.deadline.inquiry_due", nil), jaDate(inquiryDue)},
		} {
			row, found := rows[appURL(id, "")]
			for _, w := range want {
				if !found || !strings.Contains(row, w) {
					t.Errorf("application %d row = %q, want %q", id, row, w)
				}
			}
		}
		if len(rows) != 2 {
			t.Errorf("application rows = %v, want the provider's two", rows)
		}
		page := doc.Text()
		for _, leak := range []string{"ほかの事業者のクラウド", otherInvs[0].Number, appURL(otherApp, "")} {
			if strings.Contains(page, leak) || strings.Contains(htmlOf(doc), leak) {
				t.Errorf("provider A's dashboard shows %q of provider B", leak)
			}
		}

		// The same data as JSON.
		var work workJSON
		api := s.bearerClient(s.apiToken(t, users[nintei.RoleOwner], "work").Secret)
		reply := api.get(t, "/api/v1/me/work")
		if reply.Status != 200 {
			t.Fatalf("GET /api/v1/me/work = %d %s", reply.Status, reply.Body)
		}
		reply.json(t, &work)
		var ids []int64
		for _, a := range work.Applications {
			ids = append(ids, a.ID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, []int64{unpaid, asked}) || work.Certifications == nil || len(work.Certifications) != 0 {
			t.Errorf("JSON applications = %v, certifications = %v", ids, work.Certifications)
		}
		var kinds []string
		for _, td := range work.Todo {
			kinds = append(kinds, td.Kind)
			switch td.Kind {
			case "invoice":
				if td.DueOn == nil || *td.DueOn != inv.DueOn || td.URL != appURL(unpaid, "#h-invoice") || td.Number != inv.Number {
					t.Errorf("JSON invoice = %+v", td)
				}
			case "inquiry":
				if td.DueOn == nil || *td.DueOn != inquiryDue || td.AskedOn == nil || td.URL != appURL(asked, "#h-inquiries-a") || td.OpenInquiries != 1 {
					t.Errorf("JSON inquiry = %+v", td)
				}
			}
		}
		slices.Sort(kinds)
		if !slices.Equal(kinds, []string{"inquiry", "invoice"}) {
			t.Errorf("JSON to do = %v", kinds)
		}
		for _, leak := range []string{"ほかの事業者のクラウド", otherInvs[0].Number, `"id":` + strconv.FormatInt(otherApp, 10) + `,`} {
			if strings.Contains(reply.Body, leak) {
				t.Errorf("provider A's JSON shows %q of provider B", leak)
			}
		}
		if !strings.Contains(reply.Body, `"due_on":"`+inquiryDue+`"`) || !strings.Contains(reply.Body, `"certifications":[]`) {
			t.Errorf("JSON: want the inquiry's answer due date and [] for no certifications: %s", reply.Body)
		}

		// Provider B sees its own invoice and nothing of A.
		cb := s.client()
		login(t, cb, "owner@b.example.jp", testenv.TestPassword)
		docB := cb.getPage(t, "/dashboard", 200)
		if !strings.Contains(docB.Text(), otherInvs[0].Number) || strings.Contains(docB.Text(), inv.Number) || strings.Contains(docB.Text(), "みなと") {
			t.Errorf("provider B's dashboard: %q", docB.Find("main").Text())
		}
	})
}

func htmlOf(doc *goquery.Document) string {
	h, _ := doc.Html()
	return h
}

// No role's dashboard says its work comes "in the next stage"; each points
// to the screens where that role works today.
func TestDashboardOfEveryRoleNamesItsScreens(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		want := map[nintei.Role][]string{
			nintei.RoleOwner:       {"/applications", "/members"},
			nintei.RoleMember:      {"/applications", "/members"},
			nintei.RoleSecretariat: {"/queue", "/applications", "/incidents", "/returns", "/audit"},
			nintei.RoleReviewer:    {"/applications", "/incidents"},
			nintei.RoleCommittee:   {"/applications", "/incidents"},
			nintei.RoleAdmin:       {"/queue", "/applications", "/audit", "/admin/catalog/import"},
		}
		for _, role := range nintei.Roles {
			c := s.loginAs(t, role)
			base, _ := url.Parse(s.URL)
			for _, lang := range []string{"en", "ja"} {
				c.jar.SetCookies(base, []*http.Cookie{{Name: langCookie, Value: lang, Path: "/"}})
				r := c.get(t, "/dashboard")
				if r.Status != 200 {
					t.Fatalf("%s %s: /dashboard = %d", role, lang, r.Status)
				}
				for _, bad := range []string{"次の段階", "next stage", "work.", "dashboard.staff"} {
					if strings.Contains(r.doc(t).Find("main").Text(), bad) {
						t.Errorf("%s %s: the dashboard says %q", role, lang, bad)
					}
				}
			}
			doc := c.getPage(t, "/dashboard", 200)
			for _, href := range want[role] {
				if doc.Find(`main a[href="`+href+`"]`).Length() == 0 {
					t.Errorf("%s: no link to %s on the dashboard", role, href)
				}
			}
			if doc.Find(`main a[href="/admin/clock"]`).Length() != 0 {
				t.Errorf("%s: the demo date link outside the demo", role)
			}
		}
	})
}

// addDaysText is a YYYY-MM-DD day n days on.
func addDaysText(day string, n int) string {
	d, _ := time.Parse("2006-01-02", day)
	return d.AddDate(0, 0, n).Format("2006-01-02")
}
