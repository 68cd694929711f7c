package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
)

// through the JSON API: the applicant asks on a draft, with the
// application; the listing shows the request to the provider's people and,
// once submitted, to staff; the secretariat decides, with a period of its
// own; the applicant and the administrator (who takes no certification
// decision, docs/access.md) are refused before the body is read; each
// request and decision is in the audit trail.
func TestWithholdingAPI_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		ctx := context.Background()
		owner := s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド")
		ownerB := s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社ビー")
		jimu := s.Env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		admin := s.Env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, "")
		applicant := s.bearerClient(s.apiToken(t, owner, "a").Secret)
		other := s.bearerClient(s.apiToken(t, ownerB, "b").Secret)
		staff := s.bearerClient(s.apiToken(t, jimu, "s").Secret)
		adm := s.bearerClient(s.apiToken(t, admin, "adm").Secret)

		op := service.Principal{User: owner}
		id, v := s.Env.ReadyApplication(t, op)
		a, err := s.Env.Store.Application(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		item := ed.Items[1].ID
		base := "/api/v1/applications/" + strconv.FormatInt(id, 10) + "/withholdings"

		// No request yet: an empty list, not null.
		if r := applicant.api(t, "GET", base, nil); r.Status != http.StatusOK || strings.TrimSpace(r.Body) != `{"withholdings":[]}` {
			t.Fatalf("empty listing = %d %s", r.Status, r.Body)
		}

		// The request on the draft; a request naming no item or an unknown one is refused.
		s.wantAPIError(t, applicant.api(t, "POST", base, map[string]any{"items": []string{}, "reason": "商談中", "until": "2027-12-31"}),
			http.StatusBadRequest, "error.withholding.items")
		if r := applicant.api(t, "POST", base, map[string]any{"items": []string{"NO-SUCH"}, "reason": "商談中", "until": "2027-12-31"}); r.Status != http.StatusBadRequest {
			t.Errorf("unknown item = %d %s", r.Status, r.Body)
		}
		r := applicant.api(t, "POST", base, map[string]any{"items": []string{item}, "reason": "特許出願前のため", "until": "2027-12-31"})
		if r.Status != http.StatusCreated {
			t.Fatalf("R-7.3: request on a draft = %d %s", r.Status, r.Body)
		}
		var created withholdingJSON
		r.json(t, &created)
		if created.ID == 0 || created.ApplicationID != id || len(created.Items) != 1 || created.Items[0] != item ||
			created.Reason != "特許出願前のため" || created.Until != "2027-12-31" || created.State != "requested" || created.DecidedAt != nil {
			t.Fatalf("created = %+v", created)
		}
		if !strings.Contains(r.Body, `"decided_at":null`) {
			t.Errorf("an undecided request shows decided_at as null: %s", r.Body)
		}
		wantAudit(t, s, created.ID, "withholding.request")

		// The listing as JSON, for the provider's people only while a draft.
		var list struct {
			Withholdings []withholdingJSON `json:"withholdings"`
		}
		applicant.api(t, "GET", base, nil).json(t, &list)
		if len(list.Withholdings) != 1 || list.Withholdings[0].ID != created.ID || list.Withholdings[0].State != "requested" {
			t.Fatalf("listing = %+v", list)
		}
		if r := other.api(t, "GET", base, nil); r.Status != http.StatusNotFound {
			t.Errorf("another provider's owner lists the requests: %d", r.Status)
		}
		if r := staff.api(t, "GET", base, nil); r.Status != http.StatusNotFound {
			t.Errorf("staff list a draft's requests: %d (drafts are the provider's own business)", r.Status)
		}

		if err := s.Env.Svc.Submit(ctx, op, id, v, "ja"); err != nil {
			t.Fatal(err)
		}
		decision := base + "/" + strconv.FormatInt(created.ID, 10) + "/decision"
		// The applicant asks, the body decides: the applicant and the
		// administrator are refused, even with a body that does not parse.
		for name, c := range map[string]*client{"applicant": applicant, "admin": adm} {
			s.wantAPIError(t, c.api(t, "POST", decision, map[string]any{"approve": true}), http.StatusForbidden, "error.forbidden")
			s.wantAPIError(t, c.api(t, "POST", decision, "{not json"), http.StatusForbidden, "error.forbidden")
			if t.Failed() {
				t.Fatalf("%s deciding was not refused", name)
			}
		}
		s.wantAPIError(t, staff.api(t, "POST", decision, map[string]any{"until": "2027-06-30"}), http.StatusBadRequest, "error.required")
		s.wantAPIError(t, staff.api(t, "POST", base+"/999999/decision", map[string]any{"approve": true}), http.StatusNotFound, "error.not_found")

		r = staff.api(t, "POST", decision, map[string]any{"approve": true, "until": "2027-06-30"})
		if r.Status != http.StatusOK {
			t.Fatalf("R-7.3: the secretariat's approval = %d %s", r.Status, r.Body)
		}
		var decided withholdingJSON
		r.json(t, &decided)
		if decided.ID != created.ID || decided.State != "approved" || decided.Until != "2027-06-30" || decided.DecidedAt == nil {
			t.Fatalf("decided = %+v", decided)
		}
		wantAudit(t, s, created.ID, "withholding.approved")

		staff.api(t, "GET", base, nil).json(t, &list)
		if len(list.Withholdings) != 1 || list.Withholdings[0].State != "approved" || list.Withholdings[0].Until != "2027-06-30" {
			t.Fatalf("staff listing = %+v", list)
		}
		evs, err := s.Env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(id, 10)})
		if err != nil {
			t.Fatal(err)
		}
		viewed := false
		for _, e := range evs {
			viewed = viewed || e.Action == "application.view" && strings.Contains(e.Detail, "api.withholdings")
		}
		if !viewed {
			t.Error("R-12: the staff listing of the requests is not in the audit trail")
		}
	})
}

// wantAudit requires an audit event of the action on the withholding request.
func wantAudit(t *testing.T, s *site, wid int64, action string) {
	t.Helper()
	evs, err := s.Env.Store.AuditEvents(context.Background(), sqlstore.AuditQuery{ObjectType: "withholding", ObjectID: strconv.FormatInt(wid, 10)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Action == action {
			return
		}
	}
	t.Errorf("no audit event %s for withholding %d in %+v", action, wid, evs)
}

// The withholding operations are documented with schemas of their own:
// no bare object, dates as format date, the state as an enum.
func TestOpenAPIWithholdingSchemas_R7_3(t *testing.T) {
	t.Parallel()
	_, doc, _ := fetchOpenAPI(t)
	for _, name := range []string{"Withholding", "WithholdingList", "WithholdingCreate", "WithholdingDecision"} {
		raw, ok := doc.Components.Schemas[name]
		if !ok {
			t.Fatalf("schema %s missing", name)
		}
		var tree any
		if err := json.Unmarshal(raw, &tree); err != nil {
			t.Fatal(err)
		}
		var walk func(path string, v any)
		walk = func(path string, v any) {
			m, ok := v.(map[string]any)
			if !ok {
				return
			}
			if m["type"] == "object" && m["properties"] == nil {
				t.Errorf("%s%s is a bare object", name, path)
			}
			for k, x := range m {
				walk(path+"/"+k, x)
			}
		}
		walk("", tree)
	}
	var w struct {
		Properties map[string]struct {
			Format string `json:"format"`
			Enum   []string
		} `json:"properties"`
	}
	if err := json.Unmarshal(doc.Components.Schemas["Withholding"], &w); err != nil {
		t.Fatal(err)
	}
	if w.Properties["until"].Format != "date" || strings.Join(w.Properties["state"].Enum, ",") != "requested,approved,rejected" {
		t.Errorf("Withholding: until %+v, state %+v", w.Properties["until"], w.Properties["state"])
	}
	for _, op := range []struct{ method, path string }{{"get", "/api/v1/applications/{id}/withholdings"},
		{"post", "/api/v1/applications/{id}/withholdings"}, {"post", "/api/v1/applications/{id}/withholdings/{wid}/decision"}} {
		if _, ok := doc.Paths[op.path][op.method]; !ok {
			t.Errorf("%s %s is not documented", op.method, op.path)
		}
	}
}
