package ui

import (
	"net/http"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/review"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/examination"
)

// reviewRow is one Form B item on the reviewer's page.
type reviewRow struct {
	Item       catalog.Item
	Entry      formb.Entry
	Assessment review.Assessment
	Findings   []formb.Finding
}

type reviewPage struct {
	Layout
	App       application.Application
	Edition   *catalog.Edition
	Org       nintei.Organization
	Events    []application.Event
	Checklist []examination.Point
	// Revocations: the provider's services revoked within the year, for
	// the secretariat to judge (R-4.2e); they do not block.
	Revocations []aftercare.RecentRevocation
	Invoices    []review.Invoice
	Verdict     examination.Verdict
	// Blockers: what keeps the application from being certified.
	Blockers       []examination.Blocker
	Rows           []reviewRow
	Inquiries      []review.Inquiry
	Investigations []review.Investigation
	Members        []review.Member
	Conclusion     string
	MetOn          string
	Decision       *review.Decision
	CommitteeUsers []nintei.User
	Today          string
	IsMember       bool
	Error          string
	Durations      []stateDuration
	Files          []application.Attachment // staff-only investigation files
	// Renewal: only the changed items are reviewed.
	Renewal *aftercare.RenewalView
	// ReissueDue: an accepted change notice's reissue fee is unpaid.
	ReissueDue bool
	// Disclosure is the disclosure form as sent when it was refused; nil
	// shows it empty and closed.
	Disclosure *apply.Disclosure
	reviewAssignments
	assessView
}

// DisclosureBases are the bases the disclosure form offers.
func (reviewPage) DisclosureBases() []apply.DisclosureBasis { return apply.DisclosureBases }

// DisclosureValue is the sent value of a disclosure form field, if any.
func (p reviewPage) DisclosureValue(field string) string {
	d := p.Disclosure
	if d == nil {
		return ""
	}
	return map[string]string{"basis": string(d.Basis), "recipient": d.Recipient, "scope": d.Scope, "on": d.On,
		"legal_basis": d.LegalBasis, "consent_by": d.ConsentBy, "consent_on": d.ConsentOn, "source": d.Source}[field]
}

// stateDuration is the time spent in one state, for the review page.
type stateDuration struct {
	State application.State
	Days  float64
	// Applicant marks the states in which the body waits for the applicant.
	Applicant bool
}

// Can reports whether the page should offer an event.
func (p reviewPage) Can(ev string) bool {
	for _, e := range p.Events {
		if string(e) == ev {
			return true
		}
	}
	return false
}

// showReview is the staff's page of one application. Opening it is a view
// of the applicant's non-public data and is recorded.
func (s *Server) showReview(w http.ResponseWriter, r *http.Request) error {
	page, err := s.reviewPage(w, r, "review")
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "review", page)
}

// reviewPage is the page of examination.ReviewView; via records the view (""
// when the page is shown again after a refused action).
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, via string) (reviewPage, error) {
	p := *principal(r)
	id, err := pathID(r, "id")
	if err != nil {
		return reviewPage{}, errNoRoute
	}
	v, err := s.svc.ReviewView(r.Context(), p, id, via)
	if err != nil {
		return reviewPage{}, err
	}
	a := v.App
	page := reviewPage{Layout: s.layout(w, r), App: a, Edition: v.Edition, Org: v.Org,
		Events: application.AvailableFor(a.Kind, a.State, p.User.Role), Today: s.svc.Today().Format("2006-01-02"),
		Checklist: v.Checklist, Revocations: v.Revocations, Invoices: v.Invoices, Verdict: v.Readiness.Verdict,
		Blockers: v.Readiness.Blockers, Renewal: v.Renewal, Inquiries: v.Inquiries, Investigations: v.Investigations,
		Files: v.Files, Members: v.Members, Conclusion: v.Conclusion, MetOn: v.MetOn, CommitteeUsers: v.CommitteeUsers,
		Decision: v.Decision}
	for _, inv := range page.Invoices {
		page.ReissueDue = page.ReissueDue || (a.Kind == application.Change && !inv.Paid())
	}
	page.Rows = reviewRows(v, page.Verdict)
	for _, m := range page.Members {
		page.IsMember = page.IsMember || m.UserID == p.User.ID
	}
	for _, st := range application.States {
		if d, ok := v.Durations[st]; ok {
			page.Durations = append(page.Durations, stateDuration{State: st, Days: float64(int(d.Hours()/24*10)) / 10,
				Applicant: st == application.Returned || st == application.AwaitingPay || st == application.Inquiry || st == application.Draft})
		}
	}
	return page, s.caseworkPanels(r, p, &page, v.Edition, v.Attachments)
}

// reviewRows are the items to assess: all of them, or a renewal's changed
// ones (R-9.4; the others keep the earlier assessment).
func reviewRows(v examination.ReviewView, verdict examination.Verdict) []reviewRow {
	rows := make([]reviewRow, 0, len(v.Edition.Items))
	var changed map[string]bool
	if v.Renewal != nil {
		changed = v.Renewal.ChangedItems()
	}
	for _, it := range v.Edition.Items {
		if changed != nil && !changed[it.ID] && len(findingsOf(verdict.Findings, it.ID)) == 0 {
			continue
		}
		rows = append(rows, reviewRow{Item: it, Entry: v.Form[it.ID], Assessment: v.Assessments[it.ID], Findings: findingsOf(verdict.Findings, it.ID)})
	}
	return rows
}

// reviewAction runs one staff action from the review page and returns to it.
func (s *Server) reviewAction(do func(r *http.Request, p service.Principal, id, version int64) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := parseForm(r); err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return errNoRoute
		}
		if err := do(r, *principal(r), id, versionOf(r)); err != nil {
			return s.reviewFailed(w, r, err)
		}
		return redirect(w, r, appURL(id, "/review"), "flash.review_saved")
	}
}

// reviewFailed shows the review page again with the problem on top and
// the 4xx status; a problem the page cannot show becomes the error page.
func (s *Server) reviewFailed(w http.ResponseWriter, r *http.Request, cause error) error {
	ne, status := classify(cause)
	if status >= 500 || status == http.StatusNotFound || status == http.StatusForbidden {
		return cause
	}
	page, err := s.reviewPage(w, r, "")
	if err != nil {
		return err
	}
	page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
	return s.render(w, r, status, "review", page)
}
