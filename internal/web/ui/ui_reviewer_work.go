package ui

import (
	"net/http"

	"nintei/policy"
)

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
