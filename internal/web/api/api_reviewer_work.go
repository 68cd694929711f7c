package api

import (
	"net/http"

	"nintei"
	"nintei/service/examination"
)

// reviewCaseJSON is one application of a reviewer's work (GET /api/v1/me/work).
type reviewCaseJSON struct {
	ID       int64   `json:"id"`
	Provider string  `json:"provider"`
	Service  string  `json:"service"`
	Kind     string  `json:"kind"`
	State    string  `json:"state"`
	Days     int     `json:"days_in_state"`
	Assessed int     `json:"assessed"`
	Items    int     `json:"items"`
	Inquiry  *string `json:"inquiry_answer_due"`
	URL      string  `json:"url"`
}

// reviewerWorkJSON is a reviewer's dashboard as JSON.
type reviewerWorkJSON struct {
	Role     nintei.Role      `json:"role"` // reviewer, as the other roles' work says its role
	Assigned []reviewCaseJSON `json:"assigned"`
	Others   []reviewCaseJSON `json:"others"`
}

func toReviewCasesJSON(cs []examination.Case) []reviewCaseJSON {
	out := make([]reviewCaseJSON, 0, len(cs))
	for _, c := range cs {
		j := reviewCaseJSON{ID: c.ID, Provider: c.Provider, Service: c.Service, Kind: string(c.Kind), State: string(c.State),
			Days: c.Days, Assessed: c.Assessed, Items: c.Items, URL: appURL(c.ID, "/review")}
		if c.InquiryDue != "" {
			d := c.InquiryDue
			j.Inquiry = &d
		}
		out = append(out, j)
	}
	return out
}

// apiReviewerWork is GET /api/v1/me/work for a reviewer.
func (s *Server) apiReviewerWork(w http.ResponseWriter, r *http.Request) error {
	work, err := s.svc.MyReviewWork(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reviewerWorkJSON{Role: nintei.RoleReviewer, Assigned: toReviewCasesJSON(work.Assigned), Others: toReviewCasesJSON(work.Others)})
}
