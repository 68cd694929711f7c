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
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
)

// decisionSite is an application in document review, with the people who
// handle it and the staff's API client.
type decisionSite struct {
	s            *site
	id           int64
	owner, staff service.Principal
	reviewer     service.Principal
	api          *client
	base         string
}

func newDecisionSite(t *testing.T, b testenv.Backend) decisionSite {
	t.Helper()
	s := newTestSite(t, b)
	users := s.seedRoles(t)
	d := decisionSite{s: s, owner: service.Principal{User: users[nintei.RoleOwner]},
		staff: service.Principal{User: users[nintei.RoleSecretariat]}, reviewer: service.Principal{User: users[nintei.RoleReviewer]}}
	d.id = submittedApplication(t, s, users[nintei.RoleOwner])
	ctx := context.Background()
	for _, step := range []func(v int64) error{
		func(v int64) error { return s.Env.Svc.StartFormalReview(ctx, d.staff, d.id, v) },
		func(v int64) error { _, err := s.Env.Svc.AcceptFormal(ctx, d.staff, d.id, v); return err },
		func(v int64) error { return s.Env.Svc.ConfirmPayment(ctx, d.staff, d.id, v, "2026-11-27", 209000, "") },
	} {
		if err := step(d.version(t)); err != nil {
			t.Fatal(err)
		}
	}
	d.api = s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "decide").Secret)
	d.base = "/api/v1/applications/" + strconv.FormatInt(d.id, 10)
	return d
}

func (d decisionSite) version(t *testing.T) int64 {
	t.Helper()
	a, err := d.s.Env.Store.Application(context.Background(), d.id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Version
}

func (d decisionSite) assess(t *testing.T, item, verdict string) {
	t.Helper()
	if err := d.s.Env.Svc.Assess(context.Background(), d.reviewer, d.id, item, verdict, ""); err != nil {
		t.Fatal(err)
	}
}

func (d decisionSite) assessMandatoryOK(t *testing.T) {
	t.Helper()
	if err := testenv.AssessMandatoryOK(context.Background(), d.s.Env.Svc, d.reviewer, d.id); err != nil {
		t.Fatal(err)
	}
}

// certify fires the certify event through the API with extra fields.
func (d decisionSite) certify(t *testing.T, extra map[string]any) reply {
	t.Helper()
	body := map[string]any{"event": "certify", "version": d.version(t)}
	for k, v := range extra {
		body[k] = v
	}
	return d.api.api(t, "POST", d.base+"/events", body)
}

// refusedNaming checks a 409 whose message names the item and its name.
func (d decisionSite) refusedNaming(t *testing.T, r reply, item, name string) {
	t.Helper()
	var e errorBody
	if r.Status != http.StatusConflict || json.Unmarshal([]byte(r.Body), &e) != nil || e.Error.Code != "error.decision.not_certifiable" {
		t.Fatalf("certify = %d %s, want 409 with the criteria's refusal", r.Status, r.Body)
	}
	if !strings.Contains(e.Error.Message, item) || !strings.Contains(e.Error.Message, name) {
		t.Errorf("message %q does not name %s %s", e.Error.Message, item, name)
	}
	if a, _ := d.s.Env.Store.Application(context.Background(), d.id); a.State != "document_review" {
		t.Errorf("state after a refused certify = %s", a.State)
	}
}

// via the API: a key item whose measure is absent cannot be
// certified, even with every mandatory item judged 適 and a note.
func TestAPICertifyKeyItemNotInPlace_R5_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		ctx := context.Background()
		if err := d.s.Env.Svc.OpenInquiry(ctx, d.staff, d.id, d.version(t), "IPIOT-050", "認証方式は？"); err != nil {
			t.Fatal(err)
		}
		qs, _ := d.s.Env.Store.Inquiries(ctx, d.id)
		no := false
		if err := d.s.Env.Svc.AnswerInquiry(ctx, d.owner, d.id, d.version(t), qs[0].ID, "実施していません。",
			&formb.Entry{Answer: catalog.Answer{Yes: &no}}); err != nil {
			t.Fatal(err)
		}
		d.assessMandatoryOK(t)
		d.refusedNaming(t, d.certify(t, map[string]any{"note": "それでも認定したい"}), "IPIOT-050", "センターに接続するIoT機器の認証")
		r := d.api.api(t, "GET", d.base+"/review", nil)
		if !strings.Contains(r.Body, `"certifiable":false`) || !strings.Contains(r.Body, `"code":"precheck.key_not_in_place"`) {
			t.Errorf("staff view does not say why: %.600s", r.Body)
		}
	})
}

// via the API: one mandatory item judged 不適 blocks certification
// until it is judged again.
func TestAPICertifyMandatoryNotMet_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		d.assessMandatoryOK(t)
		d.assess(t, "IPIOT-001", review.AssessNotMet)
		d.refusedNaming(t, d.certify(t, nil), "IPIOT-001", "開示情報の年月日")
		d.assess(t, "IPIOT-001", review.AssessOK)
		if r := d.certify(t, nil); r.Status != http.StatusOK {
			t.Fatalf("certify after re-assessment = %d %s", r.Status, r.Body)
		}
	})
}

// via the API: a mandatory item not assessed (未評価) blocks
// certification.
func TestAPICertifyMandatoryUnassessed_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		d.assessMandatoryOK(t)
		if err := d.s.Env.Store.InTx(context.Background(), func(tx *sqlstore.Tx) error {
			return tx.DeleteAssessment(context.Background(), d.id, "IPIOT-060")
		}); err != nil {
			t.Fatal(err)
		}
		d.refusedNaming(t, d.certify(t, nil), "IPIOT-060", "苦情受付・問合せの連絡先")
	})
}

// via the API: every mandatory item judged 適 and the verdict
// passing, the secretariat certifies with a note that staff read and the
// applicant never does.
func TestAPICertifyWhenCriteriaMet_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		d.assessMandatoryOK(t)
		if r := d.api.api(t, "GET", d.base+"/review", nil); !strings.Contains(r.Body, `"certifiable":true`) || !strings.Contains(r.Body, `"blockers":[]`) {
			t.Errorf("staff view before certify: %.400s", r.Body)
		}
		if r := d.certify(t, map[string]any{"note": "委員会意見を確認済み"}); r.Status != http.StatusOK || !strings.Contains(r.Body, `"state":"certified"`) {
			t.Fatalf("certify = %d %s", r.Status, r.Body)
		}
		if r := d.api.api(t, "GET", d.base+"/progress", nil); !strings.Contains(r.Body, "委員会意見を確認済み") {
			t.Errorf("staff progress lacks the note: %s", r.Body)
		}
		applicant := d.s.bearerClient(d.s.apiToken(t, d.owner.User, "mine").Secret)
		if r := applicant.api(t, "GET", d.base+"/progress", nil); r.Status != http.StatusOK || strings.Contains(r.Body, "委員会意見") {
			t.Errorf("applicant progress = %d %s", r.Status, r.Body)
		}
	})
}

// there is no override. The field that carried one is unknown to
// the API and refused (400), and nothing is decided.
func TestAPICertifyOverrideFieldRefused_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		r := d.certify(t, map[string]any{"override_reason": "自動判定に反して認定する"})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "error.json.malformed") {
			t.Errorf("certify with override_reason = %d %s", r.Status, r.Body)
		}
		if a, _ := d.s.Env.Store.Application(context.Background(), d.id); a.State != "document_review" {
			t.Errorf("state = %s", a.State)
		}
	})
}

// on the review page: before the button, the page lists why the
// application cannot be certified, and offers no certify form; a forged
// post is still refused.
func TestReviewPageShowsWhyNotCertifiable_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		d.assessMandatoryOK(t)
		d.assess(t, "IPIOT-001", review.AssessNotMet)
		c := d.s.loginAs(t, nintei.RoleSecretariat)
		path := "/applications/" + strconv.FormatInt(d.id, 10) + "/decision"
		doc := c.getPage(t, path, http.StatusOK)
		blocked := doc.Find("#certify-blocked").Text()
		if !strings.Contains(blocked, "IPIOT-001") || !strings.Contains(blocked, "不適") {
			t.Errorf("blocking items = %q", blocked)
		}
		if doc.Find(`form[action$="/decision/certify"]`).Length() != 0 {
			t.Error("the page offers certify although the criteria are not met")
		}
		if doc.Find(`[name="override_reason"]`).Length() != 0 {
			t.Error("the page still asks for an override reason")
		}
		r := c.postForm(t, path+"/certify", url.Values{"csrf_token": {csrfToken(t, doc)}, "version": {strconv.FormatInt(d.version(t), 10)}, "confirm": {"1"}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "IPIOT-001") {
			t.Errorf("forged certify = %d %.300s", r.Status, r.Body)
		}
		d.assess(t, "IPIOT-001", review.AssessOK)
		doc = c.getPage(t, path, http.StatusOK)
		if doc.Find("#certify-blocked").Length() != 0 || doc.Find(`form[action$="/decision/certify"] textarea[name="note"]`).Length() != 1 {
			t.Error("criteria met: the page should offer certify with a note")
		}
	})
}

// An item nobody judged shows as 未評価 on the review page, not as 適: a
// reviewer who saves the row without choosing records nothing, so no
// mandatory item is judged adequate by default.
func TestAssessmentFormStartsUnassessed_R5_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		d.assess(t, "IPIOT-002", review.AssessNotMet)
		c := d.s.loginAs(t, nintei.RoleSecretariat)
		path := "/applications/" + strconv.FormatInt(d.id, 10) + "/review"
		doc := c.getPage(t, path, http.StatusOK)
		// A browser shows the selected option, or the first one when none is.
		first := doc.Find(`#v-IPIOT-001 option`).First()
		if v, _ := first.Attr("value"); v != "" || doc.Find(`#v-IPIOT-001 option[selected]`).Length() != 1 || first.AttrOr("selected", "none") == "none" {
			t.Errorf("an unassessed item's form does not start at the empty 未評価 choice: first option %q", v)
		}
		if got, _ := doc.Find(`#v-IPIOT-002 option[selected]`).Attr("value"); got != review.AssessNotMet {
			t.Errorf("an assessed item's form shows %q, want its verdict", got)
		}
		r := c.postForm(t, path+"/assess", url.Values{"csrf_token": {csrfToken(t, doc)}, "version": {strconv.FormatInt(d.version(t), 10)},
			"item": {"IPIOT-001"}, "verdict": {""}})
		if r.Status != http.StatusBadRequest {
			t.Errorf("saving a row left at 未評価 = %d, want 400", r.Status)
		}
		as, err := d.s.Env.Store.Assessments(context.Background(), d.id)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.ItemID == "IPIOT-001" {
				t.Errorf("a row saved without a verdict was recorded: %+v", a)
			}
		}
	})
}

// On a phone the assessment table stacks into one card per item, each cell
// named by its column, so the review page does not scroll sideways.
func TestReviewAssessmentTableStacksOnPhones(t *testing.T) {
	b := testenv.Backends(t)[0]
	d := newDecisionSite(t, b)
	c := d.s.loginAs(t, nintei.RoleSecretariat)
	doc := c.getPage(t, "/applications/"+strconv.FormatInt(d.id, 10)+"/review", http.StatusOK)
	row := doc.Find(`table.stacked #row-IPIOT-001`)
	if row.Length() != 1 {
		t.Fatal("the assessment table is not stacked on narrow screens")
	}
	if n, labelled := row.Find("td").Length(), row.Find("td[data-label]").Length(); n == 0 || labelled != n {
		t.Errorf("%d of %d cells name their column", labelled, n)
	}
}
