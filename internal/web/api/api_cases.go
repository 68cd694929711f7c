package api

import (
	"context"
	"net/http"

	"nintei/internal/web/request"
	"nintei/policy"
	"nintei/review"
	"nintei/service"
)

// caseJSON is an application on the staff's list: the application with
// the list's columns.
type caseJSON struct {
	applicationJSON
	Provider         string  `json:"provider"`
	Service          string  `json:"service"`
	DaysInState      int     `json:"days_in_state"`
	InvoiceDue       *string `json:"invoice_due"`
	InquiryAnswerDue *string `json:"inquiry_answer_due"`
	Overdue          bool    `json:"overdue"`
	// CertificationStatus is the certification's status today for a
	// certified application (expired, revoked, terminated, lapsed when it
	// has ended), null otherwise.
	CertificationStatus *string `json:"certification_status"`
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// apiCases is GET /api/v1/applications for staff: the list with the same
// filters and sorting as the page (q, state, kind, provider, overdue=1,
// sort, dir).
func (s *Server) apiCases(w http.ResponseWriter, r *http.Request) error {
	list, err := s.svc.Cases(r.Context(), *principal(r), request.CaseQueryOf(r.URL.Query()))
	if err != nil {
		return err
	}
	out := make([]caseJSON, 0, len(list.Cases))
	for _, c := range list.Cases {
		out = append(out, caseJSON{applicationJSON: toApplicationJSON(c.Application), Provider: c.Provider, Service: c.Service,
			DaysInState: c.Days, InvoiceDue: optString(c.InvoiceDue), InquiryAnswerDue: optString(c.InquiryDue),
			Overdue: c.Overdue(), CertificationStatus: optString(string(c.Status))})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"applications": out, "total": list.Total})
}

// isStaffReader reports whether the caller reads every application.
func isStaffReader(r *http.Request) bool {
	return policy.Allows(principal(r).User.Role, policy.ReadApplications)
}

func (s *Server) apiReviewers(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	rs, err := s.svc.Reviewers(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	if rs == nil {
		return writeJSON(w, http.StatusOK, map[string]any{"reviewers": []any{}})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"reviewers": rs})
}

func (s *Server) apiAssignReviewer(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		ReviewerID int64 `json:"reviewer_id"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	return s.apiAssignment(w, r, in.ReviewerID, s.svc.AssignReviewer)
}

func (s *Server) apiUnassignReviewer(w http.ResponseWriter, r *http.Request) error {
	uid, err := pathID(r, "reviewer")
	if err != nil {
		return err
	}
	return s.apiAssignment(w, r, uid, s.svc.UnassignReviewer)
}

func (s *Server) apiAssignment(w http.ResponseWriter, r *http.Request, uid int64, do assignFunc) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := do(r.Context(), *principal(r), id, uid); err != nil {
		return err
	}
	return s.apiReviewers(w, r)
}

// assignFunc is AssignReviewer or UnassignReviewer.
type assignFunc = func(ctx context.Context, p service.Principal, id, uid int64) error

// caseworkSchemas are the OpenAPI schemas of reviewer assignment.
func caseworkSchemas() map[string]any {
	reviewer := obj([]string{"user_id", "name", "email", "assigned_at"}, map[string]any{"user_id": integer, "name": str,
		"email": str, "assigned_at": when})
	return map[string]any{
		"Reviewers":      obj([]string{"reviewers"}, map[string]any{"reviewers": arr(reviewer)}),
		"ReviewerAssign": obj([]string{"reviewer_id"}, map[string]any{"reviewer_id": integer}),
		"AssessmentsSave": obj([]string{"version", "assessments"}, map[string]any{"version": integer,
			"assessments": arr(obj([]string{"item"}, map[string]any{"item": str,
				"verdict": map[string]any{"type": "string", "enum": append([]any{""}, assessVerdicts...), "description": "empty leaves the item unassessed"}, "comment": str}))}),
		"AssessmentsSaved": obj([]string{"saved"}, map[string]any{"saved": integer}),
		"CloseStalled":     obj([]string{"version", "reason"}, map[string]any{"version": integer, "reason": str}),
	}
}

// apiCloseStalled closes an overdue application as withdrawn.
func (s *Server) apiCloseStalled(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int64  `json:"version"`
		Reason  string `json:"reason"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.CloseStalled(r.Context(), *principal(r), id, in.Version, in.Reason); err != nil {
		return err
	}
	a, err := s.svc.Application(r.Context(), *principal(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, toApplicationJSON(a))
}

// apiAssessItems saves several assessments at once, with the version check.
func (s *Server) apiAssessItems(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version     int64 `json:"version"`
		Assessments []struct {
			Item    string `json:"item"`
			Verdict string `json:"verdict"`
			Comment string `json:"comment"`
		} `json:"assessments"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	as := make([]review.Assessment, 0, len(in.Assessments))
	for _, a := range in.Assessments {
		as = append(as, review.Assessment{ItemID: a.Item, Verdict: a.Verdict, Comment: a.Comment})
	}
	n, err := s.svc.AssessItems(r.Context(), *principal(r), id, in.Version, as)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"saved": n})
}
