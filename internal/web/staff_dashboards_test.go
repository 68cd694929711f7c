package web

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/views"
)

// inboxJSON is the secretariat's and the committee member's answer of
// GET /api/v1/me/work.
type inboxJSON struct {
	Role   string           `json:"role"`
	Total  int              `json:"total"`
	Groups []inboxGroupJSON `json:"groups"`
}

func (in inboxJSON) group(kind string) inboxGroupJSON {
	for _, g := range in.Groups {
		if g.Kind == kind {
			return g
		}
	}
	return inboxGroupJSON{}
}

// ruleID is what a rule ID looks like; no dashboard shows one.
var ruleID = regexp.MustCompile(`\bR-\d+`)

// noInternals fails when a dashboard shows a rule ID or 「次の段階」.
func noInternals(t *testing.T, who string, doc *goquery.Document) {
	t.Helper()
	text := doc.Find("main").Text()
	if ruleID.MatchString(text) || strings.Contains(text, "次の段階") {
		t.Errorf("%s dashboard shows a rule ID or 次の段階: %q", who, text)
	}
}

// inboxRow is the row of an application in an inbox group on the page.
func inboxRow(doc *goquery.Document, kind string, id int64) *goquery.Selection {
	return doc.Find("#inbox-" + kind).Parent().Find("tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool {
		href, _ := tr.Find("th a").Attr("href")
		return href == appURL(id, "")
	})
}

// staffWorkCase is a submission, an invoice and a committee referral of
// the provider's.
type staffWorkCase struct{ fresh, invoiced, referred int64 }

func seedStaffWork(t *testing.T, s *site, users map[nintei.Role]nintei.User) staffWorkCase {
	t.Helper()
	ctx := context.Background()
	jimu := service.Principal{User: users[nintei.RoleSecretariat]}
	fresh := submittedNamed(t, s, users[nintei.RoleOwner], "みなと監視クラウド")
	invoiced := submittedNamed(t, s, users[nintei.RoleOwner], "みなとデータ基盤")
	staffSteps(t, s, invoiced,
		func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, invoiced, v) },
		func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, invoiced, v); return err })
	referred := submittedNamed(t, s, users[nintei.RoleOwner], "みなと分析基盤")
	staffSteps(t, s, referred,
		func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, referred, v) },
		func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, referred, v); return err },
		func(v int64) error { return s.Env.Svc.ConfirmPayment(ctx, jimu, referred, v, "2026-11-27", 209000, "") },
		func(v int64) error {
			return s.Env.Svc.ReferToCommittee(ctx, jimu, referred, v, []int64{users[nintei.RoleCommittee].ID})
		})

	return staffWorkCase{fresh, invoiced, referred}
}

// checkSecretariatWork checks the inbox on the page and in the API.
func checkSecretariatWork(t *testing.T, s *site, users map[nintei.Role]nintei.User, c staffWorkCase) {
	t.Helper()
	fresh, invoiced := c.fresh, c.invoiced
	doc := s.loginAs(t, nintei.RoleSecretariat).getPage(t, "/dashboard", 200)
	noInternals(t, "secretariat", doc)
	for kind, want := range map[string]struct {
		id      int64
		service string
		href    string
	}{
		views.InboxSubmitted: {fresh, "みなと監視クラウド", appURL(fresh, "/review#h-formal")},
		views.InboxPayment:   {invoiced, "みなとデータ基盤", appURL(invoiced, "/review#h-pay")},
	} {
		heading := doc.Find("#inbox-" + kind).Text()
		if !strings.Contains(heading, s.ja("inbox.kind."+kind, nil)) || !strings.Contains(heading, s.ja("inbox.count", map[string]any{"Count": 1})) {
			t.Errorf("%s heading = %q", kind, heading)
		}
		row := inboxRow(doc, kind, want.id)
		href, _ := row.Find("a.button").Attr("href")
		if row.Length() != 1 || !strings.Contains(row.Text(), want.service) || !strings.Contains(row.Text(), orgA) || href != want.href {
			t.Errorf("%s row = %q, link %q", kind, row.Text(), href)
		}
	}
	if inboxRow(doc, views.InboxPayment, invoiced).Find("td").Text() == "" ||
		!strings.Contains(doc.Find("#inbox-payment").Parent().Text(), "円") {
		t.Errorf("the invoice's amount is not shown in yen")
	}

	var in inboxJSON
	jimuAPI := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "inbox").Secret)
	jimuAPI.get(t, "/api/v1/me/work").json(t, &in)
	if g := in.group(views.InboxSubmitted); in.Role != "secretariat" || g.Count != 1 || g.Items[0].ApplicationID != fresh ||
		g.Items[0].URL != appURL(fresh, "/review#h-formal") || g.Items[0].Provider != orgA {
		t.Errorf("secretariat's work = %+v", in)
	}

}

// checkCommitteeWork checks the member's cases on the page and in the API.
func checkCommitteeWork(t *testing.T, s *site, users map[nintei.Role]nintei.User, c staffWorkCase) {
	t.Helper()
	referred := c.referred
	doc := s.loginAs(t, nintei.RoleCommittee).getPage(t, "/dashboard", 200)
	noInternals(t, "committee", doc)
	row := inboxRow(doc, views.CommitteeDeclare, referred)
	if href, _ := row.Find("a.button").Attr("href"); row.Length() != 1 || href != appURL(referred, "/review#h-members") ||
		!strings.Contains(row.Text(), "みなと分析基盤") {
		t.Errorf("committee row = %q, link %q", row.Text(), href)
	}
	var cw inboxJSON
	s.bearerClient(s.apiToken(t, users[nintei.RoleCommittee], "cw").Secret).get(t, "/api/v1/me/work").json(t, &cw)
	if cw.Role != "committee" || cw.Total != 1 || cw.group(views.CommitteeDeclare).Count != 1 {
		t.Errorf("committee member's work = %+v", cw)
	}

}

// checkAdminWork checks the administrator's dashboard and API answer.
func checkAdminWork(t *testing.T, s *site, users map[nintei.Role]nintei.User) {
	t.Helper()
	doc := s.loginAs(t, nintei.RoleAdmin).getPage(t, "/dashboard", 200)
	noInternals(t, "admin", doc)
	if users := doc.Find("#h-users").Text(); !strings.Contains(users, s.ja("admin.users.people", map[string]any{"Count": 6})) {
		t.Errorf("admin's users heading = %q", users)
	}
	if jobs := doc.Find("#h-jobs").Parent().Text(); !strings.Contains(jobs, s.ja("admin.jobs.none", nil)) {
		t.Errorf("admin's jobs = %q", jobs)
	}
	if doc.Find(`a[href="/admin/clock"]`).Length() != 0 {
		t.Errorf("the date control is linked outside the demo")
	}
	var aw struct {
		Role  string `json:"role"`
		Users struct {
			Total int `json:"total"`
		} `json:"users"`
		FailedJobs []jobJSON `json:"failed_jobs"`
	}
	s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "aw").Secret).get(t, "/api/v1/me/work").json(t, &aw)
	if aw.Role != "admin" || aw.Users.Total != 6 || aw.FailedJobs == nil {
		t.Errorf("admin's work = %+v", aw)
	}

}

// checkOtherRolesWork: a reviewer gets 403, a provider only its own work.
func checkOtherRolesWork(t *testing.T, s *site, users map[nintei.Role]nintei.User) {
	t.Helper()
	reviewer := s.bearerClient(s.apiToken(t, users[nintei.RoleReviewer], "rv").Secret)
	var rw struct {
		Assigned []json.RawMessage `json:"assigned"`
		Others   []json.RawMessage `json:"others"`
	}
	if r := reviewer.get(t, "/api/v1/me/work"); r.Status != 200 {
		t.Errorf("a reviewer's work = %d %s", r.Status, r.Body)
	} else if r.json(t, &rw); rw.Assigned == nil || len(rw.Others) == 0 {
		t.Errorf("a reviewer's work = %+v, want the applications in review", rw)
	}
	var own workJSON
	s.bearerClient(s.apiToken(t, users[nintei.RoleOwner], "own").Secret).get(t, "/api/v1/me/work").json(t, &own)
	if own.Role != "provider" || len(own.Applications) != 3 {
		t.Errorf("the provider's work = %+v", own)
	}
	other := s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社ほかの事業者")
	var none workJSON
	s.bearerClient(s.apiToken(t, other, "other").Secret).get(t, "/api/v1/me/work").json(t, &none)
	if none.Role != "provider" || len(none.Applications)+len(none.Todo) != 0 {
		t.Errorf("another provider sees %+v", none)
	}
}

// The secretariat's dashboard is its inbox: a submission to take into
// formal review and an invoice to confirm, each under its heading with its
// count, naming the service and provider and linking to the review screen;
// the committee member sees the case waiting for the declaration; the
// administrator the users and the failed jobs; GET /api/v1/me/work gives
// each role the same, a reviewer the applications in review and a provider only its own work.
func TestStaffDashboards_R6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		c := seedStaffWork(t, s, users)
		checkSecretariatWork(t, s, users, c)
		checkCommitteeWork(t, s, users, c)
		checkAdminWork(t, s, users)
		checkOtherRolesWork(t, s, users)
	})
}

// The secretariat's dashboard, the review dashboard and the review page
// send as many queries with 30 applications under review as with 3.
func TestStaffPagesQueryCountIsFixed(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		ctx := context.Background()
		jimu := service.Principal{User: users[nintei.RoleSecretariat]}
		c := s.loginAs(t, nintei.RoleSecretariat)
		var last int64
		seed := func(n int) {
			for i := range n {
				last = submittedNamed(t, s, users[nintei.RoleOwner], "みなと監視クラウド")
				if i%2 == 1 {
					id := last
					staffSteps(t, s, id,
						func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, v) },
						func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, v); return err })
				}
			}
		}
		count := func() map[string]int64 {
			out := map[string]int64{}
			for _, path := range []string{"/dashboard", "/queue", "/api/v1/me/work", "review"} {
				if path == "review" {
					path = appURL(last, "/review") // the newest application's
				}
				before := s.Env.Store.Queries()
				if r := c.get(t, path); r.Status != 200 {
					t.Fatalf("GET %s = %d", path, r.Status)
				}
				out[path] = s.Env.Store.Queries() - before
			}
			return out
		}
		seed(3)
		count() // the first request of a session may refresh it
		few := count()
		seed(27)
		many := count()
		for path, n := range few {
			if strings.HasSuffix(path, "/review") {
				path = appURL(last, "/review")
			}
			if many[path] != n {
				t.Errorf("GET %s: %d queries with 3 applications, %d with 30", path, n, many[path])
			}
		}
		t.Logf("queries per page: %v", many)
	})
}
