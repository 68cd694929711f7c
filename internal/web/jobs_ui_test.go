package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/jobs"
	"nintei/internal/testenv"
)

// deadMailJob queues a mail with one attempt and runs it against a mail
// server that refuses it, so the job ends dead.
func deadMailJob(t *testing.T, s *site) int64 {
	t.Helper()
	ctx := context.Background()
	s.Env.Svc.SetMailer(failingSender{})
	r := jobs.New(s.Env.Store, s.Env.Clock, jobs.Options{})
	s.Env.Svc.RegisterJobs(r)
	id, _, err := jobs.Enqueue(ctx, s.Env.Store, "mail.send",
		map[string]string{"to": "owner@a.example.jp", "subject": "件名", "text": "本文"}, jobs.Spec{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	if j, _ := s.Env.Store.JobByID(ctx, id); j.State != "dead" {
		t.Fatalf("the mail job is %s, want dead", j.State)
	}
	return id
}

// The administrator's jobs page lists the jobs with a filter by state, the
// kind in words, attempts, next run and last error, and retries a dead job
// with a button; the dashboard's failed-jobs box links to it.
func TestAdminJobsPageListsAndRetries(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		id := deadMailJob(t, s)
		ids := strconv.FormatInt(id, 10)
		admin := s.loginAs(t, nintei.RoleAdmin)

		dash := admin.getPage(t, "/dashboard", http.StatusOK)
		if dash.Find(`#h-jobs`).Parent().Find(`a[href="/admin/jobs?state=dead"]`).Length() != 1 {
			t.Error("the dashboard's failed-jobs box does not link to the jobs page")
		}
		doc := admin.getPage(t, "/admin/jobs?state=dead", http.StatusOK)
		noInternals(t, "jobs", doc)
		row := doc.Find("#job-" + ids)
		cell := func(label string) string {
			return strings.TrimSpace(row.Find(`[data-label="` + s.ja(label, nil) + `"]`).Text())
		}
		if got := cell("jobs.col.kind"); got != "メール送信" {
			t.Errorf("kind = %q, want メール送信", got)
		}
		if got := cell("jobs.col.state"); got != s.ja("jobs.state.dead", nil) {
			t.Errorf("state = %q", got)
		}
		if got := cell("jobs.col.attempts"); got != "1 / 1 回" {
			t.Errorf("attempts = %q", got)
		}
		if got := cell("jobs.col.error"); !strings.Contains(got, "smtp down") {
			t.Errorf("last error = %q", got)
		}
		if got := doc.Find(`nav ul.tabs a[aria-current="page"]`).Text(); got != s.ja("jobs.state.dead", nil) {
			t.Errorf("current filter = %q", got)
		}
		if n := admin.getPage(t, "/admin/jobs?state=done", http.StatusOK).Find("#job-" + ids).Length(); n != 0 {
			t.Error("the dead job is listed under done")
		}

		r := submitForm(t, admin, doc, `#job-`+ids+` form[action="/admin/jobs/`+ids+`/retry"]`, nil)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("retry = %d, want 303\n%.600s", r.Status, r.Body)
		}
		after := admin.getPage(t, r.location(), http.StatusOK)
		if flashText(after) != s.ja("flash.job_retried", nil) {
			t.Errorf("flash = %q", flashText(after))
		}
		row = after.Find("#job-" + ids)
		if got := strings.TrimSpace(row.Find(`[data-label="` + s.ja("jobs.col.attempts", nil) + `"]`).Text()); got != "0 / 1 回" {
			t.Errorf("after the retry: attempts = %q (row %q)", got, row.Text())
		}
		if row.Find("form").Length() != 0 {
			t.Error("a queued job offers a retry")
		}
		again := admin.postForm(t, "/admin/jobs/"+ids+"/retry", url.Values{"csrf_token": {csrfToken(t, after)}})
		if again.Status != http.StatusConflict || !strings.Contains(again.Body, "再実行できません") {
			t.Errorf("retry of a queued job = %d\n%.600s", again.Status, again.Body)
		}
		if r := s.loginAs(t, nintei.RoleSecretariat).get(t, "/admin/jobs"); r.Status != http.StatusForbidden {
			t.Errorf("secretariat's GET /admin/jobs = %d, want 403", r.Status)
		}
	})
}

// The same in the API: GET /api/v1/jobs?state= without payloads, and POST
// /api/v1/jobs/{id}/retry, 409 for a job that is not dead.
func TestJobsAPIListsAndRetries(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	id := deadMailJob(t, s)
	c := s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "jobs").Secret)

	r := c.get(t, "/api/v1/jobs?state=dead")
	if r.Status != http.StatusOK || strings.Contains(r.Body, "本文") || strings.Contains(r.Body, "payload") {
		t.Fatalf("GET /api/v1/jobs?state=dead = %d %s", r.Status, r.Body)
	}
	var list struct {
		Jobs []jobAdmin `json:"jobs"`
	}
	r.json(t, &list)
	if len(list.Jobs) != 1 || list.Jobs[0].ID != id || list.Jobs[0].Kind != "mail.send" || list.Jobs[0].State != "dead" ||
		list.Jobs[0].Attempts != 1 || list.Jobs[0].MaxAttempts != 1 || !strings.Contains(list.Jobs[0].LastError, "smtp down") ||
		list.Jobs[0].FinishedAt == nil {
		t.Errorf("dead jobs = %+v", list.Jobs)
	}
	s.wantAPIError(t, c.get(t, "/api/v1/jobs?state=lost"), http.StatusBadRequest, "error.job.state")

	path := "/api/v1/jobs/" + strconv.FormatInt(id, 10) + "/retry"
	var j jobAdmin
	r = c.api(t, "POST", path, nil)
	r.json(t, &j)
	if r.Status != http.StatusOK || j.State != "queued" || j.Attempts != 0 || j.LastError == "" {
		t.Errorf("retry = %d %+v", r.Status, j)
	}
	if r := c.api(t, "POST", path, nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "error.job.not_dead") {
		t.Errorf("second retry = %d %s", r.Status, r.Body)
	}
	if r := c.api(t, "POST", "/api/v1/jobs/999999/retry", nil); r.Status != http.StatusNotFound {
		t.Errorf("retry of no job = %d", r.Status)
	}
	jimu := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "jimu").Secret)
	if r := jimu.get(t, "/api/v1/jobs"); r.Status != http.StatusForbidden {
		t.Errorf("secretariat's GET /api/v1/jobs = %d", r.Status)
	}
}

type jobAdmin struct {
	ID          int64   `json:"id"`
	Kind        string  `json:"kind"`
	State       string  `json:"state"`
	Attempts    int     `json:"attempts"`
	MaxAttempts int     `json:"max_attempts"`
	LastError   string  `json:"last_error"`
	FinishedAt  *string `json:"finished_at"`
}
