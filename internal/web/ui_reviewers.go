package web

import (
	"net/http"
	"strconv"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/policy"
	"nintei/service"
)

// reviewAssignments is the review page's panel of assigned reviewers, with
// the accounts the secretariat may assign.
type reviewAssignments struct {
	Reviewers        []sqlstore.Reviewer
	ReviewerAccounts []nintei.User
}

func (s *Server) loadAssignments(r *http.Request, p service.Principal, id int64) (reviewAssignments, error) {
	var out reviewAssignments
	var err error
	if out.Reviewers, err = s.svc.Reviewers(r.Context(), p, id); err != nil {
		return out, err
	}
	if policy.Allows(p.User.Role, policy.AssignReviewers) {
		out.ReviewerAccounts, err = s.svc.ReviewerAccounts(r.Context(), p)
	}
	return out, err
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
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNoRoute
	}
	uid, _ := strconv.ParseInt(value("reviewer"), 10, 64)
	if err := do(r.Context(), *principal(r), id, uid); err != nil {
		return s.reviewFailed(w, r, err)
	}
	return redirect(w, r, appURL(id, "/review#reviewers"), flash)
}
