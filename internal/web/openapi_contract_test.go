package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
)

// errorRecorder is a testing.TB that keeps what would fail the test, so
// that a test can check that the contract check fails when it should.
type errorRecorder struct {
	testing.TB
	errors []string
}

func (r *errorRecorder) Helper() {}
func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *errorRecorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

// TestContractCheckFailsOnMismatch: the check that wraps every API call of
// the tests reports a body that breaks the document, naming the
// operation, the status and the JSON pointer of the bad value.
func TestContractCheckFailsOnMismatch(t *testing.T) {
	t.Parallel()
	s := newTestSiteWith(t, sqliteOnly(t), Options{})
	c := s.client()
	hdr := http.Header{"Content-Type": {"application/json"}}
	for _, tt := range []struct {
		name, method, path, body string
		status                   int
		want                     []string // each must occur in the one error; none for a body that fits
	}{
		{"null list", "GET", "/api/v1/applications/7/progress", `{"invoices":[],"inquiries":null,"decision":null}`, 200,
			[]string{"GET /api/v1/applications/{id}/progress (get_applications_by_id_progress)", "answered 200", `at "/inquiries"`}},
		{"undocumented field", "GET", "/api/v1/contact", `{"name":"n","department":"","hours":"","email":"","phone":"","postal_code":"","address":"","url":"","page":"/contact","fax":"1"}`, 200,
			[]string{"get_contact", `'fax'`}},
		{"not a date", "GET", "/api/v1/verify/X", `{"number":"X","found":true,"certified_on":"27 Nov"}`, 200,
			[]string{"get_verify_by_number", `at "/certified_on"`}},
		{"bad enum in an error's stead", "GET", "/api/v1/registry", `{"items":[{"number":"1","service_name":"s","provider_name":"p","certified_on":"2026-11-27","valid_until":"2028-11-26","status":"alive","url":"u"}],"total":1,"page":1,"per_page":50}`, 200,
			[]string{"get_registry", `at "/items/0/status"`}},
		{"error envelope", "GET", "/api/v1/me", `{"error":{"code":"error.unauthorized","message":"m"}}`, 401, nil},
		{"no such operation", "GET", "/api/v1/nothing/here", `{"whatever":1}`, 404, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := &errorRecorder{TB: t}
			c.checkContract(rec, tt.method, tt.path, reply{Status: tt.status, Header: hdr, Body: tt.body})
			if len(tt.want) == 0 {
				if len(rec.errors) > 0 {
					t.Errorf("errors for a fitting body: %q", rec.errors)
				}
				return
			}
			if len(rec.errors) != 1 {
				t.Fatalf("errors = %q, want one", rec.errors)
			}
			for _, w := range tt.want {
				if !strings.Contains(rec.errors[0], w) {
					t.Errorf("error %q does not say %q", rec.errors[0], w)
				}
			}
		})
	}
}

// TestAPIEmptyListsAreArrays: a list with nothing in it is [] in the API,
// never null (a client generated from the document expects an array).
func TestAPIEmptyListsAreArrays(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		app := submittedApplication(t, s, owner)
		c := s.bearerClient(s.apiToken(t, owner, "a").Secret)
		base := "/api/v1/applications/" + strconv.FormatInt(app, 10)
		for _, path := range []string{base + "/progress", base + "/attachments", base, base + "/withholdings", base + "/returns"} {
			r := c.api(t, "GET", path, nil)
			if r.Status != http.StatusOK {
				t.Fatalf("GET %s = %d %s", path, r.Status, r.Body)
			}
			if strings.Contains(r.Body, `":null`) {
				for _, field := range []string{"inquiries", "invoices", "item_ids", "agents", "outsourcees", "bases", "withholdings", "returns"} {
					if strings.Contains(r.Body, `"`+field+`":null`) {
						t.Errorf("GET %s: %s is null, want []\n%s", path, field, r.Body)
					}
				}
			}
		}
		if r := c.api(t, "GET", base+"/progress", nil); !strings.Contains(r.Body, `"inquiries":[]`) {
			t.Errorf("progress without inquiries: %s", r.Body)
		}
		// The proof of existence backs no Form B item.
		if r := c.api(t, "GET", base+"/attachments", nil); !strings.Contains(r.Body, `"purpose":"existence"`) || !strings.Contains(r.Body, `"item_ids":[]`) {
			t.Errorf("attachments: %s", r.Body)
		}
	})
}

// TestAPIAfterCertificationMatchesDocument drives the after-certification
// operations to their success answers through the API, so that the
// contract check validates those answers too.
func TestAPIAfterCertificationMatchesDocument_R11(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		certifiedService(t, s)
		owner, staff := s.bearerFor(t, "owner@a.example.jp"), s.bearerFor(t, "jimu@body.example.jp")
		want := func(c *client, method, path string, body any, status int) reply {
			t.Helper()
			r := c.api(t, method, path, body)
			if r.Status != status {
				t.Fatalf("%s %s = %d, want %d: %s", method, path, r.Status, status, r.Body)
			}
			return r
		}
		base := "/api/v1/applications/1"
		want(owner, "POST", base+"/incidents", map[string]any{"kind": "outage", "occurred_at": "2026-11-27 09:30", "summary": "停止",
			"impact": "一部", "measures": "切替"}, http.StatusCreated)
		want(owner, "POST", base+"/incidents/1/reports", map[string]any{"stage": "final", "summary": "復旧", "measures": "監視強化"}, http.StatusCreated)
		want(owner, "POST", base+"/maintenance", map[string]any{"announced_on": "2026-11-20", "starts_on": "2026-12-20",
			"description": "定期保守"}, http.StatusCreated)
		want(staff, "POST", base+"/supervision", map[string]any{"kind": "improvement", "body": "改善を求める", "due_on": "2030-01-31"}, http.StatusCreated)
		want(owner, "POST", base+"/supervision/1/responses", map[string]any{"body": "対応します"}, http.StatusCreated)
		want(staff, "POST", base+"/supervision/1/publish", nil, http.StatusOK)
		want(staff, "POST", base+"/supervision/1/resolve", nil, http.StatusOK)
		want(owner, "POST", base+"/termination", map[string]any{"reason": "事業終了"}, http.StatusOK)
		want(staff, "POST", base+"/certificate-return", map[string]any{}, http.StatusOK)
		var list struct {
			Returns []struct {
				AttachmentID int64 `json:"attachment_id"`
			} `json:"returns"`
		}
		want(staff, "GET", base+"/returns", nil, http.StatusOK).json(t, &list)
		if len(list.Returns) == 0 {
			t.Fatal("no file on the return list after the termination")
		}
		want(staff, "POST", base+"/returns", map[string]any{"attachment_ids": []int64{list.Returns[0].AttachmentID}, "method": "destroyed"}, http.StatusOK)

		// Another provider's certification, revoked.
		certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社やまびこ", "jimu2@body.example.jp")
		want(staff, "POST", "/api/v1/applications/2/revocation", map[string]any{"grounds": []string{"a"}, "reason": "基準不適合"}, http.StatusOK)

		// A draft of another application: withdrawn.
		var app struct {
			ID      int64 `json:"id"`
			Version int64 `json:"version"`
		}
		want(owner, "POST", "/api/v1/applications", map[string]any{}, http.StatusCreated).json(t, &app)
		draft := "/api/v1/applications/" + strconv.FormatInt(app.ID, 10)
		ct, body := multipartBody(t, url.Values{"purpose": {"existence"}}, "登記.pdf", tinyPDF)
		var att struct{ ID int64 }
		if r := owner.request(t, "POST", draft+"/attachments", body, "Content-Type", ct); r.Status != http.StatusCreated {
			t.Fatalf("upload = %d %s", r.Status, r.Body)
		} else {
			r.json(t, &att)
		}
		want(owner, "DELETE", draft+"/attachments/"+strconv.FormatInt(att.ID, 10), nil, http.StatusNoContent)
		want(owner, "GET", draft, nil, http.StatusOK).json(t, &app) // the upload moved the version
		want(owner, "POST", draft+"/withdraw", map[string]any{"version": app.Version}, http.StatusOK)
	})
}

// TestAPIReviewMatchesDocument drives review operations to their success
// answers through the API for the contract check.
func TestAPIReviewMatchesDocument_R6_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "A社")
		jimu := s.Env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		reviewer := s.Env.AddUser(t, "rev@body.example.jp", nintei.RoleReviewer, "")
		id := submittedApplication(t, s, owner)
		staff, applicant := s.bearerClient(s.apiToken(t, jimu, "s").Secret), s.bearerClient(s.apiToken(t, owner, "a").Secret)
		base := "/api/v1/applications/" + strconv.FormatInt(id, 10)
		version := func() int64 {
			var a struct{ Version int64 }
			staff.api(t, "GET", base, nil).json(t, &a)
			return a.Version
		}
		want := func(c *client, method, path string, body map[string]any, status int) {
			t.Helper()
			if _, ok := body["version"]; ok { // the application's current version
				body["version"] = version()
			}
			if r := c.api(t, method, path, body); r.Status != status {
				t.Fatalf("%s %s = %d, want %d: %s", method, path, r.Status, status, r.Body)
			}
		}
		want(staff, "POST", base+"/reviewers", map[string]any{"reviewer_id": reviewer.ID}, http.StatusOK)
		want(staff, "POST", base+"/events", map[string]any{"event": "start_formal_review", "version": 0}, http.StatusOK)
		want(staff, "POST", base+"/events", map[string]any{"event": "accept_formal", "version": 0}, http.StatusOK)
		want(staff, "POST", base+"/events", map[string]any{"event": "confirm_payment", "paid_on": "2026-11-27", "paid_yen": 209000, "version": 0}, http.StatusOK)
		want(staff, "PATCH", base+"/assessments", map[string]any{"assessments": []map[string]any{{"item": "IPIOT-001", "verdict": "ok"}}, "version": 0}, http.StatusOK)
		want(staff, "POST", base+"/events", map[string]any{"event": "open_inquiry", "item": "IPIOT-001", "question": "根拠は?", "version": 0}, http.StatusOK)
		want(applicant, "GET", base+"/progress", nil, http.StatusOK)
		want(applicant, "POST", base+"/inquiries/1/answer", map[string]any{"answer": "方針書 p.3", "version": 0}, http.StatusOK)
		want(staff, "DELETE", base+"/reviewers/"+strconv.FormatInt(reviewer.ID, 10), nil, http.StatusOK)
	})
}
