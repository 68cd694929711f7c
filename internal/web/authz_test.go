package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
	"nintei/policy"
)

func TestDashboardForEveryRole(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		for _, role := range nintei.Roles {
			c := s.loginAs(t, role)
			doc := c.getPage(t, "/dashboard", http.StatusOK)
			roleName := s.ja("role."+string(role), nil)
			if lead := doc.Find("main p.lead").Text(); !strings.Contains(lead, roleName) || !strings.Contains(lead, users[role].Name) {
				t.Errorf("%s: greeting %q does not name the user and the role %q", role, lead, roleName)
			}
			if header := doc.Find("header .tools").Text(); !strings.Contains(header, roleName) {
				t.Errorf("%s: header %q does not show the role", role, header)
			}
			// The menu offers exactly what the route table allows.
			for href, allowed := range map[string]bool{
				"/members": role.IsApplicant(),
				"/audit":   role == nintei.RoleSecretariat || role == nintei.RoleAdmin,
			} {
				if got := doc.Find(`nav a[href="`+href+`"]`).Length() == 1; got != allowed {
					t.Errorf("%s: menu offers %s = %v, want %v", role, href, got, allowed)
				}
			}
			if got, want := doc.Find(`main a[href="/admin/catalog/import"]`).Length() == 1, role == nintei.RoleAdmin; got != want {
				t.Errorf("%s: import link shown = %v, want %v", role, got, want)
			}
			if doc.Find(`main a[href="/catalog/`+builtinEdition+`"]`).Length() == 0 {
				t.Errorf("%s: dashboard does not list the catalog edition", role)
			}
			if role.IsApplicant() {
				if want := s.ja("dashboard.applicant.members_body", map[string]any{"Count": 2}); !strings.Contains(doc.Find("main").Text(), want) {
					t.Errorf("%s: dashboard lacks %q", role, want)
				}
			}
			if got, want := doc.Find(`section[aria-labelledby="h-audit"] tbody tr`).Length() > 0,
				role == nintei.RoleSecretariat || role == nintei.RoleAdmin; got != want {
				t.Errorf("%s: recent audit events shown = %v, want %v", role, got, want)
			}
		}
	})
}

// TestAuthorizationExamples spells out the main rules of the access model.
func TestAuthorizationExamples(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		clients := map[nintei.Role]*client{}
		for _, r := range nintei.Roles {
			clients[r] = s.loginAs(t, r)
		}
		member := clients[nintei.RoleMember]
		r := member.postForm(t, "/members/invite", url.Values{"csrf_token": {member.csrf(t)}, "email": {"x@example.jp"}})
		if r.Status != http.StatusForbidden || alertText(r.doc(t)) != s.ja("error.forbidden", nil) {
			t.Errorf("member POST /members/invite = %d, want 403 with the forbidden message", r.Status)
		}
		tests := []struct {
			role nintei.Role
			path string
			want int
		}{
			{nintei.RoleOwner, "/audit", http.StatusForbidden},
			{nintei.RoleMember, "/audit", http.StatusForbidden},
			{nintei.RoleOwner, "/admin/catalog/import", http.StatusForbidden},
			{nintei.RoleMember, "/admin/catalog/import", http.StatusForbidden},
			{nintei.RoleReviewer, "/audit", http.StatusForbidden},
			{nintei.RoleCommittee, "/audit", http.StatusForbidden},
			{nintei.RoleSecretariat, "/admin/catalog/import", http.StatusForbidden},
			{nintei.RoleReviewer, "/members", http.StatusForbidden},
			{nintei.RoleSecretariat, "/audit", http.StatusOK},
			{nintei.RoleAdmin, "/audit", http.StatusOK},
			{nintei.RoleAdmin, "/admin/catalog/import", http.StatusOK},
			{nintei.RoleMember, "/members", http.StatusOK},
		}
		for _, tt := range tests {
			r := clients[tt.role].get(t, tt.path)
			if r.Status != tt.want {
				t.Errorf("%s GET %s = %d, want %d", tt.role, tt.path, r.Status, tt.want)
			}
		}
		// The members page offers the invitation form to the owner only.
		if got := clients[nintei.RoleMember].getPage(t, "/members", http.StatusOK).Find(`form[action="/members/invite"]`).Length(); got != 0 {
			t.Error("members page offers a member the invitation form")
		}
		if got := clients[nintei.RoleOwner].getPage(t, "/members", http.StatusOK).Find(`form[action="/members/invite"]`).Length(); got != 1 {
			t.Error("members page does not offer the owner the invitation form")
		}

		public := s.client()
		for _, p := range []string{"/dashboard", "/account", "/members", "/audit", "/admin/catalog/import"} {
			r := public.get(t, p)
			if want := "/login?next=" + url.QueryEscape(p); r.Status != http.StatusSeeOther || r.location() != want {
				t.Errorf("public GET %s = %d to %q, want 303 to %q", p, r.Status, r.location(), want)
			}
		}
		for _, p := range []string{"/", "/login", "/catalog"} {
			if r := public.get(t, p); r.Status != http.StatusOK {
				t.Errorf("public GET %s = %d, want 200", p, r.Status)
			}
		}
		r = public.get(t, "/api/v1/me")
		var got errorEnvelope
		r.json(t, &got)
		var want errorEnvelope
		want.Error.Code, want.Error.Message, want.Error.RequestID = "error.login.required", "ログインしてください。", r.Header.Get("X-Request-ID")
		if r.Status != http.StatusUnauthorized || got != want {
			t.Errorf("public GET /api/v1/me = %d %+v, want 401 %+v", r.Status, got, want)
		}
	})
}

// whoMay is the roles a route's access admits (public admits everyone):
// the policy's answer, which policy's own test writes out by hand.
func whoMay(a access) []nintei.Role { return policy.Roles(a) }

// TestRouteTableIsComplete: every route names an action of the policy and a
// handler, the tables do not repeat a method and path, and every
// state-changing UI route requires a login except the public forms (login,
// language, invitation, forgotten password, following a service or search:
// each confirmed by a mailed link or carrying its own secret token).
func TestRouteTableIsComplete(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	seen := map[string]bool{}
	publicPosts := map[string]bool{"/login": true, "/lang": true, "/invite/{token}": true,
		"/password/forgot": true, "/password/reset/{token}": true,
		"/follow": true, "/follow/confirm/{token}": true, "/follow/unsubscribe/{token}": true, "/follow/webhooks": true,
		"/follow/webhooks/confirm/{token}": true, "/follow/webhooks/manage/{token}/delete": true}
	for _, rt := range s.Srv.routes {
		key := rt.method + " " + rt.path
		if seen[key] {
			t.Errorf("%s is in the route tables twice", key)
		}
		seen[key] = true
		if !policy.Known(rt.access) || rt.handle == nil {
			t.Errorf("%s: access %q, handler set %v", key, rt.access, rt.handle != nil)
		}
		for _, a := range rt.anyOf {
			if !policy.Known(a) || a == public || a == anyUser {
				t.Errorf("%s: anyOf names %q, not an action of a role", key, a)
			}
		}
		if rt.method != http.MethodGet && rt.access == public && !strings.HasPrefix(rt.path, "/api/") && !publicPosts[rt.path] {
			t.Errorf("%s changes state without a login", key)
		}
	}
}
