package web

import (
	"fmt"
	"net/http"
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
