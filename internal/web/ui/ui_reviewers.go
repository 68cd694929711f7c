package ui

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/civil"
	"nintei/policy"
	"nintei/service"
	"nintei/service/core"
	"nintei/service/examination"
)

// reviewAssignments is the review page's panel of assigned reviewers, with
// the accounts the secretariat may assign.
type reviewAssignments struct {
	Reviewers        []core.Reviewer
	ReviewerAccounts []nintei.User
	// Stall: how the application stands against the applicant's due
	// dates, for closing it as withdrawn; StallDays the configured period.
	Stall     examination.Stall
	StallDays int
}

func (s *Server) loadAssignments(r *http.Request, p service.Principal, id int64) (reviewAssignments, error) {
	var out reviewAssignments
	var err error
	if out.Reviewers, err = s.svc.Reviewers(r.Context(), p, id); err != nil {
		return out, err
	}
	if policy.Allows(p.User.Role, policy.AssignReviewers) {
		accounts, err := s.svc.ReviewerAccounts(r.Context(), p)
		if err != nil {
			return out, err
		}
		out.ReviewerAccounts = unassigned(accounts, out.Reviewers)
	}
	a, err := s.svc.Application(r.Context(), p, id)
	if err != nil {
		return out, err
	}
	out.StallDays = s.svc.Settings().StalledCloseDays
	out.Stall, err = s.svc.StallOf(r.Context(), a)
	return out, err
}

// CanClose reports whether the application may be closed as withdrawn today.
func (p reviewPage) CanClose() bool {
	return p.May("close_stalled") && p.Stall.Closable(civil.DateOf(mustDay(p.Today)))
}

// closeStalled closes an overdue application as withdrawn, with the reason.
func (s *Server) closeStalled(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.CloseStalled(r.Context(), *principal(r), id, versionOf(r), r.PostFormValue("reason")); err != nil {
		return s.reviewFailed(w, r, err)
	}
	return redirect(w, r, appURL(id, "/review"), "flash.casework.closed")
}

// assignReviewer assigns the reviewer the form names.
func (s *Server) assignReviewer(w http.ResponseWriter, r *http.Request) error {
	return s.assignmentAction(w, r, r.PostFormValue, s.svc.AssignReviewer, "flash.casework.assigned")
}

// unassignReviewer ends the assignment of the reviewer in the path.
func (s *Server) unassignReviewer(w http.ResponseWriter, r *http.Request) error {
	return s.assignmentAction(w, r, r.PathValue, s.svc.UnassignReviewer, "flash.casework.unassigned")
}

func (s *Server) assignmentAction(w http.ResponseWriter, r *http.Request, value func(string) string,
	do assignFunc, flash string) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	uid, _ := strconv.ParseInt(value("reviewer"), 10, 64)
	if err := do(r.Context(), *principal(r), id, uid); err != nil {
		return s.reviewFailed(w, r, err)
	}
	return redirect(w, r, appURL(id, "/review#reviewers"), flash)
}

// mustDay reads a YYYY-MM-DD day the page computed itself.
func mustDay(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// unassigned are the accounts not yet assigned, the ones the form offers.
func unassigned(accounts []nintei.User, assigned []core.Reviewer) []nintei.User {
	var out []nintei.User
	for _, u := range accounts {
		if !slices.ContainsFunc(assigned, func(r core.Reviewer) bool { return r.UserID == u.ID }) {
			out = append(out, u)
		}
	}
	return out
}

// caseworkPanels adds the assessment form, the reviewers and the closing
// panel to the review page.
func (s *Server) caseworkPanels(r *http.Request, p service.Principal, page *reviewPage, ed *catalog.Edition, atts []application.Attachment) error {
	page.assessView = assessViewOf(r, page.Rows, ed, page.Inquiries, atts)
	var err error
	page.reviewAssignments, err = s.loadAssignments(r, p, page.App.ID)
	return err
}

// assignFunc is AssignReviewer or UnassignReviewer.
type assignFunc = func(ctx context.Context, p service.Principal, id, uid int64) error
