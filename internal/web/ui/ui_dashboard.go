package ui

import (
	"net/http"
	"time"

	"nintei"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/policy"
	"nintei/service/core"
	"nintei/service/examination"
	"nintei/service/ops"
	"nintei/service/views"
)

// dashboardPage shows each role its work: a provider what it must do now
// and every application and certification with its next step and
// deadlines; staff and the administrator the screens where their work is
// done today.
type dashboardPage struct {
	Layout
	Org         nintei.Organization
	Members     int
	Editions    []core.CatalogEdition
	AuditEvents []auditRow
	Work        *views.ProviderWork // the provider's (owner, member); nil for staff
	Inbox       *views.Inbox        // the secretariat's
	Committee   *views.CommitteeWork
	Admin       *views.AdminWork
	Demo        bool                      // `nintei demo`: the administrator may move the date
	Reviewer    *examination.ReviewerWork // a reviewer's assignments (ui_reviewer_work.go); nil for others
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
	if page.Org, err = s.svc.OwnOrganization(ctx, *p); err != nil {
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
	if err := s.staffWork(r, &page); err != nil {
		return err
	}
	if err := s.reviewerDashboard(r, &page); err != nil {
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
		entries, err := s.svc.AuditLog(ctx, *p, ops.AuditFilter{Limit: 10})
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

// TodoURL is todoURL for the template.
func (dashboardPage) TodoURL(t views.Todo) string { return todoURL(t) }

// staffWork reads the work of the secretariat, a committee member or the
// administrator (the reviewer's dashboard is the list of links).
func (s *Server) staffWork(r *http.Request, page *dashboardPage) error {
	p := *principal(r)
	var err error
	switch p.User.Role {
	case nintei.RoleSecretariat:
		in, e := s.svc.Inbox(r.Context(), p)
		page.Inbox, err = &in, e
	case nintei.RoleCommittee:
		cw, e := s.svc.CommitteeWork(r.Context(), p)
		page.Committee, err = &cw, e
	case nintei.RoleAdmin:
		aw, e := s.svc.AdminWork(r.Context(), p)
		page.Admin, err = &aw, e
	}
	return err
}

// InboxURL is the screen where an inbox item's work is done.
func (dashboardPage) InboxURL(it views.InboxItem) string { return request.InboxURL(it) }

// Since writes the day an item has waited since.
func (p dashboardPage) Since(t time.Time) string { return p.Day(civil.DateOf(t.In(jst))) }

// Roles are the roles in the order the administrator's table lists them.
func (dashboardPage) Roles() []nintei.Role { return nintei.Roles }

// workView is a staff member's work list as the dashboard shows it.
type workView struct {
	ID     string // "inbox" (the secretariat) or "committee"
	Total  int
	Groups []views.InboxGroup
}

// StaffWork is the secretariat's inbox or a committee member's cases; nil
// for other roles.
func (p dashboardPage) StaffWork() *workView {
	switch {
	case p.Inbox != nil:
		return &workView{ID: "inbox", Total: p.Inbox.Total(), Groups: p.Inbox.Groups}
	case p.Committee != nil:
		return &workView{ID: "committee", Total: p.Committee.Total(), Groups: p.Committee.Groups}
	}
	return nil
}

// reviewerDashboard adds a reviewer's work to the dashboard: the
// applications assigned to them, then the others in review.
func (s *Server) reviewerDashboard(r *http.Request, page *dashboardPage) error {
	p := principal(r)
	if !policy.Allows(p.User.Role, policy.ReviewerWork) {
		return nil
	}
	w, err := s.svc.MyReviewWork(r.Context(), *p)
	page.Reviewer = &w
	return err
}
