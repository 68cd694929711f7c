package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei/internal/testenv"
)

// A JSON body that is not valid UTF-8, or escapes a lone UTF-16
// surrogate, is refused with 400 like such a form or query, and nothing is
// saved; a proper surrogate pair (an emoji) and an escaped backslash
// before "ud800" are text and are saved.
func TestJSONBodyNotValidText(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		d := newDecisionSite(t, b)
		ask := func(question string) reply {
			body := `{"event":"open_inquiry","version":` + strconv.FormatInt(d.version(t), 10) + `,"item":"IPIOT-001","question":"` + question + `"}`
			return d.api.api(t, "POST", d.base+"/events", body)
		}
		for name, q := range map[string]string{
			"invalid UTF-8":           "受付時間\xff\xfeは？",
			"lone high surrogate":     `受付時間\ud800は？`,
			"lone low surrogate":      `\udc00`,
			"high then not low":       `\ud83d\u0041`,
			"high at the very end":    `\uD800`,
			"truncated UTF-8 in text": "\xe5\x8f",
		} {
			if r := ask(q); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "error.json.malformed") {
				t.Errorf("%s: %d %s", name, r.Status, r.Body)
			}
		}
		if qs, _ := d.s.Env.Store.Inquiries(context.Background(), d.id); len(qs) != 0 {
			t.Fatalf("a refused body was saved: %+v", qs)
		}
		for _, q := range []string{`\ud83d\ude00 絵文字`, `C:\\ud800 は文字列`} {
			if r := ask(q); r.Status != http.StatusOK {
				t.Errorf("%s: %d %s", q, r.Status, r.Body)
			}
		}
		qs, _ := d.s.Env.Store.Inquiries(context.Background(), d.id)
		if len(qs) != 2 || qs[0].Question != "😀 絵文字" || qs[1].Question != `C:\ud800 は文字列` {
			t.Errorf("saved questions = %+v", qs)
		}
	})
}

// confirming a payment dated after today (JST) is refused as a
// field error, through the API and the review page.
func TestPaymentDatedInFutureRefusedOverHTTP_R4_6(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		id := submittedApplication(t, s, users["owner"])
		staff := s.bearerClient(s.apiToken(t, users["secretariat"], "pay").Secret)
		base := "/api/v1/applications/" + strconv.FormatInt(id, 10)
		fire := func(body map[string]any) reply {
			var a applicationJSON
			staff.api(t, "GET", base, nil).json(t, &a)
			body["version"] = a.Version
			return staff.api(t, "POST", base+"/events", body)
		}
		fire(map[string]any{"event": "start_formal_review"})
		fire(map[string]any{"event": "accept_formal"})
		// The test clock is 2026-11-27 19:00 JST: the 28th is tomorrow.
		if r := fire(map[string]any{"event": "confirm_payment", "paid_on": "2026-11-28", "paid_yen": 209000}); r.Status != http.StatusBadRequest ||
			!strings.Contains(r.Body, "error.payment.future") {
			t.Errorf("API: future payment = %d %s", r.Status, r.Body)
		}
		c := s.loginAs(t, "secretariat")
		path := base[len("/api/v1"):] + "/review"
		doc := c.getPage(t, path, http.StatusOK)
		var a applicationJSON
		staff.api(t, "GET", base, nil).json(t, &a)
		r := c.postForm(t, path+"/payment", url.Values{"csrf_token": {csrfToken(t, doc)}, "version": {strconv.FormatInt(a.Version, 10)},
			"paid_on": {"2026-12-01"}, "paid_yen": {"209,000"}})
		if r.Status != http.StatusBadRequest || !strings.Contains(r.doc(t).Find("#review-error").Text(), "入金日が未来の日付です") {
			t.Errorf("page: future payment = %d %.400s", r.Status, r.Body)
		}
		if r := fire(map[string]any{"event": "confirm_payment", "paid_on": "2026-11-27", "paid_yen": 209000}); r.Status != http.StatusOK {
			t.Errorf("API: payment today = %d %s", r.Status, r.Body)
		}
	})
}
