package ui

import (
	"net/http"

	"nintei"
	"nintei/certification"
	"nintei/review"
	"nintei/service"
)

// decisionPage is the decision step (認定の判定): what the decision rests
// on — the automatic verdict and its reasons, the assessment summary, the
// committee's conclusion, open inquiries — then the two decisions, each in
// its own form with its own confirmation; after the decision, the
// outcome, and for a certification its number, certificate, mark and
// registry entry.
type decisionPage struct {
	reviewPage
	Summary assessmentSummary
	Cert    *certification.Certification
	Open    int // inquiries not answered yet
}

// assessmentSummary counts the items to assess by their assessment.
type assessmentSummary struct {
	OK, NotMet, Inquiry, Unassessed int
	NotMetRows                      []reviewRow
}

// Total is the number of items to assess.
func (a assessmentSummary) Total() int { return a.OK + a.NotMet + a.Inquiry + a.Unassessed }

func summarize(rows []reviewRow) assessmentSummary {
	var s assessmentSummary
	for _, row := range rows {
		switch row.Assessment.Verdict {
		case review.AssessOK:
			s.OK++
		case review.AssessNotMet:
			s.NotMet++
			s.NotMetRows = append(s.NotMetRows, row)
		case review.AssessInquiry:
			s.Inquiry++
		default:
			s.Unassessed++
		}
	}
	return s
}

// showDecision is the decision step of an application.
func (s *Server) showDecision(w http.ResponseWriter, r *http.Request) error {
	page, err := s.decisionPage(w, r, "decision")
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "decision_step", page)
}

func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request, via string) (decisionPage, error) {
	rp, err := s.reviewPage(w, r, via)
	if err != nil {
		return decisionPage{}, err
	}
	page := decisionPage{reviewPage: rp, Summary: summarize(rp.Rows)}
	for _, q := range rp.Inquiries {
		if q.AnsweredAt == nil {
			page.Open++
		}
	}
	if c, err := s.svc.Certification(r.Context(), *principal(r), rp.App.ID); err == nil {
		page.Cert = &c
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return page, err
	}
	return page, nil
}

// errDecisionConfirm: a decision is taken only with its confirmation box
// ticked, so that no click decides by accident.
var errDecisionConfirm = nintei.Invalid("error.decision.confirm", "confirm")

// decisionAction takes a decision from the decision step: only with its
// confirmation, and a refusal shows the step again with the problem.
func (s *Server) decisionAction(do func(r *http.Request, p service.Principal, id, version int64) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		err = errDecisionConfirm
		if r.PostFormValue("confirm") == "1" {
			err = do(r, *principal(r), id, versionOf(r))
		}
		if err != nil {
			return s.decisionFailed(w, r, err)
		}
		return redirect(w, r, appURL(id, "/decision"), "flash.review_saved")
	}
}

func (s *Server) decisionFailed(w http.ResponseWriter, r *http.Request, cause error) error {
	ne, status := classify(cause)
	if status >= 500 || status == http.StatusNotFound || status == http.StatusForbidden {
		return cause
	}
	page, err := s.decisionPage(w, r, "")
	if err != nil {
		return err
	}
	page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
	return s.render(w, r, status, "decision_step", page)
}
