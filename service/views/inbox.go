package views

import (
	"context"
	"errors"
	"slices"
	"time"

	"nintei/application"
	"nintei/civil"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
	"nintei/store"
)

// The kinds of the secretariat's inbox (Inbox.Groups), in the order the
// dashboard shows them: each is work that waits for the secretariat.
const (
	InboxSubmitted       = "submitted"        // handed in: take into formal review
	InboxChange          = "change"           // a change notice: accept or reject
	InboxPayment         = "payment"          // invoiced, not yet due: confirm the payment when it arrives
	InboxOverdueInvoice  = "overdue_invoice"  // unpaid past its due date: remind or act
	InboxInquiryAnswered = "inquiry_answered" // the applicant answered every inquiry: go on with the review
	InboxInvestigation   = "investigation"    // under investigation: record the report; report recorded: refer or decide
	InboxCommittee       = "committee"        // every member has declared and given an opinion: record the conclusion
	InboxDecision        = "decision"         // the committee concluded: decide
	InboxIncident        = "incident"         // an incident not closed
	InboxSupervision     = "supervision"      // the provider answered a supervision request
	InboxReturn          = "return"           // files to return or destroy
	InboxWithholding     = "withholding"      // a withholding request to decide
	InboxExpiring        = "expiring"         // the renewal window is open or passed and no renewal is under way
)

// InboxKinds are the kinds in the order of the dashboard.
var InboxKinds = []string{InboxSubmitted, InboxChange, InboxPayment, InboxOverdueInvoice, InboxInquiryAnswered,
	InboxInvestigation, InboxCommittee, InboxDecision, InboxIncident, InboxSupervision, InboxReturn, InboxWithholding,
	InboxExpiring}

// Inbox is what waits for the secretariat, grouped by kind, each group
// oldest first.
type Inbox struct {
	Today  civil.Date
	Groups []InboxGroup // every kind of InboxKinds, empty ones included
}

// InboxGroup is the work of one kind.
type InboxGroup struct {
	Kind  string
	Items []InboxItem
}

// InboxItem is one piece of work, on the pages of ApplicationID.
type InboxItem struct {
	Kind          string
	ApplicationID int64
	State         application.State // the application's state when it matters for the link
	Service       string
	Provider      string
	Number        string     // the invoice's or the certification's number
	Since         time.Time  // waiting since
	Days          int        // whole days waited
	DueOn         civil.Date // an invoice's due date, a supervision request's, a certification's last valid day
	RefID         int64      // the incident, supervision request or withholding request
	Count         int        // return: how many files
	YenTotal      int64      // invoices: the amount
}

// Total is how many items wait in every group.
func (in Inbox) Total() int {
	n := 0
	for _, g := range in.Groups {
		n += len(g.Items)
	}
	return n
}

// inboxStates are the states whose applications can wait for the
// secretariat.
var inboxStates = []application.State{application.Submitted, application.AwaitingPay, application.DocumentReview,
	application.Investigation, application.Committee, application.FormalReview, application.Returned, application.Inquiry}

// inboxData is everything the inbox is computed from: one query each.
type inboxData struct {
	apps        []application.Application
	latest      map[int64]store.LatestState
	unpaid      []review.Invoice
	seats       []store.CommitteeSeat
	withholding []store.Withholding
	incidents   []store.Incident
	supervision []store.SupervisionRequest
	returns     []store.ReturnItem
	expiring    []store.ExpiringCertification
	names       names
}

// Inbox assembles the secretariat's inbox in a fixed number of queries
// (eleven at most), whatever the number of applications.
func (s *Views) Inbox(ctx context.Context, p core.Principal) (Inbox, error) {
	if err := p.May(policy.RunReview); err != nil {
		return Inbox{}, err
	}
	d, err := s.loadInbox(ctx)
	if err != nil {
		return Inbox{}, err
	}
	b := inboxBuilder{d: d, now: s.Now(), today: s.Day(), items: map[string][]InboxItem{}}
	b.applications()
	b.invoices()
	b.committee()
	b.afterCertification()
	b.expiring()
	return b.inbox(), nil
}

// loadInbox reads the inbox's data.
func (s *Views) loadInbox(ctx context.Context) (inboxData, error) {
	var d inboxData
	errs := make([]error, 9)
	d.apps, errs[0] = s.Store.ApplicationsInStates(ctx, inboxStates...)
	d.latest, errs[1] = s.Store.LatestStates(ctx, inboxStates...)
	d.unpaid, errs[2] = s.Store.UnpaidInvoices(ctx)
	d.seats, errs[3] = s.Store.CommitteeSeats(ctx, 0)
	d.withholding, errs[4] = s.Store.RequestedWithholdings(ctx)
	d.incidents, errs[5] = s.Store.IncidentsNotClosed(ctx)
	d.supervision, errs[6] = s.Store.OpenSupervisionRequests(ctx)
	d.returns, errs[7] = s.Store.PendingReturns(ctx)
	d.expiring, errs[8] = s.Store.CertificationsValidUntil(ctx, s.Day().AddDays(renewalLead))
	if err := errors.Join(errs...); err != nil {
		return d, err
	}
	var ids []int64
	for _, inv := range d.unpaid {
		ids = append(ids, inv.ApplicationID)
	}
	for _, w := range d.withholding {
		ids = append(ids, w.ApplicationID)
	}
	for _, x := range d.incidents {
		ids = append(ids, x.ApplicationID)
	}
	for _, r := range d.supervision {
		ids = append(ids, r.ApplicationID)
	}
	for _, r := range d.returns {
		ids = append(ids, r.ApplicationID)
	}
	var err error
	d.names, err = s.readNames(ctx, d.apps, ids)
	return d, err
}

// inboxBuilder sorts the data into the inbox's groups.
type inboxBuilder struct {
	d     inboxData
	now   time.Time
	today civil.Date
	items map[string][]InboxItem
}

// add files an item about an application, naming its service and provider.
func (b *inboxBuilder) add(it InboxItem) {
	if it.Service == "" {
		it.Service = b.d.names.service(it.ApplicationID)
	}
	if it.Provider == "" {
		it.Provider = b.d.names.provider(it.ApplicationID)
	}
	it.Days = wholeDays(b.now.Sub(it.Since))
	b.items[it.Kind] = append(b.items[it.Kind], it)
}

// since is when an application entered its state.
func (b *inboxBuilder) since(a application.Application) time.Time {
	if e, ok := b.d.latest[a.ID]; ok && e.State == a.State {
		return e.EnteredAt
	}
	return a.UpdatedAt
}

// dayStart is the start of a day in Japan.
func dayStart(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, core.JST)
}

// inbox orders every group oldest first.
func (b *inboxBuilder) inbox() Inbox {
	in := Inbox{Today: b.today}
	for _, k := range InboxKinds {
		items := b.items[k]
		slices.SortStableFunc(items, func(x, y InboxItem) int {
			if c := x.Since.Compare(y.Since); c != 0 {
				return c
			}
			return int(x.ApplicationID - y.ApplicationID)
		})
		in.Groups = append(in.Groups, InboxGroup{Kind: k, Items: items})
	}
	return in
}
