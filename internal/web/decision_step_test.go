package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
	"nintei/review"
)

// The decision is a step of its own: its page shows what it
// rests on — the automatic verdict, the count of 適 / 不適 / 照会 / 未評価
// with every 不適 item, the committee's conclusion, open inquiries — and
// offers 認定する and 認定しない in separate forms, each taken only with
// its confirmation ticked. After certification the page names the number
// and links the certificate, the mark and the registry entry.
func TestDecisionStepShowsItsBasisAndAsksToConfirm_R5_2_R8_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		d.assess(t, "IPIOT-002", review.AssessNotMet)
		c := d.s.loginAs(t, nintei.RoleSecretariat)
		path := "/applications/" + strconv.FormatInt(d.id, 10) + "/decision"
		doc := c.getPage(t, path, http.StatusOK)
		if got := doc.Find("#count-not-met").Text(); !strings.HasPrefix(got, "1 ") {
			t.Errorf("不適 count = %q, want 1", got)
		}
		if got := doc.Find("#not-met-items").Text(); !strings.Contains(got, "IPIOT-002") {
			t.Errorf("不適 items = %q", got)
		}
		if doc.Find("#committee-conclusion").Text() == "" || doc.Find("#open-inquiries").Text() == "" {
			t.Error("the decision page does not say whether the committee concluded or inquiries are open")
		}
		if doc.Find(`form[action$="/decision/certify"] #explanation`).Length() != 0 {
			t.Error("the certify form carries the refusal's fields")
		}
		if review := c.getPage(t, "/applications/"+strconv.FormatInt(d.id, 10)+"/review", http.StatusOK); review.Find(`form[action*="/certify"]`).Length() != 0 ||
			review.Find("#to-decision").Length() != 1 {
			t.Error("the review page should lead to the decision step, not certify itself")
		}

		d.assessMandatoryOK(t)
		doc = c.getPage(t, path, http.StatusOK)
		form := url.Values{"csrf_token": {csrfToken(t, doc)}, "version": {strconv.FormatInt(d.version(t), 10)}}
		r := c.postForm(t, path+"/certify", form)
		if r.Status != http.StatusBadRequest || !strings.Contains(r.doc(t).Find("#review-error").Text(), "確認欄") {
			t.Fatalf("certify without the confirmation = %d", r.Status)
		}
		if a := mustAppState(t, d); a != "document_review" {
			t.Fatalf("state after an unconfirmed certify = %s", a)
		}
		form.Set("confirm", "1")
		if r := c.postForm(t, path+"/certify", form); r.Status != http.StatusSeeOther || r.location() != path {
			t.Fatalf("certify = %d %s", r.Status, r.location())
		}
		doc = c.getPage(t, path, http.StatusOK)
		if !strings.Contains(doc.Find("#cert-number").Text(), "IP-IoT") || doc.Find("#cert-links a").Length() != 4 ||
			doc.Find(`#cert-links a[href^="/registry/"]`).Length() != 1 {
			t.Errorf("after certifying: %q, %d links", doc.Find("#cert-number").Text(), doc.Find("#cert-links a").Length())
		}
	})
}

func mustAppState(t *testing.T, d decisionSite) string {
	t.Helper()
	a, err := d.s.Env.Svc.Application(t.Context(), d.staff, d.id)
	if err != nil {
		t.Fatal(err)
	}
	return string(a.State)
}
