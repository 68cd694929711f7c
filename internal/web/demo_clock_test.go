package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/certification"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// in the demo: an administrator moves the demo clock
// past a certification's last valid day; the sweep runs at once, so the
// registry says expired without waiting for the hourly job, every page
// says which day the demo shows, and the move is audited. Only an
// administrator may move it, only in the demo, and only to a sane day.
func TestDemoClock_R8_2(t *testing.T) {
	b := sqliteOnly(t)
	s := newTestSite(t, b) // a site without the demo clock: no such page
	s.Env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, "")
	admin := s.client()
	login(t, admin, "admin@body.example.jp", testenv.TestPassword)
	if r := admin.get(t, "/admin/clock"); r.Status != http.StatusNotFound {
		t.Errorf("/admin/clock outside the demo = %d", r.Status)
	}

	clock := &nintei.OffsetClock{}
	clock.Set(time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC))
	demo := newDemoSite(t, s, clock)
	number := certifiedService(t, demo)
	admin = demo.client()
	login(t, admin, "admin@body.example.jp", testenv.TestPassword)
	jimu := demo.client()
	login(t, jimu, "jimu@body.example.jp", testenv.TestPassword)
	if r := jimu.get(t, "/admin/clock"); r.Status != http.StatusForbidden {
		t.Errorf("the secretariat opened the demo clock: %d", r.Status)
	}
	doc := admin.getPage(t, "/admin/clock", http.StatusOK)
	for _, bad := range []url.Values{{"date": {"2020-01-01"}}, {"date": {"明日"}}, {"days": {"0"}}, {"days": {"x"}}} {
		r := submitForm(t, admin, doc, "form:has(#date)", bad)
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest || !strings.Contains(r.Body, demo.ja("error.demo.date", nil)) {
			t.Errorf("%v: %d", bad, r.Status)
		}
	}
	if r := submitForm(t, admin, doc, "form:has(#date)", url.Values{"date": {"2028-11-27"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("set = %d %s", r.Status, r.Body)
	}
	page := admin.getPage(t, "/admin/clock", http.StatusOK)
	if got := page.Find("#demo-today").Text(); got != "2028年11月27日" {
		t.Errorf("demo today = %q", got)
	}
	if !strings.Contains(page.Find(".demo-banner").Text(), "2028年11月27日") {
		t.Error("no banner with the demo date")
	}
	entries, _, err := demo.Env.Store.Registry(context.Background(), sqlstore.RegistryQuery{Limit: 10})
	if err != nil || len(entries) != 1 || entries[0].Status != string(certification.Expired) {
		t.Errorf("R-8.2: the sweep did not run on the move: %+v %v", entries, err)
	}
	if r := demo.client().get(t, "/registry/"+url.PathEscape(number)); !strings.Contains(r.Body, "2028年11月27日") {
		t.Error("public pages do not say which day the demo shows")
	}
	if r := submitForm(t, admin, page, "form:has(button[name=reset])", url.Values{"reset": {"1"}}); r.Status != http.StatusSeeOther || clock.Offset() != 0 {
		t.Errorf("reset = %d, offset %v", r.Status, clock.Offset())
	}
}

// newDemoSite serves the store of s through a service that reads the
// demo clock, as `nintei demo` does.
func newDemoSite(t *testing.T, s *site, clock *nintei.OffsetClock) *site {
	t.Helper()
	env := *s.Env
	env.Svc = s.Env.Svc.At(clock)
	srv, err := New(env.Svc, env.Msgs, env.Log, Options{DemoClock: clock})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &site{URL: ts.URL, Env: &env, Srv: srv}
}
