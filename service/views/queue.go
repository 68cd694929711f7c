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

// QueueStates are the review states the secretariat works through,
// in the order of the workflow.
var QueueStates = []application.State{application.Submitted, application.FormalReview, application.Returned,
	application.AwaitingPay, application.DocumentReview, application.Inquiry, application.Investigation, application.Committee}

// Queue is the review dashboard (/queue): every application under review
// by state, overdue invoices, inquiries waiting for the applicant and the
// state history the chart and the averages are drawn from.
type Queue struct {
	Now       time.Time
	Today     civil.Date
	States    []QueueState // every state of QueueStates
	Overdue   []InboxItem  // the inbox's overdue invoices
	Inquiries []QueueInquiry
	History   []core.StateEntry // every state change, in time order
}

// QueueState is the queue of one state, oldest first.
type QueueState struct {
	State application.State
	Apps  []QueueApp
}

// QueueApp is one application waiting in a queue.
type QueueApp struct {
	ID       int64
	Service  string
	Provider string
	Since    time.Time // when it entered its current state
	Days     int
}

// QueueInquiry is an inquiry waiting for the applicant's answer.
type QueueInquiry struct {
	AppID    int64
	Service  string
	ItemID   string
	Question string
	AskedAt  time.Time
	Days     int
}

// Queue assembles the review dashboard in at most six queries, whatever
// the number of applications.
func (s *Views) Queue(ctx context.Context, p core.Principal) (Queue, error) {
	if err := p.May(policy.ViewQueue); err != nil {
		return Queue{}, err
	}
	q := Queue{Now: s.Now(), Today: s.Day()}
	var d inboxData
	errs := make([]error, 5)
	d.apps, errs[0] = s.Store.ApplicationsInStates(ctx, QueueStates...)
	q.History, errs[1] = s.Store.StateHistory(ctx, 0)
	d.unpaid, errs[2] = s.Store.UnpaidInvoices(ctx)
	open, err := s.Store.OpenInquiries(ctx)
	if errs[3] = err; errors.Join(errs...) != nil {
		return q, errors.Join(errs...)
	}
	var ids []int64
	for _, inv := range d.unpaid {
		ids = append(ids, inv.ApplicationID)
	}
	if d.names, err = s.readNames(ctx, d.apps, ids); err != nil {
		return q, err
	}
	d.latest = latestOf(q.History)
	b := inboxBuilder{d: d, now: q.Now, today: q.Today, items: map[string][]InboxItem{}}
	b.invoices()
	q.Overdue = b.items[InboxOverdueInvoice]
	q.States = queueStates(b)
	q.Inquiries = queueInquiries(d, open, q.Now)
	return q, nil
}

// latestOf is the latest history row of each application (the history
// comes in time order).
func latestOf(history []core.StateEntry) map[int64]store.LatestState {
	out := map[int64]store.LatestState{}
	for _, e := range history {
		out[e.ApplicationID] = store.LatestState{ApplicationID: e.ApplicationID, State: e.State, EnteredAt: e.EnteredAt}
	}
	return out
}

// queueStates sorts the applications into their state's queue, oldest
// first.
func queueStates(b inboxBuilder) []QueueState {
	out := make([]QueueState, len(QueueStates))
	index := map[application.State]int{}
	for i, st := range QueueStates {
		out[i], index[st] = QueueState{State: st}, i
	}
	for _, a := range b.d.apps {
		since := b.since(a)
		i := index[a.State]
		out[i].Apps = append(out[i].Apps, QueueApp{ID: a.ID, Service: a.Title(), Provider: b.d.names.provider(a.ID),
			Since: since, Days: wholeDays(b.now.Sub(since))})
	}
	for _, g := range out {
		slices.SortStableFunc(g.Apps, func(x, y QueueApp) int {
			if c := x.Since.Compare(y.Since); c != 0 {
				return c
			}
			return int(x.ID - y.ID)
		})
	}
	return out
}

// queueInquiries lists the open inquiries of the applications waiting in
// the inquiry state, oldest first.
func queueInquiries(d inboxData, open map[int64][]review.Inquiry, now time.Time) []QueueInquiry {
	var out []QueueInquiry
	for _, a := range d.apps {
		if a.State != application.Inquiry {
			continue
		}
		for _, q := range open[a.ID] {
			out = append(out, QueueInquiry{AppID: a.ID, Service: a.Title(), ItemID: q.ItemID, Question: q.Question,
				AskedAt: q.AskedAt, Days: wholeDays(q.Waiting(now))})
		}
	}
	slices.SortStableFunc(out, func(x, y QueueInquiry) int { return x.AskedAt.Compare(y.AskedAt) })
	return out
}
