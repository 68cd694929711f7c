package web

import (
	"net/http"

	"nintei"
	"nintei/policy"
	"nintei/sqlstore"
)

// dashboardPage shows each role what exists for it today; the template
// picks the section by role and offers nothing that is not built yet.
type dashboardPage struct {
	Layout
	Org         nintei.Organization
	Members     int
	Editions    []sqlstore.CatalogEdition
	AuditEvents []nintei.AuditEvent
}

func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	ctx := r.Context()
	page := dashboardPage{Layout: s.layout(w, r)}
	var err error
	if page.Org, err = s.svc.Store().Organization(ctx, p.User.OrgID); err != nil {
		return err
	}
	if page.Editions, err = s.svc.Editions(ctx); err != nil {
		return err
	}
	if policy.Allows(p.User.Role, policy.ViewMembers) {
		users, _, err := s.svc.Members(ctx, *p)
		if err != nil {
			return err
		}
		page.Members = len(users)
	}
	if policy.Allows(p.User.Role, policy.ReadAudit) {
		if page.AuditEvents, err = s.svc.Store().AuditEvents(ctx, sqlstore.AuditQuery{Limit: 10}); err != nil {
			return err
		}
	}
	return s.render(w, r, http.StatusOK, "dashboard", page)
}
