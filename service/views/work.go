package views

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"nintei/application"
	"nintei/certification"
	"nintei/civil"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
	"nintei/service/examination"
	"nintei/store"
)

// Who takes the next step of an application or a certification.
const (
	ByProvider = "provider" // the provider's people (owner, member)
	ByBody     = "body"     // the certification body (secretariat, reviewers, committee)
)

// The kinds of what a provider must do now (ProviderWork.Todo).
const (
	TodoInquiry     = "inquiry"     // an inquiry waits for the answer
	TodoInvoice     = "invoice"     // an invoice is unpaid
	TodoRenewal     = "renewal"     // the renewal window is open and no renewal is handed in
	TodoSupervision = "supervision" // the body asked for an explanation, documents or an improvement
	TodoReturned    = "returned"    // an application was returned for correction
)

// ProviderWork is a provider's dashboard: what it must do now, and every
// application and certification with its next step and its deadlines.
type ProviderWork struct {
	Today          civil.Date
	Todo           []Todo
	Applications   []ApplicationWork
	Certifications []CertificationWork
}

// Todo is one thing the provider must do now, on the page of ApplicationID.
type Todo struct {
	Kind          string
	ApplicationID int64
	Service       string     // the service's name ("" while a draft has none)
	Number        string     // the invoice number, or the certification number
	Count         int        // inquiries: how many are open on the application
	AskedOn       civil.Date // inquiries: the day the oldest open one was asked
	Opens         civil.Date // renewal: the first day of the window
	DueOn         civil.Date // zero when the data has no due date (inquiries sent before due dates existed)
	Overdue       bool
	SupervisionID int64  // supervision: the request
	YenTotal      int64  // invoice: the amount
	SubKind       string // supervision: explanation, documents, investigation, improvement
	Draft         bool   // renewal: a renewal draft exists; ApplicationID is the draft
}

// ApplicationWork is one application of the provider.
type ApplicationWork struct {
	ID        int64
	Kind      application.Kind
	State     application.State
	Service   string
	UpdatedAt time.Time
	Next      string // the next step (a key of work.next.*), "" when none is left
	By        string // ByProvider, ByBody, "" when none is left
	Deadlines []core.Deadline
}

// CertificationWork is one certification of the provider.
type CertificationWork struct {
	ID            int64
	ApplicationID int64 // the application of the current term: where renewal and follow-ups start
	Number        string
	Service       string
	Status        certification.Status // as on Today
	ValidUntil    civil.Date
	RenewalID     int64 // a renewal under way (a draft included), 0 if none
	Next          string
	By            string
	Deadlines     []core.Deadline
}

// providerData is what a provider's dashboard is computed from: one query
// each, scoped to the provider.
type providerData struct {
	apps        []application.Application
	certs       []certification.Certification
	unpaid      map[int64][]review.Invoice
	inquiries   map[int64][]review.Inquiry
	held        map[int64][]store.Withholding
	supervision []store.SupervisionRequest
	byID        map[int64]application.Application
}

// ProviderWork assembles the dashboard of the actor's provider with a
// fixed number of queries (applications, certifications, invoices, open
// inquiries, withholdings, open supervision requests), each scoped to the
// actor's organisation: no other provider's data can appear.
func (s *Views) ProviderWork(ctx context.Context, p core.Principal) (ProviderWork, error) {
	if err := p.May(policy.Apply); err != nil {
		return ProviderWork{}, err
	}
	w := ProviderWork{Today: s.Day()}
	d, err := s.loadProviderWork(ctx, p.User.OrgID)
	if err != nil {
		return w, err
	}
	for _, a := range d.apps {
		w.Applications = append(w.Applications, w.applicationWork(d, a))
	}
	for _, c := range d.certs {
		w.Certifications = append(w.Certifications, w.certificationWork(d, c))
	}
	slices.SortStableFunc(w.Todo, func(a, b Todo) int {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		return a.sortDay().Compare(b.sortDay())
	})
	return w, nil
}

// loadProviderWork reads one provider's dashboard data.
func (s *Views) loadProviderWork(ctx context.Context, org int64) (providerData, error) {
	d := providerData{unpaid: map[int64][]review.Invoice{}, held: map[int64][]store.Withholding{},
		byID: map[int64]application.Application{}}
	errs := make([]error, 6)
	var invoices []review.Invoice
	var withholdings []store.Withholding
	d.apps, errs[0] = s.Store.ApplicationsOfOrg(ctx, org)
	d.certs, errs[1] = s.Store.CertificationsOfOrg(ctx, org)
	invoices, errs[2] = s.Store.InvoicesOfOrg(ctx, org)
	d.inquiries, errs[3] = s.Store.OpenInquiriesOfOrg(ctx, org)
	withholdings, errs[4] = s.Store.WithholdingsOfOrg(ctx, org)
	d.supervision, errs[5] = s.Store.OpenSupervisionOfOrg(ctx, org)
	for _, a := range d.apps {
		d.byID[a.ID] = a
	}
	for _, inv := range invoices {
		if !inv.Paid() {
			d.unpaid[inv.ApplicationID] = append(d.unpaid[inv.ApplicationID], inv)
		}
	}
	examination.DropClosed(d.apps, d.unpaid, d.inquiries)
	for _, h := range withholdings {
		d.held[h.ApplicationID] = append(d.held[h.ApplicationID], h)
	}
	return d, errors.Join(errs...)
}

// applicationWork is one application's next step and deadlines; what the
// provider must do about it goes on the to-do list.
func (w *ProviderWork) applicationWork(d providerData, a application.Application) ApplicationWork {
	today, todayText := w.Today, w.Today.String()
	aw := ApplicationWork{ID: a.ID, Kind: a.Kind, State: a.State, Service: a.Title(), UpdatedAt: a.UpdatedAt}
	aw.Next, aw.By = nextStep(a, len(d.unpaid[a.ID]) > 0)
	for _, inv := range d.unpaid[a.ID] {
		due := dateOrZero(inv.DueOn)
		aw.Deadlines = append(aw.Deadlines, core.Deadline{Kind: core.DeadlineInvoiceDue, On: due, Overdue: inv.Overdue(todayText)})
		w.Todo = append(w.Todo, Todo{Kind: TodoInvoice, ApplicationID: a.ID, Service: aw.Service, Number: inv.Number,
			DueOn: due, Overdue: inv.Overdue(todayText), YenTotal: inv.TotalYen})
	}
	if qs := d.inquiries[a.ID]; len(qs) > 0 {
		asked, dl := civil.DateOf(qs[0].AskedAt.In(core.JST)), core.InquiryDeadline(qs, today)
		aw.Deadlines = append(aw.Deadlines, dl)
		w.Todo = append(w.Todo, Todo{Kind: TodoInquiry, ApplicationID: a.ID, Service: aw.Service, Count: len(qs), AskedOn: asked,
			DueOn: core.DueOrZero(dl), Overdue: dl.Overdue})
	}
	if a.State == application.Returned {
		w.Todo = append(w.Todo, Todo{Kind: TodoReturned, ApplicationID: a.ID, Service: aw.Service})
	}
	for _, h := range d.held[a.ID] {
		until := dateOrZero(h.Until)
		switch {
		case h.State == "approved" && !until.Before(today):
			aw.Deadlines = append(aw.Deadlines, core.Deadline{Kind: core.DeadlineWithholdingEnds, On: until})
		case h.State == "requested":
			aw.Deadlines = append(aw.Deadlines, core.Deadline{Kind: core.DeadlineWithholdingAsks, On: until})
		}
	}
	return aw
}

// renewalOf is the renewal under way of a certification (a draft
// included), nil when none: the newest, as RenewalOf picks.
func (d providerData) renewalOf(certID int64) *application.Application {
	for i := range d.apps { // newest first
		r := &d.apps[i]
		if r.RenewsCertificationID == certID && r.Kind == application.Renewal && !r.State.Decided() && r.State != application.Withdrawn {
			return r
		}
	}
	return nil
}

// certificationWork is one certification's next step and deadlines.
func (w *ProviderWork) certificationWork(d providerData, c certification.Certification) CertificationWork {
	cw := CertificationWork{ID: c.ID, ApplicationID: c.ApplicationID, Number: c.Number, Service: d.byID[c.ApplicationID].Title(),
		Status: c.StatusOn(w.Today), ValidUntil: c.ValidUntil}
	renewal := d.renewalOf(c.ID)
	if cw.Service == "" && renewal != nil {
		cw.Service = renewal.Title()
	}
	inForce := certification.InForce(cw.Status)
	if inForce {
		w.renewalStep(&cw, c, renewal)
	}
	w.supervisionSteps(&cw, d, c)
	if !inForce {
		cw.Next, cw.By = "", ""
	}
	return cw
}

// renewalStep sets a certification in force's renewal deadlines and step.
func (w *ProviderWork) renewalStep(cw *CertificationWork, c certification.Certification, renewal *application.Application) {
	today := w.Today
	opens, closes := certification.RenewalWindow(c.ValidUntil)
	waiting := renewal == nil || renewal.State == application.Draft
	cw.Deadlines = append(cw.Deadlines,
		core.Deadline{Kind: core.DeadlineRenewalOpens, On: opens},
		core.Deadline{Kind: core.DeadlineRenewalCloses, On: closes, Overdue: waiting && today.After(closes)},
		core.Deadline{Kind: core.DeadlineValidUntil, On: c.ValidUntil})
	switch {
	case renewal != nil && renewal.State != application.Draft:
		cw.RenewalID = renewal.ID
		cw.Next, cw.By = "renewal_under_way", ByBody
	case certification.InRenewalWindow(c.ValidUntil, today):
		at := c.ApplicationID
		cw.Next, cw.By = "renew", ByProvider
		if renewal != nil {
			at, cw.RenewalID, cw.Next = renewal.ID, renewal.ID, "renewal_draft"
		}
		w.Todo = append(w.Todo, Todo{Kind: TodoRenewal, ApplicationID: at, Service: cw.Service, Number: c.Number,
			Opens: opens, DueOn: closes, Draft: renewal != nil})
	case today.Before(opens):
		cw.Next = "renewal_later"
	default:
		cw.Next = "renewal_closed"
	}
}

// supervisionSteps adds a certification's supervision requests.
func (w *ProviderWork) supervisionSteps(cw *CertificationWork, d providerData, c certification.Certification) {
	for _, r := range d.supervision {
		if r.CertificationID != c.ID {
			continue
		}
		due := dateOrZero(r.DueOn)
		open := r.State == "open"
		cw.Deadlines = append(cw.Deadlines, core.Deadline{Kind: core.DeadlineSupervisionDue, On: due, Overdue: open && w.Today.After(due)})
		if open {
			cw.Next, cw.By = "respond_supervision", ByProvider
			w.Todo = append(w.Todo, Todo{Kind: TodoSupervision, ApplicationID: r.ApplicationID, Service: cw.Service,
				Number: c.Number, DueOn: due, Overdue: w.Today.After(due), SupervisionID: r.ID, SubKind: r.Kind})
		} else if cw.Next == "" || cw.By == "" {
			cw.Next, cw.By = "supervision_answered", ByBody
		}
	}
}

// sortDay orders what to do: by due date, or by the day asked when the
// data has no due date.
func (t Todo) sortDay() civil.Date {
	return cmp.Or(t.DueOn, t.AskedOn)
}

// nextStep is an application's next step and who takes it.
func nextStep(a application.Application, unpaid bool) (string, string) {
	switch a.State {
	case application.Draft:
		return "complete_and_submit", ByProvider
	case application.Submitted:
		if a.Kind == application.Change {
			return "change_decision", ByBody
		}
		return "formal_review_start", ByBody
	case application.FormalReview:
		return "formal_review", ByBody
	case application.Returned:
		return "correct_and_resubmit", ByProvider
	case application.AwaitingPay:
		if unpaid {
			return "pay_invoice", ByProvider
		}
		return "confirm_payment", ByBody
	case application.DocumentReview:
		return "document_review", ByBody
	case application.Inquiry:
		return "answer_inquiry", ByProvider
	case application.Investigation:
		return "investigation", ByBody
	case application.Committee:
		return "committee", ByBody
	}
	return "", "" // decided or withdrawn: no step is left
}

// dateOrZero parses a stored YYYY-MM-DD day, zero when empty or unreadable.
func dateOrZero(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		return civil.Date{}
	}
	return d
}
