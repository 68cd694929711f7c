package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
)

// The review through the API: staff fire events of the state table; the
// applicant reads invoices and the decision but never the staff view.
func TestReviewThroughAPI_R6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		jimu := s.Env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		app := submittedApplication(t, s, owner)
		staff := s.bearerClient(s.apiToken(t, jimu, "s").Secret)
		applicant := s.bearerClient(s.apiToken(t, owner, "a").Secret)
		base := "/api/v1/applications/" + strconv.FormatInt(app, 10)
		fire := func(body map[string]any, want int) applicationJSON {
			t.Helper()
			var a applicationJSON
			staff.api(t, "GET", base, nil).json(t, &a)
			body["version"] = a.Version
			r := staff.api(t, "POST", base+"/events", body)
			if r.Status != want {
				t.Fatalf("%v = %d %s", body["event"], r.Status, r.Body)
			}
			if want == http.StatusOK {
				r.json(t, &a)
			}
			return a
		}
		fire(map[string]any{"event": "start_formal_review"}, http.StatusOK)
		fire(map[string]any{"event": "accept_formal"}, http.StatusOK)
		fire(map[string]any{"event": "confirm_payment", "paid_on": "2026-11-27", "paid_yen": 1}, http.StatusBadRequest)
		if a := fire(map[string]any{"event": "confirm_payment", "paid_on": "2026-11-27", "paid_yen": 209000}, http.StatusOK); a.State != "document_review" {
			t.Fatalf("state = %s", a.State)
		}
		fire(map[string]any{"event": "teleport"}, http.StatusBadRequest)
		fire(map[string]any{"event": "confirm_payment", "paid_on": "2026-11-27", "paid_yen": 209000}, http.StatusConflict)
		r := staff.api(t, "POST", base+"/assessments", map[string]any{"item": "IPIOT-001", "verdict": "ok", "comment": "確認"})
		if r.Status != http.StatusNoContent {
			t.Fatalf("assess = %d %s", r.Status, r.Body)
		}
		// the other mandatory items are not assessed yet.
		fire(map[string]any{"event": "certify"}, http.StatusConflict)
		if err := testenv.AssessMandatoryOK(context.Background(), s.Env.Svc, service.Principal{User: jimu}, app); err != nil {
			t.Fatal(err)
		}
		if a := fire(map[string]any{"event": "certify"}, http.StatusOK); a.State != "certified" {
			t.Fatalf("state = %s", a.State)
		}
		r = applicant.api(t, "GET", base+"/progress", nil)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"total_yen":209000`) || !strings.Contains(r.Body, `"outcome":"certified"`) {
			t.Errorf("applicant progress = %d %s", r.Status, r.Body)
		}
		if r = applicant.api(t, "GET", base+"/review", nil); r.Status != http.StatusForbidden {
			t.Errorf("applicant reading the staff view = %d", r.Status)
		}
		if r = staff.api(t, "GET", base+"/review", nil); r.Status != http.StatusOK || !strings.Contains(r.Body, `"IPIOT-001"`) {
			t.Errorf("staff view = %d %.300s", r.Status, r.Body)
		}
	})
}

// submittedApplication makes a submitted application through the service.
func submittedApplication(t *testing.T, s *site, owner nintei.User) int64 {
	t.Helper()
	ctx := context.Background()
	p := service.Principal{User: owner}
	app, v := s.Env.ReadyApplication(t, p)
	if err := s.Env.Svc.Submit(ctx, p, app, v, "ja"); err != nil {
		t.Fatal(err)
	}
	return app
}
