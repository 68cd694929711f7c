package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
)

func TestUsersPageIsTheAdministrators(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	target := strconv.FormatInt(users[nintei.RoleReviewer].ID, 10)
	for _, role := range []nintei.Role{nintei.RoleOwner, nintei.RoleSecretariat, nintei.RoleReviewer, nintei.RoleCommittee} {
		c := s.loginAs(t, role)
		if r := c.get(t, "/admin/users"); r.Status != http.StatusForbidden {
			t.Errorf("%s GET /admin/users = %d, want 403", role, r.Status)
		}
		for _, path := range []string{"/admin/users/" + target + "/deactivate", "/admin/users/" + target + "/role", "/admin/users/invite"} {
			r := c.postForm(t, path, url.Values{"csrf_token": {c.csrf(t)}, "role": {"admin"}, "email": {"x@example.jp"}})
			if r.Status != http.StatusForbidden {
				t.Errorf("%s POST %s = %d, want 403", role, path, r.Status)
			}
		}
		if strings.Contains(c.getPage(t, "/dashboard", http.StatusOK).Find("nav.main").Text(), s.ja("nav.users", nil)) {
			t.Errorf("%s is offered the users page in the menu", role)
		}
	}
	if u, _ := s.Env.Store.User(context.Background(), users[nintei.RoleReviewer].ID); !u.Active() || u.Role != nintei.RoleReviewer {
		t.Errorf("a refused request changed the reviewer: %+v", u)
	}
}

func TestUsersPageJourney(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		admin := s.loginAs(t, nintei.RoleAdmin)
		reviewer := s.loginAs(t, nintei.RoleReviewer)

		doc := admin.getPage(t, "/admin/users", http.StatusOK)
		row := doc.Find("#user-" + strconv.FormatInt(users[nintei.RoleReviewer].ID, 10))
		for _, want := range []string{users[nintei.RoleReviewer].Name, emailOf(nintei.RoleReviewer), "審査員", "認定機関", "有効"} {
			if !strings.Contains(row.Text(), want) {
				t.Errorf("reviewer's row lacks %q: %q", want, row.Text())
			}
		}
		if got := doc.Find("#user-" + strconv.FormatInt(users[nintei.RoleMember].ID, 10)).Text(); !strings.Contains(got, "未ログイン") || !strings.Contains(got, orgA) {
			t.Errorf("member's row %q does not say never logged in and name the provider", got)
		}
		// Invite a staff member: the mail's link makes a committee member.
		csrf := csrfToken(t, doc)
		r := admin.postForm(t, "/admin/users/invite", url.Values{"csrf_token": {csrf}, "email": {"Iin@Example.jp"}, "role": {"committee"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("invite = %d\n%.500s", r.Status, r.Body)
		}
		token := inviteToken(t, s, 0)
		guest := s.client()
		r = guest.postForm(t, "/invite/"+token, url.Values{"name": {"新任 委員"}, "password": {"a long enough password"}, "confirm": {"a long enough password"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("accept = %d\n%.500s", r.Status, r.Body)
		}
		if u, err := s.Env.Store.UserByEmail(context.Background(), "iin@example.jp"); err != nil || u.Role != nintei.RoleCommittee {
			t.Errorf("invited user = %+v, %v; want a committee member", u, err)
		}
		// Change the reviewer's role, then deactivate them: their session ends.
		rid := strconv.FormatInt(users[nintei.RoleReviewer].ID, 10)
		r = admin.postForm(t, "/admin/users/"+rid+"/role", url.Values{"csrf_token": {csrf}, "role": {"secretariat"}})
		if r.Status != http.StatusSeeOther || r.location() != "/admin/users#user-"+rid {
			t.Fatalf("role change = %d to %q\n%.500s", r.Status, r.location(), r.Body)
		}
		r = admin.postForm(t, "/admin/users/"+rid+"/deactivate", url.Values{"csrf_token": {csrf}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("deactivate = %d\n%.500s", r.Status, r.Body)
		}
		doc = admin.getPage(t, "/admin/users", http.StatusOK)
		if got := flashText(doc); got != s.ja("flash.user.deactivated", nil) {
			t.Errorf("flash = %q", got)
		}
		if row := doc.Find("#user-" + rid).Text(); !strings.Contains(row, "無効") || !strings.Contains(row, "認定機関事務局") {
			t.Errorf("row after the changes = %q, want deactivated secretariat", row)
		}
		if r := reviewer.get(t, "/dashboard"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login") {
			t.Errorf("the deactivated user's session still works: %d %q", r.Status, r.location())
		}
		// The last administrator can neither demote nor deactivate themself.
		aid := strconv.FormatInt(users[nintei.RoleAdmin].ID, 10)
		r = admin.postForm(t, "/admin/users/"+aid+"/role", url.Values{"csrf_token": {csrf}, "role": {"reviewer"}})
		if r.Status != http.StatusConflict || alertText(r.doc(t)) != s.ja("error.user.last_admin", nil) {
			t.Errorf("demoting the last admin = %d %q", r.Status, alertText(r.doc(t)))
		}
		r = admin.postForm(t, "/admin/users/"+aid+"/deactivate", url.Values{"csrf_token": {csrf}})
		if r.Status != http.StatusBadRequest || alertText(r.doc(t)) != s.ja("error.user.self_deactivate", nil) {
			t.Errorf("self-deactivation = %d %q", r.Status, alertText(r.doc(t)))
		}
		doc = admin.getPage(t, "/audit?kind=user", http.StatusOK)
		for _, want := range []string{"役割を変更", "ユーザーを無効化"} {
			if !strings.Contains(doc.Find("main table").Text(), want) {
				t.Errorf("audit log lacks %q", want)
			}
		}
	})
}

func TestUsersAPI(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	api := s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "admin").Secret)
	var list struct {
		Users []struct {
			ID           int64  `json:"id"`
			Role         string `json:"role"`
			Active       bool   `json:"active"`
			Organization struct {
				Name string `json:"name"`
			} `json:"organization"`
		} `json:"users"`
	}
	api.get(t, "/api/v1/users").json(t, &list)
	if len(list.Users) != len(nintei.Roles) {
		t.Fatalf("%d users, want %d", len(list.Users), len(nintei.Roles))
	}
	rid := strconv.FormatInt(users[nintei.RoleReviewer].ID, 10)
	reviewerAPI := s.bearerClient(s.apiToken(t, users[nintei.RoleReviewer], "mine").Secret)
	if r := api.api(t, http.MethodPut, "/api/v1/users/"+rid+"/role", map[string]string{"role": "committee"}); r.Status != http.StatusNoContent {
		t.Errorf("role = %d %s", r.Status, r.Body)
	}
	if r := api.api(t, http.MethodPost, "/api/v1/users/"+rid+"/deactivate", nil); r.Status != http.StatusNoContent {
		t.Errorf("deactivate = %d %s", r.Status, r.Body)
	}
	s.wantAPIError(t, reviewerAPI.get(t, "/api/v1/me"), http.StatusUnauthorized, "error.token.invalid")
	aid := strconv.FormatInt(users[nintei.RoleAdmin].ID, 10)
	s.wantAPIError(t, api.api(t, http.MethodPut, "/api/v1/users/"+aid+"/role", map[string]string{"role": "reviewer"}), http.StatusConflict, "error.user.last_admin")
	r := api.api(t, http.MethodPost, "/api/v1/users/invitations", map[string]string{"email": "new@example.jp", "role": "reviewer"})
	if r.Status != http.StatusCreated {
		t.Errorf("invite = %d %s", r.Status, r.Body)
	}
	sec := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "sec").Secret)
	s.wantAPIError(t, sec.get(t, "/api/v1/users"), http.StatusForbidden, "error.forbidden")
}
