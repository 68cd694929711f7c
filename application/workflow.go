package application

import (
	"fmt"
	"slices"
	"strings"

	"nintei"
	"nintei/policy"
)

// The review states. Draft, Submitted and Withdrawn are in application.go.
const (
	FormalReview   State = "formal_review"    // 形式審査
	Returned       State = "returned"         // returned for correction; the applicant edits and resubmits
	AwaitingPay    State = "awaiting_payment" // invoiced; document review starts once paid
	DocumentReview State = "document_review"  // 書類審査
	Inquiry        State = "inquiry"          // 照会: waiting for the applicant
	Investigation  State = "investigation"    // 調査
	Committee      State = "committee"        // 認定審査委員会
	Certified      State = "certified"        // decided: certify
	NotCertified   State = "not_certified"    // decided: do not certify
	Accepted       State = "accepted"         // a change notice accepted
	Rejected       State = "rejected"         // a change notice rejected
	// ClosedStalled (取下げ扱い): the applicant let an invoice or an
	// inquiry's answer go unanswered well past its due date, and the
	// secretariat closed the application, with the reason.
	ClosedStalled State = "closed_stalled"
)

// States lists every state in the order of the workflow.
var States = []State{Draft, Submitted, FormalReview, Returned, AwaitingPay, DocumentReview, Inquiry,
	Investigation, Committee, Certified, NotCertified, Accepted, Rejected, Withdrawn, ClosedStalled}

// Event is something that moves an application.
type Event string

// The events of the workflow.
const (
	EvSubmit              Event = "submit"
	EvResubmit            Event = "resubmit"
	EvStartFormalReview   Event = "start_formal_review"
	EvReturnForCorrection Event = "return_for_correction"
	EvAcceptFormal        Event = "accept_formal" // issues the invoice
	EvConfirmPayment      Event = "confirm_payment"
	EvOpenInquiry         Event = "open_inquiry"
	EvAnswerInquiries     Event = "answer_inquiries"
	EvStartInvestigation  Event = "start_investigation"
	EvEndInvestigation    Event = "end_investigation"
	EvReferToCommittee    Event = "refer_to_committee"
	EvCommitteeConcluded  Event = "committee_concluded"
	EvCertify             Event = "certify"
	EvRefuse              Event = "refuse"
	EvWithdraw            Event = "withdraw"
	EvAcceptChange        Event = "accept_change"
	EvRejectChange        Event = "reject_change"
	EvCloseStalled        Event = "close_stalled"
)

// Actor is who may fire an event: the applicant (owner or member of the
// application's provider) or staff of the certification body.
type Actor string

// The actors of the workflow.
const (
	ByApplicant   Actor = "applicant"   // policy.Apply: an owner or member of the provider
	BySecretariat Actor = "secretariat" // policy.RunReview: the secretariat
	ByReviewer    Actor = "reviewer"    // policy.OpenInquiry: a reviewer or the secretariat
)

// Transition is one row of the state table: from which states an event
// leads where, who may fire it, and the guard the service checks (named
// here so the table is the one place to read the program's rules).
type Transition struct {
	Event Event
	From  []State
	To    State
	By    Actor
	Guard string // the rule checked with data, "" for none
}

// openStates are those from which an applicant may still withdraw: any
// time before a decision.
var openStates = []State{Draft, Submitted, FormalReview, Returned, AwaitingPay, DocumentReview, Inquiry, Investigation, Committee}

// Table is the workflow of an application, R-6 and.
var Table = []Transition{
	{EvSubmit, []State{Draft}, Submitted, ByApplicant, "pre-check passes (R-4.4, R-5.2); not revoked within a year (R-4.2e)"},
	{EvStartFormalReview, []State{Submitted}, FormalReview, BySecretariat, ""},
	{EvReturnForCorrection, []State{FormalReview}, Returned, BySecretariat, "at least one checklist point with a comment (R-6.1)"},
	{EvResubmit, []State{Returned}, Submitted, ByApplicant, "pre-check passes"},
	{EvAcceptFormal, []State{FormalReview}, AwaitingPay, BySecretariat, "every checklist point ok; issues the invoice (R-4.6)"},
	{EvConfirmPayment, []State{AwaitingPay}, DocumentReview, BySecretariat, "amount paid equals the invoice total (R-4.6)"},
	{EvOpenInquiry, []State{DocumentReview, Inquiry}, Inquiry, ByReviewer, "a question tied to an item (R-6.2)"},
	{EvAnswerInquiries, []State{Inquiry}, DocumentReview, ByApplicant, "every open inquiry answered"},
	{EvStartInvestigation, []State{DocumentReview}, Investigation, BySecretariat, ""},
	{EvEndInvestigation, []State{Investigation}, DocumentReview, BySecretariat, "a report recorded (R-6.3)"},
	{EvReferToCommittee, []State{DocumentReview}, Committee, BySecretariat, "at least one member assigned (R-6.4)"},
	{EvCommitteeConcluded, []State{Committee}, DocumentReview, BySecretariat, "the meeting's conclusion recorded (R-6.4)"},
	{EvCertify, []State{DocumentReview}, Certified, BySecretariat, "the automatic verdict passes and every mandatory item is assessed ok (R-5.2, R-5.3); no override"},
	{EvRefuse, []State{DocumentReview}, NotCertified, BySecretariat, "the items needing improvement, with an explanation (R-6.5)"},
	{EvWithdraw, openStates, Withdrawn, ByApplicant, "before a decision"},
	{EvAcceptChange, []State{Submitted}, Accepted, BySecretariat, "a change notice (R-9.9): the registry follows; a new name costs the reissue fee (R-4.6)"},
	{EvRejectChange, []State{Submitted}, Rejected, BySecretariat, "a change notice: with the reason"},
	{EvCloseStalled, []State{AwaitingPay, Inquiry}, ClosedStalled, BySecretariat, "an invoice or an inquiry's answer overdue by the configured period (--stalled-close-days); with the reason; the files go on the return list (R-10)"},
}

// changeEvents are the only events of a change notice: it is filed,
// withdrawn, accepted or rejected, never reviewed or certified.
var changeEvents = map[Event]bool{EvSubmit: true, EvWithdraw: true, EvAcceptChange: true, EvRejectChange: true}

// Allows reports whether an application of this kind can take an event:
// change notices have their own two decisions, which no other kind has.
func (k Kind) Allows(ev Event) bool {
	if k == Change {
		return changeEvents[ev]
	}
	return ev != EvAcceptChange && ev != EvRejectChange
}

// NextFor is Next for an application of a kind.
func NextFor(k Kind, from State, ev Event, role nintei.Role) (Transition, error) {
	t, err := Next(from, ev, role)
	if err == nil && !k.Allows(ev) {
		return t, ErrNotNow.With("State", string(from))
	}
	return t, err
}

// AvailableFor lists the events a role may fire on an application of a
// kind in a state.
func AvailableFor(k Kind, from State, role nintei.Role) []Event {
	var out []Event
	for _, ev := range Available(from, role) {
		if k.Allows(ev) {
			out = append(out, ev)
		}
	}
	return out
}

// actorActions are the policy's actions behind the actors of the table.
var actorActions = map[Actor]policy.Action{ByApplicant: policy.Apply, BySecretariat: policy.RunReview, ByReviewer: policy.OpenInquiry}

// Allows reports whether a role may act as the transition's actor: the
// policy decides (package policy), not this package.
func (a Actor) Allows(r nintei.Role) bool {
	act, ok := actorActions[a]
	return ok && policy.Allows(r, act)
}

// StaffActions are the policy's actions behind the actors of the staff
// events (every event of the table not the applicant's), without repeats:
// a role allowed none of them can fire no staff event, so a route that
// fires the event a request names can refuse it before reading which.
func StaffActions() []policy.Action {
	var out []policy.Action
	for _, t := range Table {
		if a, ok := actorActions[t.By]; ok && t.By != ByApplicant && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// Errors of Next.
var (
	ErrUnknownEvent = nintei.Errorf(nintei.KindInvalid, "error.workflow.unknown_event")
	ErrNotNow       = nintei.Errorf(nintei.KindConflict, "error.workflow.not_now")
	ErrNotYours     = nintei.Errorf(nintei.KindForbidden, "error.forbidden")
)

// Next is the state an event leads to from state, for a user of role.
// It answers ErrUnknownEvent, ErrNotNow (the event does not apply in this
// state: typically someone else acted first) or ErrNotYours.
func Next(from State, ev Event, role nintei.Role) (Transition, error) {
	for _, t := range Table {
		if t.Event != ev {
			continue
		}
		if !t.By.Allows(role) {
			return t, ErrNotYours
		}
		for _, s := range t.From {
			if s == from {
				return t, nil
			}
		}
		return t, ErrNotNow.With("State", string(from))
	}
	return Transition{}, ErrUnknownEvent
}

// Available lists the events a role may fire from a state, in table order.
func Available(from State, role nintei.Role) []Event {
	var out []Event
	for _, t := range Table {
		if _, err := Next(from, t.Event, role); err == nil {
			out = append(out, t.Event)
		}
	}
	return out
}

// Decided reports whether a state is a decision.
func (s State) Decided() bool {
	return s == Certified || s == NotCertified || s == Accepted || s == Rejected
}

// Mermaid renders the state table as a Mermaid state diagram
// (docs/lifecycle.md embeds it; a test keeps the two in step).
func Mermaid() string {
	var lines []string
	for _, t := range Table {
		for _, f := range t.From {
			if t.Event == EvWithdraw && f != Draft {
				continue // drawn once, from draft, to keep the picture readable
			}
			lines = append(lines, fmt.Sprintf("    %s --> %s: %s (%s)", f, t.To, t.Event, t.By))
		}
	}
	return "stateDiagram-v2\n    [*] --> draft\n" + strings.Join(lines, "\n") +
		"\n    note right of withdrawn: withdraw is possible from every state before a decision\n" +
		"    certified --> [*]\n    not_certified --> [*]\n    accepted --> [*]\n    rejected --> [*]\n    withdrawn --> [*]\n    closed_stalled --> [*]\n"
}
