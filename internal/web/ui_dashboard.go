package web

import (
	"net/http"

	"nintei"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/policy"
	"nintei/service"
	"nintei/internal/sqlstore"
)

// dashboardPage shows each role its work: a provider what it must do now
// and every application and certification with its next step and
// deadlines; staff and the administrator the screens where their work is
// done today.
type dashboardPage struct {
	Layout
	Org         nintei.Organization
	Members     int
	Editions    []sqlstore.CatalogEdition
	AuditEvents []auditRow
	Work        *service.ProviderWork // the provider's (owner, member); nil for staff
	Demo        bool                  // `nintei demo`: the administrator may move the date
}

// Day writes a date the way the page's language does.
func (p dashboardPage) Day(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	if p.Lang == i18n.English {
		return d.String()
	}
	return jaDate(d.String())
}

func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	ctx := r.Context()
	page := dashboardPage{Layout: s.layout(w, r), Demo: s.opts.DemoClock != nil}
	var err error
	if page.Org, err = s.svc.Store().Organization(ctx, p.User.OrgID); err != nil {
		return err
	}
	if page.Editions, err = s.svc.Editions(ctx); err != nil {
		return err
	}
	if policy.Allows(p.User.Role, policy.Apply) {
		work, err := s.svc.ProviderWork(ctx, *p)
		if err != nil {
			return err
		}
		page.Work = &work
	}
	if policy.Allows(p.User.Role, policy.ViewMembers) {
		users, _, err := s.svc.Members(ctx, *p)
		if err != nil {
			return err
		}
		page.Members = len(users)
	}
	if policy.Allows(p.User.Role, policy.ReadAudit) {
		entries, err := s.svc.AuditLog(ctx, *p, service.AuditFilter{Limit: 10})
		if err != nil {
			return err
		}
		page.AuditEvents = s.auditRows(page.Layout, entries)
	}
	return s.render(w, r, http.StatusOK, "dashboard", page)
}

// Name is a service's name, or the placeholder of a draft that has none.
func (p dashboardPage) Name(s string) string {
	if s == "" {
		return p.T("applications.untitled")
	}
	return s
}

// todoURL is the page where the provider does what a Todo asks.
func todoURL(t service.Todo) string {
	switch t.Kind {
	case service.TodoInquiry:
		return appURL(t.ApplicationID, "#h-inquiries-a")
	case service.TodoInvoice:
		return appURL(t.ApplicationID, "#h-invoice")
	case service.TodoRenewal:
		if t.Draft {
			return appURL(t.ApplicationID, "")
		}
		return appURL(t.ApplicationID, "#renewal")
	case service.TodoSupervision:
		return appURL(t.ApplicationID, "/supervision")
	case service.TodoReturned:
		return appURL(t.ApplicationID, "#h-returned")
	}
	return appURL(t.ApplicationID, "")
}

// TodoURL is todoURL for the template.
func (dashboardPage) TodoURL(t service.Todo) string { return todoURL(t) }
