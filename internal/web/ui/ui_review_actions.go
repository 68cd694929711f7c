package ui

import (
	"net/http"
	"strconv"
	"strings"

	"nintei/formb"
	"nintei/review"
	"nintei/service"
	"nintei/service/apply"
)

// The staff's actions on the review page; each calls one service function.

func (s *Server) startFormalReview(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.StartFormalReview(r.Context(), p, id, v)
}

func (s *Server) returnForCorrection(r *http.Request, p service.Principal, id, v int64) error {
	comments := map[string]string{}
	for k, vs := range r.PostForm {
		if key, ok := strings.CutPrefix(k, "c."); ok {
			comments[key] = vs[0]
		}
	}
	return s.svc.ReturnForCorrection(r.Context(), p, id, v, comments)
}

func (s *Server) acceptFormal(r *http.Request, p service.Principal, id, v int64) error {
	_, err := s.svc.AcceptFormal(r.Context(), p, id, v)
	return err
}

func (s *Server) confirmPayment(r *http.Request, p service.Principal, id, v int64) error {
	yen := parseInt64(strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("paid_yen")), ",", ""))
	return s.svc.ConfirmPayment(r.Context(), p, id, v, strings.TrimSpace(r.PostFormValue("paid_on")), yen, r.PostFormValue("payment_ref"))
}

func (s *Server) assessItem(r *http.Request, p service.Principal, id, _ int64) error {
	return s.svc.Assess(r.Context(), p, id, r.PostFormValue("item"), r.PostFormValue("verdict"), r.PostFormValue("comment"))
}

func (s *Server) openInquiry(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.OpenInquiry(r.Context(), p, id, v, r.PostFormValue("item"), r.PostFormValue("question"))
}

func (s *Server) startInvestigation(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.StartInvestigation(r.Context(), p, id, v)
}

func (s *Server) recordInvestigation(r *http.Request, p service.Principal, id, v int64) error {
	inv := review.Investigation{HeldOn: strings.TrimSpace(r.PostFormValue("held_on")), Place: r.PostFormValue("place"),
		Participants: r.PostFormValue("participants"), Report: r.PostFormValue("report")}
	return s.svc.RecordInvestigation(r.Context(), p, id, v, inv)
}

func (s *Server) referToCommittee(r *http.Request, p service.Principal, id, v int64) error {
	var ids []int64
	for _, x := range r.PostForm["member"] {
		if n := parseInt64(x); n > 0 {
			ids = append(ids, n)
		}
	}
	return s.svc.ReferToCommittee(r.Context(), p, id, v, ids)
}

func (s *Server) declareConflict(r *http.Request, p service.Principal, id, _ int64) error {
	return s.svc.DeclareConflict(r.Context(), p, id, r.PostFormValue("conflict") == "yes", r.PostFormValue("declaration"))
}

func (s *Server) giveOpinion(r *http.Request, p service.Principal, id, _ int64) error {
	return s.svc.GiveOpinion(r.Context(), p, id, r.PostFormValue("opinion"))
}

func (s *Server) concludeCommittee(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.ConcludeCommittee(r.Context(), p, id, v, r.PostFormValue("conclusion"), strings.TrimSpace(r.PostFormValue("met_on")))
}

func (s *Server) certifyApplication(r *http.Request, p service.Principal, id, v int64) error {
	return s.svc.Certify(r.Context(), p, id, v, r.PostFormValue("note"))
}

func (s *Server) refuseApplication(r *http.Request, p service.Principal, id, v int64) error {
	// The rows are numbered (improvement_item.0, improvement_note.0, …), as
	// Form A's agents are, so that no two controls of the form share a name.
	var imps []review.Improvement
	for i := 0; ; i++ {
		n := strconv.Itoa(i)
		item, ok := r.PostForm["improvement_item."+n]
		if !ok {
			break
		}
		imps = append(imps, review.Improvement{ItemID: strings.TrimSpace(item[0]), Note: r.PostForm.Get("improvement_note." + n)})
	}
	return s.svc.Refuse(r.Context(), p, id, v, r.PostFormValue("explanation"), imps)
}

// answerInquiry is the applicant's answer to an inquiry, optionally
// amending the item's answer and evidence reference.
func (s *Server) answerInquiry(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	a, ed, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	qid, err := pathID(r, "qid")
	if err != nil {
		return err
	}
	var amend *formb.Entry
	if r.PostFormValue("amend") == "1" {
		item := r.PostFormValue("item")
		if it, ok := ed.Item(item); ok {
			e := parseEntries(sectionOf(it), r.PostForm)[0]
			amend = &e
		}
	}
	err = s.svc.AnswerInquiry(r.Context(), *principal(r), a.ID, versionOf(r), qid, r.PostFormValue("answer"), amend)
	if err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, ""), "flash.inquiry_answered")
}

// disclosureOf reads the disclosure form.
func disclosureOf(r *http.Request) apply.Disclosure {
	f := r.PostFormValue
	return apply.Disclosure{Basis: apply.DisclosureBasis(f("basis")), Recipient: f("recipient"), Scope: f("scope"),
		On: f("on"), LegalBasis: f("legal_basis"), ConsentBy: f("consent_by"), ConsentOn: f("consent_on"), Source: f("source")}
}

// recordDisclosure records a disclosure; a refused record shows the review
// page again with the form open and filled in as it was sent.
func (s *Server) recordDisclosure(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	d := disclosureOf(r)
	err = s.svc.RecordDisclosure(r.Context(), *principal(r), id, d)
	if err == nil {
		return redirect(w, r, appURL(id, "/review"), "flash.disclosure_recorded")
	}
	ne, status := classify(err)
	if status >= 500 || status == http.StatusNotFound || status == http.StatusForbidden {
		return err
	}
	page, err := s.reviewPage(w, r, "")
	if err != nil {
		return err
	}
	page.Error, page.Disclosure = s.msgs.T(page.Lang, ne.Key, ne.Args), &d
	return s.render(w, r, status, "review", page)
}

func (s *Server) remind(r *http.Request, p service.Principal, id, _ int64) error {
	return s.svc.Remind(r.Context(), p, id)
}

// uploadInvestigationFile streams a staff file of the investigation.
func (s *Server) uploadInvestigationFile(w http.ResponseWriter, r *http.Request) error {
	id, _, part, err := s.streamedUpload(r)
	if err != nil {
		return err
	}
	if _, err := s.svc.AddInvestigationFile(r.Context(), *principal(r), id, part.FileName(), part); err != nil {
		return s.reviewFailed(w, r, err)
	}
	return redirect(w, r, appURL(id, "/review"), "flash.uploaded")
}
