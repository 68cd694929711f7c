package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service/apply"
)

// The review page's disclosure form offers every basis as a radio button
// with a label a person reads; a record goes to the audit trail as JSON, a
// refused one shows the form again as it was filled in; only the
// secretariat may record.
func TestDisclosureForm_R12_2(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	app := submittedApplication(t, s, users[nintei.RoleOwner])
	path := "/applications/" + strconv.FormatInt(app, 10) + "/review"
	jimu := s.loginAs(t, nintei.RoleSecretariat)
	doc := jimu.getPage(t, path, http.StatusOK)
	form := doc.Find(`form[action$="/disclosures"]`)
	for _, b := range apply.DisclosureBases {
		in := form.Find(`input[type="radio"][name="basis"][value="` + string(b) + `"]`)
		label := strings.TrimSpace(form.Find(`label[for="` + in.AttrOr("id", "-") + `"]`).Text())
		if in.Length() != 1 || label == "" || label != s.ja("disclosure.basis."+string(b), nil) || strings.Contains(label, "R-") {
			t.Errorf("basis %s: radio %d, label %q", b, in.Length(), label)
		}
	}
	if form.Closest("details").Is("[open]") {
		t.Error("the disclosure form is open before anything was sent")
	}

	// Missing the consent date: refused, shown again, nothing recorded.
	before := s.auditCount(t)
	r := submitForm(t, jimu, doc, `form[action$="/disclosures"]`, url.Values{"basis": {"consent"},
		"recipient": {"株式会社みなと監査法人"}, "scope": {"申請書Aの所在地"}, "consent_by": {"代表取締役 港 一郎"}})
	if r.Status != http.StatusBadRequest {
		t.Fatalf("consent without a date = %d", r.Status)
	}
	again := r.doc(t)
	if !strings.Contains(alertText(again), s.ja("error.disclosure.consent_on", nil)) ||
		again.Find(`#basis-consent[checked]`).Length() != 1 || again.Find("#consent-by").AttrOr("value", "") != "代表取締役 港 一郎" ||
		!again.Find("#disclosure").Is("[open]") {
		t.Errorf("the refused form is not shown again as sent: alert %q", alertText(again))
	}
	if s.auditCount(t) != before {
		t.Error("a refused disclosure was recorded")
	}
	r = submitForm(t, jimu, doc, `form[action$="/disclosures"]`, url.Values{"basis": {"made_up"}, "recipient": {"x"}, "scope": {"y"}, "source": {"z"}})
	if r.Status != http.StatusBadRequest || !strings.Contains(alertText(r.doc(t)), s.ja("error.disclosure.basis", nil)) {
		t.Errorf("unknown basis = %d", r.Status)
	}

	// Complete: recorded, with its basis's fields as JSON.
	r = submitForm(t, jimu, doc, `form[action$="/disclosures"]`, url.Values{"basis": {"third_party"},
		"recipient": {"経済産業省"}, "scope": {"サービスの提供開始日"}, "source": {"データセンター事業者の公開資料"}, "legal_basis": {"unused"}})
	if r.Status != http.StatusSeeOther || flashText(jimu.getPage(t, r.location(), http.StatusOK)) != s.ja("flash.disclosure_recorded", nil) {
		t.Fatalf("third-party disclosure = %d %q", r.Status, r.location())
	}
	evs, err := s.Env.Store.AuditEvents(context.Background(), sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(app, 10)})
	if err != nil {
		t.Fatal(err)
	}
	var detail map[string]string
	for _, e := range evs {
		if e.Action == "disclosure.third_party" {
			if err := json.Unmarshal([]byte(e.Detail), &detail); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if detail["source"] != "データセンター事業者の公開資料" || detail["recipient"] != "経済産業省" || detail["legal_basis"] != "" {
		t.Errorf("audit detail = %v", detail)
	}

	// Staff who are not the secretariat, and the provider, may not record;
	// the form is not offered to them.
	for _, role := range []nintei.Role{nintei.RoleReviewer, nintei.RoleCommittee, nintei.RoleOwner} {
		c := s.loginAs(t, role)
		r := c.postForm(t, path+"/disclosure", url.Values{"csrf_token": {c.csrf(t)}, "basis": {"own_work"}, "recipient": {"x"}, "scope": {"y"}, "source": {"z"}})
		if r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
			t.Errorf("%s recording a disclosure = %d", role, r.Status)
		}
		if role.IsStaff() {
			if c.getPage(t, path, http.StatusOK).Find(`form[action$="/disclosures"]`).Length() != 0 {
				t.Errorf("%s is offered the disclosure form", role)
			}
		}
	}
}

// The API records a disclosure with its basis: 204 when
// complete, 400 naming the missing field, 403 for a reviewer's token.
func TestDisclosureAPI_R12_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		app := submittedApplication(t, s, users[nintei.RoleOwner])
		path := "/api/v1/applications/" + strconv.FormatInt(app, 10) + "/disclosures"
		jimu := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "t").Secret)
		r := jimu.api(t, "POST", path, map[string]string{"basis": "compelled", "recipient": "東京地方裁判所", "scope": "申請書B",
			"legal_basis": "令和8年(モ)第123号 文書提出命令"})
		if r.Status != http.StatusNoContent {
			t.Fatalf("compelled = %d %s", r.Status, r.Body)
		}
		s.wantAPIError(t, jimu.api(t, "POST", path, map[string]string{"basis": "public", "recipient": "x", "scope": "y"}),
			http.StatusBadRequest, "error.disclosure.source")
		s.wantAPIError(t, jimu.api(t, "POST", path, map[string]string{"basis": "rumour", "recipient": "x", "scope": "y"}),
			http.StatusBadRequest, "error.disclosure.basis")
		reviewer := s.bearerClient(s.apiToken(t, users[nintei.RoleReviewer], "t").Secret)
		if r := reviewer.api(t, "POST", path, map[string]string{"basis": "own_work", "recipient": "x", "scope": "y", "source": "z"}); r.Status != http.StatusForbidden {
			t.Errorf("reviewer = %d", r.Status)
		}
	})
}
