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
	"nintei/service"
)

// The secretariat's list through the router: a caption saying what is
// listed, filters by state, provider and text, sorting links that keep the
// filters, and the same list at the API. A provider sees only its own list
// and cannot open another provider's application.
func TestStaffApplicationList(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	owner := service.Principal{User: users[nintei.RoleOwner]}
	jimu := service.Principal{User: users[nintei.RoleSecretariat]}
	a := queueSubmitted(t, s, owner, "みなとIoTデータ基盤")
	b := queueSubmitted(t, s, owner, "みなと監視クラウド")
	queueInvoiced(t, s, jimu, b.ID)
	c := s.loginAs(t, nintei.RoleSecretariat)

	doc := c.getPage(t, "/applications", http.StatusOK)
	if got := doc.Find("table#applist caption").Text(); got != "申請一覧（すべての状態、2件）" {
		t.Errorf("caption = %q", got)
	}
	if doc.Find(`table#applist th[scope="col"]`).Length() != 8 || doc.Find(`table#applist tbody th[scope="row"]`).Length() != 2 {
		t.Error("the list is not a table with column and row headers")
	}
	doc = c.getPage(t, "/applications?state=awaiting_payment", http.StatusOK)
	if got := doc.Find("table#applist caption").Text(); got != "申請一覧（手数料の入金待ち、1件）" || doc.Find("#case-"+strconv.FormatInt(b.ID, 10)).Length() != 1 {
		t.Errorf("state filter: caption %q", got)
	}
	if due := doc.Find("#case-" + strconv.FormatInt(b.ID, 10) + " td").Eq(5).Text(); !strings.Contains(due, "年") {
		t.Errorf("invoice due = %q, want a Japanese date", due)
	}
	doc = c.getPage(t, "/applications?q="+url.QueryEscape("監視"), http.StatusOK)
	if doc.Find("#case-"+strconv.FormatInt(b.ID, 10)).Length() != 1 || doc.Find("#case-"+strconv.FormatInt(a.ID, 10)).Length() != 0 {
		t.Error("text search did not select the one service")
	}
	doc = c.getPage(t, "/applications?state=submitted&sort=service", http.StatusOK)
	href, _ := doc.Find(`th[aria-sort="ascending"] a`).Attr("href")
	if !strings.Contains(href, "dir=desc") || !strings.Contains(href, "state=submitted") {
		t.Errorf("sorted column's link = %q, want the other direction with the filter kept", href)
	}
	var list struct {
		Applications []struct {
			ID          int64  `json:"id"`
			Provider    string `json:"provider"`
			Service     string `json:"service"`
			DaysInState int    `json:"days_in_state"`
			InvoiceDue  string `json:"invoice_due"`
		} `json:"applications"`
		Total int `json:"total"`
	}
	c.api(t, "GET", "/api/v1/applications?state=awaiting_payment", nil).json(t, &list)
	if list.Total != 2 || len(list.Applications) != 1 || list.Applications[0].ID != b.ID || list.Applications[0].Provider != orgA ||
		list.Applications[0].InvoiceDue == "" {
		t.Errorf("API list = %+v", list)
	}
	// A provider keeps its own list; another provider sees neither application.
	if doc := s.loginAs(t, nintei.RoleOwner).getPage(t, "/applications", http.StatusOK); doc.Find("table#applist").Length() != 0 {
		t.Error("a provider sees the staff list")
	}
	other := s.Env.AddUser(t, "owner@other.example.jp", nintei.RoleOwner, "別会社株式会社")
	oc := s.client()
	login(t, oc, other.Email, "correct horse battery staple")
	if doc := oc.getPage(t, "/applications", http.StatusOK); strings.Contains(doc.Text(), "みなと") {
		t.Error("another provider's applications are listed")
	}
	if r := oc.get(t, "/applications/"+strconv.FormatInt(a.ID, 10)); r.Status != http.StatusNotFound {
		t.Errorf("another provider's application = %d, want 404", r.Status)
	}
}

// Assignment through the router: only the secretariat may assign (403 for
// others, whatever the body); the review page shows the assigned reviewer;
// the reviewer's dashboard and /api/v1/me/work list the assignment first.
func TestReviewerAssignmentRoutes(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	owner := service.Principal{User: users[nintei.RoleOwner]}
	a := queueSubmitted(t, s, owner, "みなとIoTデータ基盤")
	id := strconv.FormatInt(a.ID, 10)
	rev := strconv.FormatInt(users[nintei.RoleReviewer].ID, 10)
	for _, role := range []nintei.Role{nintei.RoleReviewer, nintei.RoleCommittee, nintei.RoleAdmin, nintei.RoleOwner} {
		c := s.loginAs(t, role)
		if r := c.postForm(t, "/applications/"+id+"/reviewers", url.Values{"reviewer": {rev}}); r.Status != http.StatusForbidden {
			t.Errorf("%s assigning = %d, want 403", role, r.Status)
		}
		if r := c.api(t, "POST", "/api/v1/applications/"+id+"/reviewers", map[string]any{"reviewer_id": 1}); r.Status != http.StatusForbidden {
			t.Errorf("%s assigning by API = %d, want 403", role, r.Status)
		}
	}
	c := s.loginAs(t, nintei.RoleSecretariat)
	doc := c.getPage(t, "/applications/"+id+"/review", http.StatusOK)
	r := submitForm(t, c, doc, `form[action="/applications/`+id+`/reviewers"]`, url.Values{"reviewer": {rev}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("assign = %d", r.Status)
	}
	doc = c.getPage(t, "/applications/"+id+"/review", http.StatusOK)
	if !strings.Contains(doc.Find("#reviewer-list").Text(), users[nintei.RoleReviewer].Name) {
		t.Error("the review page does not show the assigned reviewer")
	}
	if doc.Find(`#assign-reviewer option[value="`+rev+`"]`).Length() != 0 {
		t.Error("the form still offers the reviewer already assigned")
	}
	r = c.postForm(t, "/applications/"+id+"/reviewers", url.Values{"csrf_token": {csrfToken(t, doc)}, "reviewer": {rev}})
	if r.Status != http.StatusConflict || !strings.Contains(alertText(r.doc(t)), "すでに") {
		t.Errorf("assigning twice = %d", r.Status)
	}
	rc := s.loginAs(t, nintei.RoleReviewer)
	if doc := rc.getPage(t, "/dashboard", http.StatusOK); doc.Find("#reviewer-work #revcase-"+id).Length() != 1 ||
		!strings.Contains(doc.Find("#revcase-"+id+" .progress").Text(), "評価済み") {
		t.Error("the reviewer's dashboard lacks the assignment and its progress")
	}
	var work struct {
		Assigned []struct {
			ID    int64 `json:"id"`
			Items int   `json:"items"`
		} `json:"assigned"`
	}
	rc.api(t, "GET", "/api/v1/me/work", nil).json(t, &work)
	if len(work.Assigned) != 1 || work.Assigned[0].ID != a.ID || work.Assigned[0].Items == 0 {
		t.Errorf("reviewer API work = %+v", work)
	}
	bc := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "casework").Secret)
	if r := bc.api(t, "DELETE", "/api/v1/applications/"+id+"/reviewers/"+rev, nil); r.Status != http.StatusOK {
		t.Errorf("unassign by API = %d", r.Status)
	}
	if n := len(s.Env.Mail.Messages()); n < 2 {
		t.Errorf("mails = %d, want the assignment and its end", n)
	}
}

// Closing a stalled application through the router: 403 for a reviewer;
// refused with a clear message before the invoice is 30 days overdue;
// from then on the review page offers the form and closing works; the
// staff list shows the new state.
func TestCloseStalledRoute(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	owner := service.Principal{User: users[nintei.RoleOwner]}
	jimu := service.Principal{User: users[nintei.RoleSecretariat]}
	a := queueSubmitted(t, s, owner, "みなと監視クラウド")
	inv := queueInvoiced(t, s, jimu, a.ID)
	id := strconv.FormatInt(a.ID, 10)
	form := url.Values{"reason": {"支払期限から30日を過ぎても入金がありません。"}, "version": {strconv.FormatInt(queueVersion(t, s, a.ID), 10)}}
	if r := s.loginAs(t, nintei.RoleReviewer).postForm(t, "/applications/"+id+"/close", form); r.Status != http.StatusForbidden {
		t.Errorf("a reviewer closing = %d, want 403", r.Status)
	}
	c := s.loginAs(t, nintei.RoleSecretariat)
	form.Set("csrf_token", c.csrf(t))
	r := c.postForm(t, "/applications/"+id+"/close", form)
	if r.Status != http.StatusConflict || !strings.Contains(alertText(r.doc(t)), "まだ取下げ扱いにできません") {
		t.Errorf("closing before the period = %d %q", r.Status, alertText(r.doc(t)))
	}
	due, _ := time.Parse("2006-01-02", inv.DueOn)
	s.Env.Clock.T = due.AddDate(0, 0, 30).Add(3 * time.Hour)
	c = s.loginAs(t, nintei.RoleSecretariat) // the session idled out meanwhile
	doc := c.getPage(t, "/applications/"+id+"/review", http.StatusOK)
	if r := submitForm(t, c, doc, `form[action="/applications/`+id+`/close"]`, url.Values{"reason": form["reason"]}); r.Status != http.StatusSeeOther {
		t.Fatalf("closing after 30 days = %d", r.Status)
	}
	doc = c.getPage(t, "/applications?state=closed_stalled", http.StatusOK)
	if doc.Find("#case-"+id).Length() != 1 || !strings.Contains(doc.Find("#case-"+id).Text(), "取下げ扱い") {
		t.Error("the list does not show the closed application")
	}
}

// The assessment form through the router: a progress count, filters as
// links (?filter=), a save per section that saves only that section, one
// save for everything shown, and a stale version refused with what was
// typed shown again.
func TestAssessmentForm(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	owner := service.Principal{User: users[nintei.RoleOwner]}
	jimu := service.Principal{User: users[nintei.RoleSecretariat]}
	a := queueSubmitted(t, s, owner, "みなとIoTデータ基盤")
	inv := queueInvoiced(t, s, jimu, a.ID)
	if err := s.Env.Svc.ConfirmPayment(context.Background(), jimu, a.ID, queueVersion(t, s, a.ID), "2026-11-27", inv.TotalYen, ""); err != nil {
		t.Fatal(err)
	}
	path := "/applications/" + strconv.FormatInt(a.ID, 10) + "/review"
	c := s.loginAs(t, nintei.RoleReviewer)
	doc := c.getPage(t, path, http.StatusOK)
	total := doc.Find("#assess-table tbody tr[id^=row-]").Length()
	if !strings.Contains(doc.Find("#assess-progress").Text(), "0 / "+strconv.Itoa(total)+" 評価済み") {
		t.Errorf("progress = %q", doc.Find("#assess-progress").Text())
	}
	first := doc.Find("#assess-table tbody").First()
	sec, _ := first.Attr("id")
	var items []string
	first.Find("tr[id^=row-]").Each(func(_ int, tr *goquery.Selection) {
		items = append(items, strings.TrimPrefix(tr.AttrOr("id", ""), "row-"))
	})
	fields := url.Values{"section": {strings.TrimPrefix(sec, "sec-")}}
	for _, id := range items {
		fields.Set("v."+id, "ok")
	}
	last := doc.Find("#assess-table tbody tr[id^=row-]").Last().AttrOr("id", "")
	fields.Set("v."+strings.TrimPrefix(last, "row-"), "not_met") // in another section: not saved by the section's button
	if r := submitForm(t, c, doc, "#assess-form", fields); r.Status != http.StatusSeeOther {
		t.Fatalf("save section = %d", r.Status)
	}
	doc = c.getPage(t, path+"?filter=unassessed", http.StatusOK)
	if got := doc.Find("#assess-table tbody tr[id^=row-]").Length(); got != total-len(items) {
		t.Errorf("unassessed after saving a section of %d = %d rows, want %d", len(items), got, total-len(items))
	}
	if doc.Find(`.assess-filters a[aria-current="page"]`).Text() != "未評価" {
		t.Error("the current filter is not marked")
	}
	if c.getPage(t, path+"?filter=not_met", http.StatusOK).Find("#assess-table tbody tr[id^=row-]").Length() != 0 {
		t.Error("an item outside the saved section was saved")
	}
	if c.getPage(t, path+"?filter=key", http.StatusOK).Find("#assess-table tbody tr[id^=row-]").Length() == 0 {
		t.Error("the key-item filter shows nothing")
	}
	// A stale version: refused, and the verdict typed is still selected.
	stale := url.Values{"csrf_token": {csrfToken(t, doc)}, "version": {"1"}, "v." + strings.TrimPrefix(last, "row-"): {"not_met"}}
	r := c.postForm(t, "/applications/"+strconv.FormatInt(a.ID, 10)+"/assessments", stale)
	if r.Status != http.StatusConflict {
		t.Fatalf("stale save = %d", r.Status)
	}
	if v, _ := r.doc(t).Find("#v-" + strings.TrimPrefix(last, "row-") + " option[selected]").Attr("value"); v != "not_met" {
		t.Errorf("after a conflict the typed verdict is %q, want it kept", v)
	}
}
