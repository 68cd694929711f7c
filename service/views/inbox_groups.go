package views

import (
	"nintei/application"
	"nintei/certification"
)

// renewalLead is how many days before its last valid day a certification's
// renewal window opens: from then on it is on the inbox until a
// renewal is handed in.
const renewalLead = 60

// applications files the work that an application's state and its last
// step show: new submissions, change notices, answered inquiries,
// investigations (under way: record the report; ended: act on it) and
// concluded committees.
func (b *inboxBuilder) applications() {
	for _, a := range b.d.apps {
		it := InboxItem{ApplicationID: a.ID, State: a.State, Since: b.since(a)}
		last := b.d.latest[a.ID].Event
		switch {
		case a.State == application.Submitted && a.Kind == application.Change:
			it.Kind = InboxChange
		case a.State == application.Submitted:
			it.Kind = InboxSubmitted
		case a.State == application.DocumentReview && last == application.EvAnswerInquiries:
			it.Kind = InboxInquiryAnswered
		case a.State == application.DocumentReview && last == application.EvCommitteeConcluded:
			it.Kind = InboxDecision
		case a.State == application.Investigation,
			a.State == application.DocumentReview && last == application.EvEndInvestigation:
			it.Kind = InboxInvestigation
		default:
			continue
		}
		b.add(it)
	}
}

// invoices files each unpaid invoice: a payment to confirm while it is not
// yet due, an overdue invoice after. An invoice of an application
// no longer under review (a withdrawn one keeps its invoice) is listed too.
func (b *inboxBuilder) invoices() {
	today := b.today.String()
	for _, inv := range b.d.unpaid {
		it := InboxItem{Kind: InboxPayment, ApplicationID: inv.ApplicationID, Number: inv.Number,
			DueOn: dateOrZero(inv.DueOn), YenTotal: inv.TotalYen}
		it.State = b.d.names.apps[inv.ApplicationID].State
		if issued := dateOrZero(inv.IssuedOn); !issued.IsZero() {
			it.Since = dayStart(issued)
		}
		if inv.Overdue(today) {
			it.Kind = InboxOverdueInvoice
			it.Since = dayStart(it.DueOn) // Days is then the days past the due date
		} else if it.State != application.AwaitingPay {
			continue
		}
		b.add(it)
	}
}

// committee files the applications before the committee whose members
// have all declared, and all without a conflict given their opinion: the
// conclusion can be recorded.
func (b *inboxBuilder) committee() {
	ready := map[int64]bool{}
	for _, s := range b.d.seats {
		if _, ok := ready[s.ApplicationID]; !ok {
			ready[s.ApplicationID] = true
		}
		if !s.Declared || (!s.Conflict && !s.Opined) {
			ready[s.ApplicationID] = false
		}
	}
	for _, a := range b.d.apps {
		if a.State == application.Committee && ready[a.ID] {
			b.add(InboxItem{Kind: InboxCommittee, ApplicationID: a.ID, State: a.State, Since: b.since(a)})
		}
	}
}

// afterCertification files incidents, answered supervision requests,
// files to return and withholding requests.
func (b *inboxBuilder) afterCertification() {
	for _, x := range b.d.incidents {
		b.add(InboxItem{Kind: InboxIncident, ApplicationID: x.ApplicationID, Service: x.ServiceName, Number: x.Number,
			Since: x.OpenedAt, RefID: x.ID})
	}
	for _, r := range b.d.supervision {
		if r.State == "answered" {
			b.add(InboxItem{Kind: InboxSupervision, ApplicationID: r.ApplicationID, Service: r.ServiceName, Number: r.Number,
				Since: r.RequestedAt, DueOn: dateOrZero(r.DueOn), RefID: r.ID})
		}
	}
	files := map[int64]int{}
	for _, r := range b.d.returns {
		if files[r.ApplicationID]++; files[r.ApplicationID] > 1 {
			continue
		}
		b.add(InboxItem{Kind: InboxReturn, ApplicationID: r.ApplicationID, Provider: r.OrgName,
			Since: dayStart(dateOrZero(r.ListedOn))})
	}
	for i, it := range b.items[InboxReturn] {
		b.items[InboxReturn][i].Count = files[it.ApplicationID]
	}
	for _, w := range b.d.withholding {
		b.add(InboxItem{Kind: InboxWithholding, ApplicationID: w.ApplicationID, Since: w.RequestedAt, RefID: w.ID,
			DueOn: dateOrZero(w.Until)})
	}
}

// expiring files the valid certifications whose renewal window has opened
// and for which no renewal is under way (a draft does not count).
func (b *inboxBuilder) expiring() {
	renewing := map[int64]bool{}
	for _, a := range b.d.apps {
		if a.Kind == application.Renewal && a.RenewsCertificationID != 0 {
			renewing[a.RenewsCertificationID] = true
		}
	}
	for _, c := range b.d.expiring {
		if renewing[c.ID] {
			continue
		}
		opens, _ := certification.RenewalWindow(c.ValidUntil)
		b.add(InboxItem{Kind: InboxExpiring, ApplicationID: c.ApplicationID, Service: c.Service, Provider: c.Provider,
			Number: c.Number, Since: dayStart(opens), DueOn: c.ValidUntil})
	}
}
