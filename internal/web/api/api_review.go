package api

import (
	"net/http"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/review"
	"nintei/service"
	"nintei/service/apply"
	"nintei/service/examination"
)

// eventBody is the body of POST /api/v1/applications/{id}/events: the
// workflow event by its name in the state table, the version the caller
// saw, and the event's own fields.
type eventBody struct {
	Event         application.Event    `json:"event"`
	Version       int64                `json:"version"`
	Comments      map[string]string    `json:"comments"`
	PaidOn        string               `json:"paid_on"`
	PaidYen       int64                `json:"paid_yen"`
	PaymentRef    string               `json:"payment_ref"`
	Item          string               `json:"item"`
	Question      string               `json:"question"`
	Members       []int64              `json:"members"`
	Investigation review.Investigation `json:"investigation"`
	Conclusion    string               `json:"conclusion"`
	MetOn         string               `json:"met_on"`
	Note          string               `json:"note"` // the secretariat's note for the file, with a certify decision
	Explanation   string               `json:"explanation"`
	Improvements  []review.Improvement `json:"improvements"`
}

// apiFireEvent moves an application by a staff event of the state table.
func (s *Server) apiFireEvent(w http.ResponseWriter, r *http.Request) error {
	var in eventBody
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.fireStaffEvent(r, *principal(r), id, in); err != nil {
		return err
	}
	return s.apiApplication(w, r)
}

func (s *Server) fireStaffEvent(r *http.Request, p service.Principal, id int64, in eventBody) error {
	ctx, v := r.Context(), in.Version
	switch in.Event {
	case application.EvStartFormalReview:
		return s.svc.StartFormalReview(ctx, p, id, v)
	case application.EvReturnForCorrection:
		return s.svc.ReturnForCorrection(ctx, p, id, v, in.Comments)
	case application.EvAcceptFormal:
		_, err := s.svc.AcceptFormal(ctx, p, id, v)
		return err
	case application.EvConfirmPayment:
		return s.svc.ConfirmPayment(ctx, p, id, v, in.PaidOn, in.PaidYen, in.PaymentRef)
	case application.EvOpenInquiry:
		return s.svc.OpenInquiry(ctx, p, id, v, in.Item, in.Question)
	case application.EvStartInvestigation:
		return s.svc.StartInvestigation(ctx, p, id, v)
	case application.EvEndInvestigation:
		return s.svc.RecordInvestigation(ctx, p, id, v, in.Investigation)
	case application.EvReferToCommittee:
		return s.svc.ReferToCommittee(ctx, p, id, v, in.Members)
	case application.EvCommitteeConcluded:
		return s.svc.ConcludeCommittee(ctx, p, id, v, in.Conclusion, in.MetOn)
	case application.EvCertify:
		return s.svc.Certify(ctx, p, id, v, in.Note)
	case application.EvRefuse:
		return s.svc.Refuse(ctx, p, id, v, in.Explanation, in.Improvements)
	case application.EvAcceptChange:
		return s.svc.AcceptChange(ctx, p, id, v)
	case application.EvRejectChange:
		return s.svc.RejectChange(ctx, p, id, v, in.Explanation)
	}
	return application.ErrUnknownEvent
}

// apiReview is the staff's view of an application as JSON: the same
// examination.ReviewView as the review page.
func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	v, err := s.svc.ReviewView(r.Context(), *p, id, "api.review")
	if err != nil {
		return err
	}
	a, verdict := v.App, v.Readiness.Verdict
	return writeJSON(w, http.StatusOK, map[string]any{"application": toApplicationJSON(a),
		"events": orEmpty(application.AvailableFor(a.Kind, a.State, p.User.Role)), "checklist": orEmpty(v.Checklist),
		"verdict":     map[string]any{"pass": verdict.Pass, "findings": nonNil(verdict.Findings)},
		"certifiable": v.Readiness.Certifiable(), "blockers": nonNilBlockers(v.Readiness.Blockers),
		"assessments": orEmptyMap(v.Assessments), "committee": map[string]any{"members": orEmpty(v.Members), "conclusion": v.Conclusion, "met_on": v.MetOn},
		"investigations": orEmpty(v.Investigations), "recent_revocations": orEmpty(v.Revocations)})
}

func nonNilBlockers(bs []examination.Blocker) []examination.Blocker {
	if bs == nil {
		return []examination.Blocker{}
	}
	return bs
}

func nonNil(fs []formb.Finding) []formb.Finding {
	if fs == nil {
		return []formb.Finding{}
	}
	return fs
}

func (s *Server) apiAssess(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Item    string `json:"item"`
		Verdict string `json:"verdict"`
		Comment string `json:"comment"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.svc.Assess(r.Context(), *principal(r), id, in.Item, in.Verdict, in.Comment); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiCommitteeMember(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Conflict    *bool  `json:"conflict"`
		Declaration string `json:"declaration"`
		Opinion     string `json:"opinion"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := *principal(r)
	if in.Conflict != nil {
		if err := s.svc.DeclareConflict(r.Context(), p, id, *in.Conflict, in.Declaration); err != nil {
			return err
		}
	}
	if in.Opinion != "" {
		if err := s.svc.GiveOpinion(r.Context(), p, id, in.Opinion); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiProgress is what anyone who may see the application reads of its
// review: invoices, inquiries, the decision (never reviewer notes).
func (s *Server) apiProgress(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	invoices, err := s.svc.Invoices(r.Context(), *p, id)
	if err != nil {
		return err
	}
	inquiries, err := s.svc.Inquiries(r.Context(), *p, id)
	if err != nil {
		return err
	}
	out := map[string]any{"invoices": orEmpty(invoices), "inquiries": orEmpty(inquiries), "decision": nil}
	if d, err := s.svc.Decision(r.Context(), *p, id); err == nil {
		d.Improvements = orEmpty(d.Improvements)
		out["decision"] = d
	} else if nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiAnswerInquiry(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int64        `json:"version"`
		Answer  string       `json:"answer"`
		Amend   *formb.Entry `json:"amend"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	qid, _ := pathID(r, "qid")
	if err := s.svc.AnswerInquiry(r.Context(), *principal(r), id, in.Version, qid, in.Answer, in.Amend); err != nil {
		return err
	}
	return s.apiApplication(w, r)
}

// apiRecordDisclosure records information about a provider given outside
// the body, with its basis.
func (s *Server) apiRecordDisclosure(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Basis      string `json:"basis"`
		Recipient  string `json:"recipient"`
		Scope      string `json:"scope"`
		On         string `json:"on"`
		LegalBasis string `json:"legal_basis"`
		ConsentBy  string `json:"consent_by"`
		ConsentOn  string `json:"consent_on"`
		Source     string `json:"source"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	err = s.svc.RecordDisclosure(r.Context(), *principal(r), id, apply.Disclosure{Basis: apply.DisclosureBasis(in.Basis),
		Recipient: in.Recipient, Scope: in.Scope, On: in.On, LegalBasis: in.LegalBasis, ConsentBy: in.ConsentBy,
		ConsentOn: in.ConsentOn, Source: in.Source})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
