package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei/incident"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
)

func (s *site) bearerFor(t *testing.T, email string) *client {
	t.Helper()
	u, err := s.Env.Store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return s.bearerClient(s.apiToken(t, u, "test").Secret)
}

// through the router: the provider reaches the incident
// page from the application page, a bad first report is shown again with
// a Japanese error and nothing typed lost, a good one, a follow-up and the
// final report are filed; the secretariat sees the open incident with its
// age on /incidents; another provider gets 404 and staff 403 when filing;
// the public never sees an incident, on any registry surface either.
func TestIncidentReportsThroughTheRouter_R11_1_R11_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社やまびこ", "jimu2@body.example.jp")
		public := s.client()

		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		if owner.getPage(t, "/applications/1", http.StatusOK).Find(`a[href="/applications/1/incidents"]`).Length() != 1 {
			t.Fatal("the application page does not link to the incident page")
		}
		doc := owner.getPage(t, "/applications/1/incidents", http.StatusOK)
		if doc.Find(`form[action="/applications/1/incidents"] input[name="kind"]`).Length() != 3 {
			t.Fatal("the first report form does not offer the three kinds")
		}
		marker := "東日本リージョン障害の内部記録QZX"
		form := url.Values{"csrf_token": {owner.csrf(t)}, "occurred_at": {"2026-11-27 09:30"}, "summary": {marker},
			"impact": {"全利用者の約3割"}, "measures": {"予備系に切替"}}
		r := owner.postForm(t, "/applications/1/incidents", form)
		if r.Status != http.StatusBadRequest {
			t.Fatalf("a first report without kind = %d", r.Status)
		}
		d := r.doc(t)
		if got := alertText(d); !strings.Contains(got, s.ja("error.incident.kind", nil)) {
			t.Errorf("error summary = %q", got)
		}
		if got := d.Find("#new-summary").Text(); got != marker {
			t.Errorf("the typed summary was lost: %q", got)
		}
		form.Set("kind", "outage")
		r = owner.postForm(t, "/applications/1/incidents", form)
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/applications/1/incidents#incident-") {
			t.Fatalf("first report = %d %q", r.Status, r.location())
		}
		mailed := false
		for _, m := range s.Env.Mail.Messages() {
			mailed = mailed || (m.To == "jimu@body.example.jp" && strings.Contains(m.Subject, "緊急事態の第一報"))
		}
		if !mailed {
			t.Error("the secretariat was not mailed")
		}
		r = owner.postForm(t, "/applications/1/incidents/1/reports", url.Values{"csrf_token": {owner.csrf(t)}, "stage": {"followup"},
			"summary": {"原因はストレージ障害"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("follow-up = %d %s", r.Status, r.Body)
		}

		// Another provider: not found, for reading and filing alike.
		other := s.client()
		login(t, other, "owner@b.example.jp", testenv.TestPassword)
		if r := other.get(t, "/applications/1/incidents"); r.Status != http.StatusNotFound {
			t.Errorf("another provider reads = %d", r.Status)
		}
		if r := other.postForm(t, "/applications/1/incidents/1/reports", url.Values{"csrf_token": {other.csrf(t)}, "stage": {"followup"},
			"summary": {"x"}}); r.Status != http.StatusNotFound {
			t.Errorf("another provider files = %d", r.Status)
		}
		if r := s.bearerFor(t, "owner@b.example.jp").api(t, "GET", "/api/v1/applications/1/incidents", nil); r.Status != http.StatusNotFound {
			t.Errorf("another provider's API read = %d", r.Status)
		}

		// Staff read everything, file nothing.
		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		if r := staff.postForm(t, "/applications/1/incidents", url.Values{"csrf_token": {staff.csrf(t)}, "kind": {"outage"}}); r.Status != http.StatusForbidden {
			t.Errorf("secretariat files = %d", r.Status)
		}
		s.Env.Clock.T = s.Env.Clock.T.AddDate(0, 0, 2) // sessions idle this long expire: log in again
		staff, owner = s.client(), s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		doc = staff.getPage(t, "/incidents", http.StatusOK)
		row := doc.Find("#open-incidents tbody tr")
		if row.Length() != 1 || !strings.Contains(row.Text(), s.ja("incident.days", map[string]any{"Days": 2})) ||
			!strings.Contains(row.Text(), "原因はストレージ障害") || !strings.Contains(row.Text(), number) {
			t.Errorf("open incidents: %q", row.Text())
		}
		if !strings.Contains(staff.getPage(t, "/applications/1/incidents", http.StatusOK).Text(), marker) {
			t.Error("staff cannot read the first report")
		}
		var open struct {
			Incidents []struct {
				ID      int    `json:"id"`
				AgeDays int    `json:"age_days"`
				State   string `json:"state"`
			} `json:"incidents"`
		}
		s.bearerFor(t, "jimu2@body.example.jp").api(t, "GET", "/api/v1/incidents", nil).json(t, &open)
		if len(open.Incidents) != 1 || open.Incidents[0].AgeDays != 2 || open.Incidents[0].State != "open" {
			t.Errorf("API open incidents = %+v", open)
		}
		if r := s.bearerFor(t, "owner@a.example.jp").api(t, "GET", "/api/v1/incidents", nil); r.Status != http.StatusForbidden {
			t.Errorf("provider lists all incidents = %d", r.Status)
		}

		// The final report through the API closes it.
		api := s.bearerFor(t, "owner@a.example.jp")
		r = api.api(t, "POST", "/api/v1/applications/1/incidents/1/reports", map[string]string{"stage": "final", "summary": "全面復旧"})
		s.wantAPIError(t, r, http.StatusBadRequest, "error.incident.measures")
		r = api.api(t, "POST", "/api/v1/applications/1/incidents/1/reports", map[string]string{"stage": "final", "summary": "全面復旧",
			"measures": "ストレージを冗長化"})
		var closed struct {
			State   string `json:"state"`
			Reports []struct {
				Stage string `json:"stage"`
			} `json:"reports"`
		}
		r.json(t, &closed)
		if r.Status != http.StatusCreated || closed.State != "closed" || len(closed.Reports) != 3 {
			t.Errorf("final report = %d %+v", r.Status, closed)
		}

		// A maintenance whose period the default answer does not state.
		r = owner.postForm(t, "/applications/1/maintenance", url.Values{"csrf_token": {owner.csrf(t)}, "announced_on": {"2026-11-29"},
			"starts_on": {"2026-12-01"}, "description": {"定期保守"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("maintenance = %d %s", r.Status, r.Body)
		}
		if row := staff.getPage(t, "/incidents", http.StatusOK).Find("#unread-notices tbody tr"); row.Length() != 1 ||
			!strings.Contains(row.Text(), "2026-11-29") || !strings.Contains(row.Text(), number) {
			t.Errorf("the unreadable notice is not listed for the secretariat: %q", row.Text())
		}

		// The public sees nothing of it.
		if r := public.get(t, "/applications/1/incidents"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login") {
			t.Errorf("public incident page = %d %q", r.Status, r.location())
		}
		if r := public.api(t, "GET", "/api/v1/applications/1/incidents", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("public API incidents = %d", r.Status)
		}
		if r := public.get(t, "/incidents"); r.Status == http.StatusOK {
			t.Errorf("public /incidents = %d", r.Status)
		}
		for _, path := range []string{"/registry", "/registry/" + url.PathEscape(number), "/registry/feed.atom", "/api/v1/registry/" + url.PathEscape(number),
			"/registry?q=" + url.QueryEscape("内部記録QZX")} {
			if strings.Contains(public.get(t, path).Body, marker) {
				t.Errorf("%s shows the incident", path)
			}
		}
	})
}

// through the router: an improvement request published by the
// secretariat appears on the public service page at once, although the
// page was cached, with its day, text and status; an unpublished request
// never does; the provider answers on its page; another provider cannot.
func TestPublishedImprovementThroughTheRouter_R11_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		number := certifiedService(t, s)
		certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社やまびこ", "jimu2@body.example.jp")
		page := "/registry/" + url.PathEscape(number)
		public := s.client()
		before := public.get(t, page).Body // cached now
		if strings.Contains(before, `id="improvements"`) {
			t.Fatal("the page shows improvement requests before any")
		}

		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		quiet := "非公表の改善要請ABC"
		r := staff.postForm(t, "/applications/1/supervision", url.Values{"csrf_token": {staff.csrf(t)}, "kind": {"improvement"},
			"body": {quiet}, "due_on": {"2026-11-01"}})
		if r.Status != http.StatusBadRequest || r.doc(t).Find("#new-body").Text() != quiet {
			t.Fatalf("a past due date = %d, or the text was lost", r.Status)
		}
		r = staff.postForm(t, "/applications/1/supervision", url.Values{"csrf_token": {staff.csrf(t)}, "kind": {"improvement"},
			"body": {quiet}, "due_on": {"2027-01-31"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("unpublished request = %d %s", r.Status, r.Body)
		}
		published := "障害時の利用者への通知手順を改善してください。"
		r = staff.postForm(t, "/applications/1/supervision", url.Values{"csrf_token": {staff.csrf(t)}, "kind": {"improvement"},
			"body": {published}, "due_on": {"2027-01-31"}, "publish": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("published request = %d %s", r.Status, r.Body)
		}
		d := public.getPage(t, page, http.StatusOK)
		sec := d.Find("#improvements")
		if !strings.Contains(sec.Text(), published) || !strings.Contains(sec.Text(), "2026.11.27") ||
			!strings.Contains(sec.Text(), s.ja("registry.improvements.status.open", nil)) {
			t.Errorf("the service page does not follow: %q", sec.Text())
		}
		if strings.Contains(d.Text(), quiet) {
			t.Error("an unpublished request is public")
		}
		var entry struct {
			Improvements []struct {
				Body, Status string
			} `json:"improvement_requests"`
		}
		public.get(t, "/api/v1/registry/"+url.PathEscape(number)).json(t, &entry)
		if len(entry.Improvements) != 1 || entry.Improvements[0].Body != published || entry.Improvements[0].Status != "open" {
			t.Errorf("the JSON entry's improvement requests = %+v", entry.Improvements)
		}
		if !strings.Contains(public.get(t, "/registry/feed.atom").Body, s.ja("feed.improvement_requested", map[string]any{"Number": number, "Service": "みなとIoTクラウド"})) {
			t.Error("the feed has no improvement event")
		}

		// The provider answers on its page; the request was mailed.
		owner := s.client()
		login(t, owner, "owner@a.example.jp", testenv.TestPassword)
		doc := owner.getPage(t, "/applications/1/supervision", http.StatusOK)
		if doc.Find(`form[action="/applications/1/supervision/2/responses"]`).Length() != 1 {
			t.Fatal("the provider has no answer form")
		}
		r = owner.postForm(t, "/applications/1/supervision/2/responses", url.Values{"csrf_token": {owner.csrf(t)}, "body": {"手順を改訂しました。"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("answer = %d", r.Status)
		}
		other := s.client()
		login(t, other, "owner@b.example.jp", testenv.TestPassword)
		if r := other.postForm(t, "/applications/1/supervision/2/responses", url.Values{"csrf_token": {other.csrf(t)}, "body": {"x"}}); r.Status != http.StatusNotFound {
			t.Errorf("another provider answers = %d", r.Status)
		}
		if r := other.get(t, "/applications/1/supervision"); r.Status != http.StatusNotFound {
			t.Errorf("another provider reads = %d", r.Status)
		}
		if r := owner.postForm(t, "/applications/1/supervision", url.Values{"csrf_token": {owner.csrf(t)}, "kind": {"improvement"}}); r.Status != http.StatusForbidden {
			t.Errorf("the provider makes a request = %d", r.Status)
		}

		// Resolved through the API: the public page follows again.
		r = s.bearerFor(t, "jimu@body.example.jp").api(t, "POST", "/api/v1/applications/1/supervision/2/resolve", nil)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"state":"resolved"`) {
			t.Fatalf("resolve = %d %s", r.Status, r.Body)
		}
		if sec := public.getPage(t, page, http.StatusOK).Find("#improvements"); !strings.Contains(sec.Text(), s.ja("registry.improvements.status.resolved", nil)) {
			t.Errorf("after resolving: %q", sec.Text())
		}
		// Published later through the API.
		r = s.bearerFor(t, "jimu@body.example.jp").api(t, "POST", "/api/v1/applications/1/supervision/1/publish", nil)
		if r.Status != http.StatusOK {
			t.Fatalf("publish = %d %s", r.Status, r.Body)
		}
		if !strings.Contains(public.get(t, page).Body, quiet) {
			t.Error("a request published later is not on the page")
		}
		if r := s.bearerFor(t, "owner@b.example.jp").api(t, "GET", "/api/v1/applications/1/supervision", nil); r.Status != http.StatusNotFound {
			t.Errorf("another provider's API read = %d", r.Status)
		}
	})
}

// The messages the incident and supervision pages pick from maps of full
// keys exist in both languages (the template test sees only literal keys).
func TestIncidentMessageKeysExist_R11(t *testing.T) {
	msgs := i18n.MustLoad()
	for _, m := range []map[string]string{incidentKindKeys, incidentStageKeys, incidentStateKeys, noticeVerdictKeys, maintenanceFlash,
		supervisionKindKeys, supervisionStateKeys, publicImprovementKeys, incidentsPage{}.FieldKeys()} {
		for _, key := range m {
			for _, lang := range i18n.Langs {
				if got := msgs.T(lang, key, nil); got == key || got == "" {
					t.Errorf("%s: %q has no text", lang, key)
				}
			}
		}
	}
	for _, kind := range incident.Kinds {
		if incidentKindKeys[kind] == "" {
			t.Errorf("kind %q has no message", kind)
		}
	}
	for _, kind := range incident.RequestKinds {
		if supervisionKindKeys[kind] == "" {
			t.Errorf("request kind %q has no message", kind)
		}
	}
}
