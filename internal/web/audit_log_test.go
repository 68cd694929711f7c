package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/accounts"
)

// auditRowsText is the text of each row of the audit log table.
func auditRowsText(t *testing.T, c *client, path string) []string {
	t.Helper()
	var out []string
	c.getPage(t, path, http.StatusOK).Find("main table.audit tbody tr").Each(func(_ int, r *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(r.Text()), " "))
	})
	return out
}

func TestAuditLogFilters(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	ctx := context.Background()
	s.Env.Clock.T = time.Date(2026, 12, 7, 14, 0, 0, 0, time.UTC) // 23:00 JST
	if err := s.Env.Svc.RecordStaffView(ctx, service.Principal{User: users[nintei.RoleSecretariat]}, 999, "form_b"); err != nil {
		t.Fatal(err)
	}
	admin := s.loginAs(t, nintei.RoleAdmin) // logs in on 2026-12-07
	s.Env.Clock.T = time.Date(2026, 12, 7, 15, 30, 0, 0, time.UTC)
	sec := s.loginAs(t, nintei.RoleSecretariat) // at 00:30 on 2026-12-08, Japan time

	// Page views are apart from changes.
	changes := auditRowsText(t, sec, "/audit")
	views := auditRowsText(t, sec, "/audit?show=views")
	if len(views) != 1 || !strings.Contains(views[0], "申請を閲覧") {
		t.Errorf("views tab = %q, want the one view", views)
	}
	for _, r := range changes {
		if strings.Contains(r, "申請を閲覧") {
			t.Errorf("the changes tab lists a page view: %q", r)
		}
	}
	// By actor, by kind, by target.
	aid := strconv.FormatInt(users[nintei.RoleAdmin].ID, 10)
	for _, r := range auditRowsText(t, sec, "/audit?actor="+aid) {
		if !strings.Contains(r, users[nintei.RoleAdmin].Name) {
			t.Errorf("actor filter lists %q", r)
		}
	}
	if got := auditRowsText(t, sec, "/audit?actor=0&kind=catalog"); len(got) != 1 || !strings.Contains(got[0], "開示項目カタログを取込み") || !strings.Contains(got[0], "システム") && !strings.Contains(got[0], "system") {
		t.Errorf("system's catalog events = %q", got)
	}
	if got := auditRowsText(t, sec, "/audit?type=user&target="+aid); len(got) != 2 {
		t.Errorf("events on the admin user = %q, want creation and login", got)
	}
	// By day, written three ways; both ends included.
	for _, day := range []string{"2026-12-07", "2026/12/7", "2026年12月7日"} {
		got := auditRowsText(t, sec, "/audit?from="+url.QueryEscape(day)+"&to="+url.QueryEscape(day))
		if len(got) != 1 || !strings.Contains(got[0], "ログイン") || !strings.Contains(got[0], users[nintei.RoleAdmin].Name) {
			t.Errorf("from=to=%s: %q, want the admin's login only", day, got)
		}
	}
	r := sec.get(t, "/audit?from=12/7/2026")
	if doc := r.doc(t); r.Status != http.StatusBadRequest || !strings.Contains(alertText(doc), "開始日") || !strings.Contains(alertText(doc), "2026年12月7日") {
		t.Errorf("bad date = %d %q, want an error naming the field and the forms", r.Status, alertText(doc))
	}
	r = sec.get(t, "/audit?from=2026-12-08&to=2026-12-07")
	if r.Status != http.StatusBadRequest || alertText(r.doc(t)) != s.ja("error.audit.range", nil) {
		t.Errorf("reversed range = %d %q", r.Status, alertText(r.doc(t)))
	}
	// The target is a link where the viewer may open it: users for the administrator only.
	if n := admin.getPage(t, "/audit?type=user", http.StatusOK).Find(`main table a[href^="/admin/users#user-"]`).Length(); n == 0 {
		t.Error("the administrator gets no link to the users")
	}
	if n := sec.getPage(t, "/audit?type=user", http.StatusOK).Find(`main table a[href^="/admin/users"]`).Length(); n != 0 {
		t.Error("the secretariat gets links to the users page it may not open")
	}
}

func TestAuditCSV(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		evil, err := s.Env.Svc.AddUser(context.Background(), nil, accounts.NewUser{Email: "evil@example.jp",
			Name: `=HYPERLINK("http://x","y")`, Role: nintei.RoleReviewer, Password: testenv.TestPassword})
		if err != nil {
			t.Fatal(err)
		}
		login(t, s.client(), "evil@example.jp", testenv.TestPassword)
		sec := s.loginAs(t, nintei.RoleSecretariat)
		doc := sec.getPage(t, "/audit?kind=user", http.StatusOK)
		href, _ := doc.Find(`main a[href^="/audit.csv"]`).Attr("href")
		if href != "/audit.csv?kind=user" {
			t.Errorf("CSV link = %q, want the filter kept", href)
		}
		r := sec.get(t, href)
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(r.Body, "\ufeff") {
			t.Fatalf("CSV = %d %q, BOM %v", r.Status, r.Header.Get("Content-Type"), strings.HasPrefix(r.Body, "\ufeff"))
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != "連番,日時,操作者,メールアドレス,操作,対象の種類,対象の番号,対象,ハッシュ" {
			t.Errorf("header = %q", got)
		}
		found := false
		for _, row := range rows[1:] {
			if !strings.HasPrefix(row[4], "ログイン") && !strings.Contains(row[4], "ユーザー") && !strings.Contains(row[4], "パスワード") && !strings.Contains(row[4], "役割") {
				t.Errorf("a row outside the user kind: %q", row)
			}
			if row[3] == "evil@example.jp" && row[4] == "ログイン" {
				found = true
				if row[2] != `'`+evil.Name {
					t.Errorf("actor cell = %q, want the formula defused with a leading apostrophe", row[2])
				}
			}
		}
		if !found {
			t.Errorf("the CSV lacks the login of %s:\n%s", evil.Email, r.Body)
		}
	})
}

func TestAuditAPIFilters(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	api := s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "audit").Secret)
	var got struct {
		Events []struct {
			Action      string `json:"action"`
			ActionLabel string `json:"action_label"`
			ActorName   string `json:"actor_name"`
			Target      struct {
				Type, ID, Label, URL string
			} `json:"target"`
		} `json:"events"`
	}
	api.get(t, "/api/v1/audit/events?kind=user&action=user.create&object_id="+strconv.FormatInt(users[nintei.RoleOwner].ID, 10)).json(t, &got)
	if len(got.Events) != 1 || got.Events[0].ActionLabel != "ユーザーを登録" || got.Events[0].Target.Label != users[nintei.RoleOwner].Name ||
		got.Events[0].Target.URL == "" || got.Events[0].ActorName != "システム" {
		t.Errorf("events = %+v", got.Events)
	}
	api.get(t, "/api/v1/audit/events?action=user.create", "Accept-Language", "en").json(t, &got)
	if len(got.Events) == 0 || got.Events[0].ActionLabel != "Created a user" {
		t.Errorf("English label = %+v", got.Events)
	}
	r := api.get(t, "/api/v1/audit/events?from=yesterday")
	var e errorEnvelope
	r.json(t, &e)
	if r.Status != http.StatusBadRequest || e.Error.Code != "error.audit.date" || !strings.HasPrefix(e.Error.Message, "開始日") {
		t.Errorf("bad date = %d %+v, want error.audit.date naming 開始日", r.Status, e)
	}
}
