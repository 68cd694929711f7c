package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/catalog"
	"nintei/formb"
	"nintei/internal/testenv"
	"nintei/service"
)

// the applicant asks, with the application and before it is
// handed in, to withhold one answer. An undecided request blocks the
// certify decision (409 with the message); the secretariat approves it
// through the router with a period of its own; once certified, no public
// surface (registry page and list, search, JSON API, CSV, comparison,
// Atom feed, verification) has ever shown the withheld answer, while the
// other answers are published.
func TestWithholdingBeforePublicationNeverPublic_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		ctx := context.Background()
		owner := service.Principal{User: s.Env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド")}
		jimu := service.Principal{User: s.Env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")}
		id, v := s.Env.ReadyApplication(t, owner)
		secret, control := leakMarkers{}.mark("withheld"), leakMarkers{}.mark("published")
		withheld, shown := markTwoAnswers(t, s, owner, id, v, secret, control)
		path := "/applications/" + strconv.FormatInt(id, 10)

		// The applicant asks on the draft's page.
		oc := s.client()
		login(t, oc, "owner@a.example.jp", testenv.TestPassword)
		doc := oc.getPage(t, path, http.StatusOK)
		r := submitForm(t, oc, doc, "form[action='"+path+"/withholdings']",
			url.Values{"item": {withheld.ID}, "reason": {"特許出願前のため"}, "until": {"2027-12-31"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("R-7.3: request on a draft = %d %.400s", r.Status, r.Body)
		}
		cur := func() int64 { a, _ := s.Env.Store.Application(ctx, id); return a.Version }
		for _, step := range []func() error{
			func() error { return s.Env.Svc.Submit(ctx, owner, id, cur(), "ja") },
			func() error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, cur()) },
			func() error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, cur()); return err },
			func() error { return s.Env.Svc.ConfirmPayment(ctx, jimu, id, cur(), "2026-11-27", 209000, "") },
			func() error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, jimu, id) },
		} {
			if err := step(); err != nil {
				t.Fatal(err)
			}
		}
		err := s.Env.Svc.Certify(ctx, jimu, id, cur(), "")
		if nintei.KindOf(err) != nintei.KindConflict || !strings.Contains(err.Error(), "error.withholding.undecided") {
			t.Fatalf("R-7.3: certified with an undecided withholding request: %v", err)
		}

		sc := s.client()
		login(t, sc, "jimu@body.example.jp", testenv.TestPassword)
		doc = sc.getPage(t, path, http.StatusOK)
		r = submitForm(t, sc, doc, "form[action='"+path+"/review/withholding']",
			url.Values{"decision": {"approve"}, "until": {"2027-06-30"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("approve = %d %.400s", r.Status, r.Body)
		}
		ws, err := s.Env.Svc.Withholdings(ctx, jimu, id)
		if err != nil || len(ws) != 1 || ws[0].State != "approved" || ws[0].Until != "2027-06-30" {
			t.Fatalf("withholdings %+v %v", ws, err)
		}
		if err := s.Env.Svc.Certify(ctx, jimu, id, cur(), ""); err != nil {
			t.Fatal(err)
		}
		c, err := s.Env.Svc.Certification(ctx, owner, id)
		if err != nil {
			t.Fatal(err)
		}
		esc := url.PathEscape(c.Number)

		public := s.client()
		all := url.Values{"n": {c.Number}}.Encode()
		for _, p := range []string{"/registry", "/registry/" + esc, "/verify/" + esc, "/registry.csv", "/registry/feed.atom",
			"/compare?" + all, "/compare.csv?" + all, "/api/v1/registry", "/api/v1/registry/" + esc} {
			r := public.get(t, p)
			if r.Status != http.StatusOK {
				t.Errorf("GET %s = %d", p, r.Status)
			}
			if strings.Contains(r.Body, secret) {
				t.Errorf("R-7.3: %s shows the withheld answer", p)
			}
		}
		if body := public.get(t, "/registry/"+esc).Body; !strings.Contains(body, control) {
			t.Errorf("the service page does not show the published answer of %s", shown.ID)
		}
		for q, want := range map[string]int{secret: 0, control: 1} {
			var hits struct {
				Total int `json:"total"`
			}
			if public.get(t, "/api/v1/registry?q="+url.QueryEscape(q)).json(t, &hits); hits.Total != want {
				t.Errorf("R-7.3: search for %s finds %d, want %d", q, hits.Total, want)
			}
		}
	})
}

// markTwoAnswers writes a marker into two long-text answers of a draft:
// the first to be withheld, the second published.
func markTwoAnswers(t *testing.T, s *site, owner service.Principal, id, v int64, secret, control string) (catalog.Item, catalog.Item) {
	t.Helper()
	ctx := context.Background()
	a, err := s.Env.Store.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	form, err := s.Env.Svc.FormB(ctx, owner, a)
	if err != nil {
		t.Fatal(err)
	}
	var items []catalog.Item
	var entries []formb.Entry
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText && it.Key == nil && len(items) < 2 {
			e := form[it.ID]
			e.Answer.Value = []string{secret, control}[len(items)] + "に基づき運用します。"
			items, entries = append(items, it), append(entries, e)
		}
	}
	if _, err := s.Env.Svc.SaveFormB(ctx, owner, id, v, entries); err != nil {
		t.Fatal(err)
	}
	return items[0], items[1]
}
