package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
	"nintei/service/apply"
)

// queueFormA is a complete Form A for a service of the given name.
func queueFormA(service string) application.FormA {
	return application.FormA{
		Provider: application.Provider{CorporateNumber: "７０００－０１２０５０００２", Name: orgA,
			RepresentativeName: "港 健太", RepresentativeTitle: "代表取締役", RepresentativeHasPower: true,
			PostalCode: "105-0001", Address: "東京都港区虎ノ門1-1-1", ContactName: "青木 美咲", ContactDepartment: "品質保証部",
			ContactEmail: "nintei@minato-cloud.example.jp", ContactPhone: "03-1234-5678"},
		Service: application.Service{Name: service, Overview: "IoT機器のデータ収集・分析基盤",
			URL: "https://iot.minato-cloud.example.jp/", StartDate: "2023-04-01", Bases: []string{"system", "network"}},
	}
}

// queueSubmitted makes an application that passes the pre-check (complete
// Form A and Form B, the original proof of existence, evidence linked to
// every item) and submits it.
func queueSubmitted(t *testing.T, s *site, owner service.Principal, name string) application.Application {
	t.Helper()
	ctx := context.Background()
	a, err := s.Env.Svc.OpenApplication(ctx, owner, "")
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.Env.Svc.SaveFormA(ctx, owner, a.ID, a.Version, queueFormA(name))
	if err != nil {
		t.Fatal(err)
	}
	ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	var entries []formb.Entry
	var ids []string
	for _, it := range ed.Items {
		entries = append(entries, formbtest.CompleteForm(ed)[it.ID])
		ids = append(ids, it.ID)
	}
	if _, err = s.Env.Svc.SaveFormB(ctx, owner, a.ID, v, entries); err != nil {
		t.Fatal(err)
	}
	for _, n := range []apply.NewAttachment{{Purpose: application.PurposeExistence, FileName: "登記.pdf", Original: true},
		{Purpose: application.PurposeEvidence, FileName: "仕様書.pdf", ItemIDs: ids}} {
		n.Body = strings.NewReader(tinyPDF)
		if _, err := s.Env.Svc.AddAttachment(ctx, owner, a.ID, n); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Env.Svc.Submit(ctx, owner, a.ID, queueVersion(t, s, a.ID), i18n.Japanese); err != nil {
		t.Fatalf("submit: %v", err)
	}
	return a
}

func queueVersion(t *testing.T, s *site, id int64) int64 {
	t.Helper()
	a, err := s.Env.Store.Application(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Version
}

// queueInvoiced takes a submitted application through the formal review to
// its invoice.
func queueInvoiced(t *testing.T, s *site, jimu service.Principal, id int64) review.Invoice {
	t.Helper()
	ctx := context.Background()
	if err := s.Env.Svc.StartFormalReview(ctx, jimu, id, queueVersion(t, s, id)); err != nil {
		t.Fatalf("start formal review: %v", err)
	}
	inv, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, queueVersion(t, s, id))
	if err != nil {
		t.Fatalf("accept formal: %v", err)
	}
	return inv
}

// queueRow finds the table row of a section that links to an application.
func queueRow(doc *goquery.Document, section string, id int64) *goquery.Selection {
	href := "/applications/" + strconv.FormatInt(id, 10)
	return doc.Find(`section[aria-labelledby="` + section + `"] tbody tr`).FilterFunction(func(_ int, tr *goquery.Selection) bool {
		return tr.Find(`a[href="`+href+`"]`).Length() == 1
	})
}

// The secretariat's review dashboard: an application invoiced
// ten days ago waits for payment and its invoice is three days overdue; an
// application with an open inquiry and one just submitted sit in their
// queues; the chart covers the last 30 days and has a table of its numbers.
func TestReviewQueue_R6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		ctx := context.Background()
		owner := service.Principal{User: users[nintei.RoleOwner]}
		jimu := service.Principal{User: users[nintei.RoleSecretariat]}

		unpaid := queueSubmitted(t, s, owner, "みなと<IoT>クラウド & 分析")
		inv := queueInvoiced(t, s, jimu, unpaid.ID)

		asked := queueSubmitted(t, s, owner, "みなとストレージ")
		paid := queueInvoiced(t, s, jimu, asked.ID)
		if err := s.Env.Svc.ConfirmPayment(ctx, jimu, asked.ID, queueVersion(t, s, asked.ID), paid.IssuedOn, paid.TotalYen, "振込"); err != nil {
			t.Fatalf("confirm payment: %v", err)
		}
		ed, _ := s.Env.Svc.ApplicationEdition(ctx, asked)
		item := ed.Items[0].ID
		question := `<b>障害時の連絡手段</b>を具体的に記載してください。`
		if err := s.Env.Svc.OpenInquiry(ctx, service.Principal{User: users[nintei.RoleReviewer]}, asked.ID,
			queueVersion(t, s, asked.ID), item, question); err != nil {
			t.Fatalf("open inquiry: %v", err)
		}

		s.Env.Clock.Advance(10 * 24 * time.Hour) // 2026-12-07 in Japan; the invoice was due 2026-12-04
		fresh := queueSubmitted(t, s, owner, "みなとゲートウェイ")

		r := s.loginAs(t, nintei.RoleSecretariat).get(t, "/queue")
		if r.Status != http.StatusOK {
			t.Fatalf("GET /queue as secretariat = %d\n%.800s", r.Status, r.Body)
		}
		doc := r.doc(t)
		if got := strings.TrimSpace(doc.Find("h1").Text()); got != s.ja("queue.title", nil) {
			t.Errorf("h1 = %q", got)
		}

		t.Run("accessibility", func(t *testing.T) {
			checkA11y(t, s, page{"queue ja", doc})
			en := s.loginAs(t, nintei.RoleAdmin)
			en.postForm(t, "/lang", url.Values{"lang": {"en"}, "csrf_token": {en.csrf(t)}})
			enDoc := en.getPage(t, "/queue", http.StatusOK)
			checkA11y(t, s, page{"queue en", enDoc})
			if got := enDoc.Find(`svg[role="img"] > title`).Text(); !strings.HasPrefix(got, "Applications by state") {
				t.Errorf("English chart title = %q", got)
			}
		})

		t.Run("queues", func(t *testing.T) {
			row := queueRow(doc, "q-awaiting_payment", unpaid.ID)
			if row.Length() != 1 {
				t.Fatalf("application %d is not in the awaiting_payment queue", unpaid.ID)
			}
			text := row.Text()
			for _, want := range []string{"みなと<IoT>クラウド & 分析", orgA, s.ja("queue.days", map[string]any{"Days": 10})} {
				if !strings.Contains(text, want) {
					t.Errorf("awaiting_payment row %q lacks %q", text, want)
				}
			}
			if !strings.Contains(r.Body, "みなと&lt;IoT&gt;クラウド &amp; 分析") {
				t.Error("the service name is not escaped in the page")
			}
			if queueRow(doc, "q-inquiry", asked.ID).Length() != 1 || queueRow(doc, "q-submitted", fresh.ID).Length() != 1 {
				t.Error("the inquiry and submitted queues do not list their applications")
			}
			if got := queueRow(doc, "q-submitted", fresh.ID).Text(); !strings.Contains(got, s.ja("queue.days", map[string]any{"Days": 0})) {
				t.Errorf("a fresh submission has waited %q, want 0 days", got)
			}
			if n := doc.Find(`section[aria-labelledby="q-formal_review"] table`).Length(); n != 0 {
				t.Errorf("the empty formal review queue has %d tables, want a message", n)
			}
		})

		t.Run("overdue payments", func(t *testing.T) {
			rows := doc.Find(`section[aria-labelledby="q-overdue"] tbody tr`)
			if rows.Length() != 1 {
				t.Fatalf("%d overdue invoices, want 1", rows.Length())
			}
			if got := strings.TrimSpace(rows.Find(`th[scope="row"]`).Text()); got != inv.Number {
				t.Errorf("invoice number = %q, want %q", got, inv.Number)
			}
			text := rows.Text()
			for _, want := range []string{s.ja("queue.days", map[string]any{"Days": 3}), "209,000", "2026年12月4日"} {
				if !strings.Contains(text, want) {
					t.Errorf("overdue row %q lacks %q", text, want)
				}
			}
			if rows.Find(`a[href="/applications/`+strconv.FormatInt(unpaid.ID, 10)+`"]`).Length() != 1 {
				t.Error("the overdue invoice does not link to its application")
			}
		})

		t.Run("inquiries", func(t *testing.T) {
			rows := doc.Find(`section[aria-labelledby="q-inquiries"] tbody tr`)
			if rows.Length() != 1 {
				t.Fatalf("%d open inquiries, want 1", rows.Length())
			}
			text := rows.Text()
			for _, want := range []string{item, question, s.ja("queue.days", map[string]any{"Days": 10})} {
				if !strings.Contains(text, want) {
					t.Errorf("inquiry row %q lacks %q", text, want)
				}
			}
			if strings.Contains(r.Body, "<b>障害時") {
				t.Error("the question is not escaped")
			}
		})

		t.Run("average days", func(t *testing.T) {
			rows := doc.Find(`section[aria-labelledby="q-averages"] tbody tr`)
			if rows.Length() != 8 {
				t.Fatalf("%d states averaged, want 8", rows.Length())
			}
			pay := rows.FilterFunction(func(_ int, tr *goquery.Selection) bool {
				return strings.TrimSpace(tr.Find("th").Text()) == s.ja("queue.state.awaiting_payment", nil)
			})
			// Two stays: one of 0 days (paid at once) and one of 10 days still going.
			if got := pay.Find("td").Text(); !strings.Contains(got, "2") || !strings.Contains(got, "5.0") {
				t.Errorf("awaiting_payment average = %q, want 2 stays of 5.0 days on average", got)
			}
		})

		t.Run("chart", func(t *testing.T) {
			svgs := doc.Find(`svg[role="img"]`)
			if svgs.Length() != 1 || doc.Find("svg").Length() != 1 {
				t.Fatalf("%d svg[role=img] of %d svg, want exactly one", svgs.Length(), doc.Find("svg").Length())
			}
			title := svgs.ChildrenFiltered("title")
			want := s.ja("chart.title", map[string]any{"From": "2026-11-08", "To": "2026-12-07"})
			if title.Length() != 1 || strings.TrimSpace(title.Text()) != want {
				t.Errorf("svg title = %q, want %q", title.Text(), want)
			}
			if svgs.ChildrenFiltered("desc").Length() != 1 || svgs.AttrOr("aria-labelledby", "") != title.AttrOr("id", "-") {
				t.Error("the svg lacks a desc or is not labelled by its title")
			}
			if strings.Contains(r.Body, "<script") || svgs.Find("[style]").Length() > 0 {
				t.Error("the chart carries a script or a style attribute")
			}
			table := doc.Find(`section[aria-labelledby="q-chart"] table`)
			if table.Length() != 1 || strings.TrimSpace(table.Find("caption").Text()) == "" {
				t.Fatal("the chart has no data table with a caption")
			}
			rows := table.Find("tbody tr")
			if rows.Length() != 30 || table.Find(`thead th[scope="col"]`).Length() != 10 || rows.Find(`th[scope="row"]`).Length() != 30 {
				t.Fatalf("data table has %d rows, %d column headers; want 30 days × (date, 8 states, total)",
					rows.Length(), table.Find(`thead th[scope="col"]`).Length())
			}
			last := rows.Last()
			if got := strings.TrimSpace(last.Find("th").Text()); got != "2026年12月7日" {
				t.Errorf("last day = %q, want today", got)
			}
			// Today: one submitted, one awaiting payment, one in inquiry.
			var cells []string
			last.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
			if got := strings.Join(cells, " "); got != "1 0 0 1 0 1 0 0 3" {
				t.Errorf("today's counts = %q, want 1 0 0 1 0 1 0 0 3", got)
			}
			if got := strings.TrimSpace(rows.First().Find("td").Last().Text()); got != "0" {
				t.Errorf("30 days ago the total was %q, want 0", got)
			}
		})
	})
}

// Only the secretariat (and the administrator) see the dashboard.
func TestReviewQueueAccess(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	for _, role := range []nintei.Role{nintei.RoleReviewer, nintei.RoleOwner, nintei.RoleMember, nintei.RoleCommittee} {
		if r := s.loginAs(t, role).get(t, "/queue"); r.Status != http.StatusForbidden {
			t.Errorf("GET /queue as %s = %d, want 403", role, r.Status)
		}
	}
	if r := s.loginAs(t, nintei.RoleAdmin).get(t, "/queue"); r.Status != http.StatusOK {
		t.Errorf("GET /queue as admin = %d, want 200", r.Status)
	}
	if r := s.client().get(t, "/queue"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login?next=") {
		t.Errorf("public GET /queue = %d to %q, want the login page", r.Status, r.location())
	}
	// An empty dashboard still draws its chart and says the queues are empty.
	doc := s.loginAs(t, nintei.RoleSecretariat).getPage(t, "/queue", http.StatusOK)
	if doc.Find(`svg[role="img"] > title`).Length() != 1 || !strings.Contains(doc.Text(), s.ja("queue.overdue_none", nil)) {
		t.Error("the empty dashboard lacks its chart or the empty-overdue message")
	}
}
