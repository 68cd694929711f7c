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

// The events route decides its action from the body, so the route admits
// only roles that may fire at least one staff event of the state table
// (application.StaffActions, asked of the policy): the administrator and
// the committee fire none and get 403 even with a body that does not parse,
// nothing decoded (separation of duties, docs/access.md); the reviewer gets
// past the route and the table still refuses it the secretariat's events
//
func TestFireEventRefusesRoleBeforeDecoding_R6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		app := submittedApplication(t, s, owner)
		events := "/api/v1/applications/" + strconv.FormatInt(app, 10) + "/events"
		bearer := map[nintei.Role]*client{}
		for _, role := range []nintei.Role{nintei.RoleSecretariat, nintei.RoleReviewer, nintei.RoleCommittee, nintei.RoleAdmin} {
			bearer[role] = s.bearerClient(s.apiToken(t, s.Env.AddUser(t, string(role)+"@body.example.jp", role, ""), string(role)).Secret)
		}
		for _, role := range []nintei.Role{nintei.RoleCommittee, nintei.RoleAdmin} {
			for _, body := range []any{"{not json", map[string]any{"event": "start_formal_review", "version": 1}} {
				s.wantAPIError(t, bearer[role].api(t, "POST", events, body), http.StatusForbidden, "error.forbidden")
			}
		}
		// Roles that may fire some staff event get past the route: a
		// malformed body is then a malformed body.
		for _, role := range []nintei.Role{nintei.RoleSecretariat, nintei.RoleReviewer} {
			s.wantAPIError(t, bearer[role].api(t, "POST", events, "{not json"), http.StatusBadRequest, "error.json.malformed")
		}
		// The table's per-event check stays: the reviewer asks, the
		// secretariat runs the review.
		a, err := s.Env.Store.Application(context.Background(), app)
		if err != nil {
			t.Fatal(err)
		}
		s.wantAPIError(t, bearer[nintei.RoleReviewer].api(t, "POST", events, map[string]any{"event": "start_formal_review", "version": a.Version}),
			http.StatusForbidden, "error.forbidden")
		if r := bearer[nintei.RoleSecretariat].api(t, "POST", events, map[string]any{"event": "start_formal_review", "version": a.Version}); r.Status != http.StatusOK {
			t.Fatalf("the secretariat's start_formal_review = %d %s", r.Status, r.Body)
		}
	})
}
