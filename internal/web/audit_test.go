package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
)

func TestAuditPages(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		sec := s.loginAs(t, nintei.RoleSecretariat)

		doc := sec.getPage(t, "/audit", http.StatusOK)
		rows := doc.Find("main table tbody tr")
		n := s.auditCount(t)
		if int64(rows.Length()) != n {
			t.Errorf("audit page lists %d events, want all %d", rows.Length(), n)
		}
		text := rows.Text()
		for _, want := range []string{s.ja("audit.action.user.login", nil), s.ja("audit.action.user.create", nil),
			s.ja("audit.action.catalog.import", nil), users[nintei.RoleSecretariat].Name} {
			if !strings.Contains(text, want) {
				t.Errorf("audit page lacks %q", want)
			}
		}
		for _, internal := range []string{"user.login", "catalog.import", emailOf(nintei.RoleSecretariat)} {
			if strings.Contains(text, internal) {
				t.Errorf("audit page shows the internal %q", internal)
			}
		}
		// Newest first: the first row is the secretariat's own login.
		first := rows.First()
		if got, by := strings.TrimSpace(first.Find("th").Text()), first.Find("td").Eq(1).Text(); got != "ログイン" || by != users[nintei.RoleSecretariat].Name {
			t.Errorf("newest event = %q by %q, want the secretariat's login", got, by)
		}
		if verified, _, _ := strings.Cut(s.ja("audit.ok", nil), "{"); strings.Contains(doc.Find("main").Text(), verified) {
			t.Error("verification result shown without ?verify=1")
		}

		doc = sec.getPage(t, "/audit?verify=1", http.StatusOK)
		if got, want := flashText(doc), s.ja("audit.ok", map[string]any{"Count": n}); got != want {
			t.Errorf("verify notice = %q, want %q", got, want)
		}

		api := s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "audit").Secret)
		n = s.auditCount(t)
		var verify map[string]any
		api.get(t, "/api/v1/audit/verify").json(t, &verify)
		if want := map[string]any{"ok": true, "checked": float64(n)}; !equalJSON(verify, want) {
			t.Errorf("verify = %v, want %v", verify, want)
		}

		var events struct {
			Events []struct {
				Seq    int64  `json:"seq"`
				Action string `json:"action"`
				Actor  string `json:"actor"`
				Hash   string `json:"hash"`
			} `json:"events"`
		}
		api.get(t, "/api/v1/audit/events?limit=3").json(t, &events)
		if len(events.Events) != 3 || events.Events[0].Seq != n || events.Events[1].Seq != n-1 || len(events.Events[0].Hash) != 64 {
			t.Errorf("events?limit=3 = %+v, want seq %d, %d, %d", events.Events, n, n-1, n-2)
		}
		api.get(t, "/api/v1/audit/events?object_type=catalog_edition").json(t, &events)
		if len(events.Events) != 1 || events.Events[0].Action != "catalog.import" || events.Events[0].Actor != "system" {
			t.Errorf("catalog_edition events = %+v, want the built-in import by system", events.Events)
		}

		reviewer := s.bearerClient(s.apiToken(t, users[nintei.RoleReviewer], "x").Secret)
		s.wantAPIError(t, reviewer.get(t, "/api/v1/audit/verify"), http.StatusForbidden, "error.forbidden")
		s.wantAPIError(t, reviewer.get(t, "/api/v1/audit/events"), http.StatusForbidden, "error.forbidden")
	})
}

// TestAuditPaging: more than a page of events gives an "older" link that
// continues where the first page stopped.
func TestAuditPaging(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	u := s.Env.AddUser(t, "admin@example.jp", nintei.RoleAdmin, "")
	for range 105 {
		s.apiToken(t, u, "bulk")
	}
	c := s.client()
	login(t, c, "admin@example.jp", testenv.TestPassword)
	n := s.auditCount(t)
	doc := c.getPage(t, "/audit", http.StatusOK)
	if got := doc.Find("main table tbody tr").Length(); got != 100 {
		t.Errorf("first page has %d rows, want 100", got)
	}
	older, ok := doc.Find(`main a[href^="/audit?before="]`).Attr("href")
	if !ok {
		t.Fatal("no link to older events")
	}
	doc = c.getPage(t, older, http.StatusOK)
	if got, want := int64(doc.Find("main table tbody tr").Length()), n-100; got != want {
		t.Errorf("second page has %d rows, want %d", got, want)
	}
	if _, brk, err := s.Env.Store.VerifyAudit(context.Background()); brk != nil || err != nil {
		t.Errorf("chain: %v %v", brk, err)
	}
}

// equalJSON compares two decoded JSON objects.
func equalJSON(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
