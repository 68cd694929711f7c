package web

import (
	"net/http"
	"strings"
	"testing"

	"nintei"
	"nintei/service"
)

// The API asks the policy before it reads the body: for every API route
// that needs a role, every role the policy refuses gets 403 even with a
// body that is not JSON at all (R-12: nothing is parsed for someone who
// may not act). The revocation route, whose handler used to decode first,
// is among them.
func TestAPIRefusesRoleBeforeDecoding_R11_5(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	clients := map[nintei.Role]*client{}
	for r, u := range users {
		clients[r] = s.bearerClient(s.apiToken(t, u, "policy").Secret)
	}
	checked := 0
	for _, rt := range s.Srv.routes {
		if !isAPIPath(rt.path) || rt.method == http.MethodGet || rt.access == public || rt.access == anyUser {
			continue
		}
		path := strings.NewReplacer("{id}", "1", "{qid}", "1", "{iid}", "1", "{rid}", "1", "{aid}", "1", "{wid}", "1").Replace(rt.path)
		for _, role := range nintei.Roles {
			if rt.admits(&service.Principal{User: nintei.User{Role: role}}) {
				continue
			}
			r := clients[role].request(t, rt.method, path, strings.NewReader("{not json"), "Content-Type", "application/json")
			if r.Status != http.StatusForbidden {
				t.Errorf("%s %s as %s with a malformed body = %d, want 403", rt.method, rt.path, role, r.Status)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d refusals checked", checked)
	}
}

// The administrator's powers (docs/access.md): it imports catalogs but
// cannot revoke, certify or confirm a payment, through either surface.
func TestAdministratorTakesNoDecision(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	for _, rt := range s.Srv.routes {
		decides := strings.HasSuffix(rt.path, "/revocation") || strings.HasSuffix(rt.path, "/revocation") ||
			strings.HasSuffix(rt.path, "/decision/certify") || strings.HasSuffix(rt.path, "/decision/refuse") || strings.HasSuffix(rt.path, "/review/payment")
		if decides && rt.admits(adminPrincipal()) {
			t.Errorf("%s %s admits the administrator", rt.method, rt.path)
		}
		if rt.path == "/admin/catalog/import" && !rt.admits(adminPrincipal()) {
			t.Errorf("%s %s refuses the administrator", rt.method, rt.path)
		}
	}
}

func adminPrincipal() *service.Principal {
	return &service.Principal{User: nintei.User{Role: nintei.RoleAdmin}}
}
