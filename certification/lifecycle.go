package certification

import (
	"fmt"
	"strings"

	"nintei"
	"nintei/policy"
)

// Event is something that changes a certification's status.
type Event string

// The events of the lifecycle.
const (
	EvSubmitRenewal    Event = "submit_renewal"    // a renewal handed in within the window
	EvRenew            Event = "renew"             // the renewal certified: the next term
	EvWithdrawRenewal  Event = "withdraw_renewal"  // the applicant withdrew the renewal
	EvRefuseRenewal    Event = "refuse_renewal"    // the renewal not certified
	EvExpire           Event = "expire"            // the last valid day passed
	EvTerminate        Event = "terminate"         // termination notice
	EvRevoke           Event = "revoke"            // revocation
	EvRecordSuccession Event = "record_succession" // succession
)

// RoleSystem is the role of the background jobs (the expiry sweep).
const RoleSystem = policy.System

// Transition is one row of the lifecycle table: from which statuses an
// event leads where, which action of the policy it is (so who may fire it),
// and the guard the service checks with data (named here so the table is
// the one place to read the rules).
type Transition struct {
	Event Event
	From  []Status
	To    Status
	By    policy.Action // who may fire it is the policy's answer for this action
	Guard string
}

// Roles names the roles that may fire the transition, for the diagram.
func (t Transition) Roles() string {
	var out []string
	for _, r := range policy.Roles(t.By) {
		out = append(out, string(r))
	}
	return strings.Join(out, ", ")
}

// inForce are the statuses a certification can be ended from.
var inForce = []Status{Valid, RenewalPending}

// Table is the lifecycle of a certification, R-8, R-9 and R-11. A renewal
// withdrawn or refused after the last valid day goes back to valid and
// expires at once (two rows, one transaction).
var Table = []Transition{
	{EvSubmitRenewal, []Status{Valid}, RenewalPending, policy.Apply, "handed in 60 to 30 days before the last valid day (R-9.1); in force until decided (R-9.2)"},
	{EvRenew, []Status{RenewalPending}, Valid, policy.Certify, "the renewal certified; the next term runs from the day after the last valid day (R-8.2)"},
	{EvWithdrawRenewal, []Status{RenewalPending}, Valid, policy.Apply, "the renewal withdrawn; past the last valid day, expire follows (R-9.2)"},
	{EvRefuseRenewal, []Status{RenewalPending}, Valid, policy.Certify, "the renewal not certified; past the last valid day, expire follows (R-9.2)"},
	{EvExpire, []Status{Valid}, Expired, policy.Expire, "the last valid day has passed and no renewal was handed in within the window (R-8.2)"},
	{EvTerminate, inForce, Terminated, policy.Terminate, "the provider's termination notice; the certificate is returned (R-9.10)"},
	{EvRevoke, inForce, Revoked, policy.Revoke, "one or more grounds a–j with the reasons (R-11.5); no new application for a year (R-4.2e)"},
	{EvRecordSuccession, inForce, Lapsed, policy.RecordSuccession, "one kind of succession: transfer, merger, split or inheritance (R-11.4)"},
}

// Errors of Next.
var (
	ErrUnknownEvent = nintei.Errorf(nintei.KindInvalid, "error.workflow.unknown_event")
	ErrNotInForce   = nintei.Errorf(nintei.KindConflict, "error.ending.not_in_force")
	ErrNotYours     = nintei.Errorf(nintei.KindForbidden, "error.forbidden")
)

// Permits checks only who may fire an event, before anything is loaded:
// ErrUnknownEvent or ErrNotYours.
func Permits(ev Event, role nintei.Role) error {
	for _, t := range Table {
		if t.Event == ev {
			if !policy.Allows(role, t.By) {
				return ErrNotYours
			}
			return nil
		}
	}
	return ErrUnknownEvent
}

// Next is the status an event leads to from a status, for a role. It
// answers ErrUnknownEvent, ErrNotYours, or ErrNotInForce (the event does
// not apply in this status: typically someone else acted first).
func Next(from Status, ev Event, role nintei.Role) (Transition, error) {
	for _, t := range Table {
		if t.Event != ev {
			continue
		}
		if !policy.Allows(role, t.By) {
			return t, ErrNotYours
		}
		for _, s := range t.From {
			if s == from {
				return t, nil
			}
		}
		return t, ErrNotInForce.With("Status", string(from))
	}
	return Transition{}, ErrUnknownEvent
}

// Available lists the events a role may fire from a status, in table order.
func Available(from Status, role nintei.Role) []Event {
	var out []Event
	for _, t := range Table {
		if _, err := Next(from, t.Event, role); err == nil {
			out = append(out, t.Event)
		}
	}
	return out
}

// EndEvent is the event that ends a certification with a status:
// terminated, revoked or lapsed; false for any other status.
func EndEvent(kind Status) (Event, bool) {
	ev, ok := map[Status]Event{Terminated: EvTerminate, Revoked: EvRevoke, Lapsed: EvRecordSuccession}[kind]
	return ev, ok
}

// Mermaid renders the lifecycle table as a Mermaid state diagram
// (docs/lifecycle.md embeds it; a test keeps the two in step).
func Mermaid() string {
	var lines []string
	for _, t := range Table {
		for _, f := range t.From {
			lines = append(lines, fmt.Sprintf("    %s --> %s: %s (%s)", f, t.To, t.Event, t.Roles()))
		}
	}
	var ends []string
	for _, s := range Statuses {
		if s.Ended() {
			ends = append(ends, fmt.Sprintf("    %s --> [*]", s))
		}
	}
	return "stateDiagram-v2\n    [*] --> valid: certify (application)\n" + strings.Join(lines, "\n") + "\n" +
		strings.Join(ends, "\n") + "\n"
}
