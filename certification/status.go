package certification

import "nintei/civil"

// Status is where a certification stands (the states of Table).
type Status string

// The statuses, as stored and as the public sees them.
const (
	Valid          Status = "valid"
	RenewalPending Status = "renewal_pending" // renewal handed in within the window: in force until decided
	Expired        Status = "expired"
	Revoked        Status = "revoked"
	Terminated     Status = "terminated"      // the service ended
	Lapsed         Status = "lapsed"          // succession
)

// Statuses lists every status in the order of the lifecycle.
var Statuses = []Status{Valid, RenewalPending, Expired, Revoked, Terminated, Lapsed}

// Ended reports whether a status is final: no event leaves it.
func (s Status) Ended() bool { return s == Expired || s == Revoked || s == Terminated || s == Lapsed }

// InForce reports whether a public status lets the provider show the mark
// and the certificate.
func InForce(s Status) bool { return s == Valid || s == RenewalPending }

// PublicStatus is the status on a day: a valid certification past its last
// valid day shows as expired before the sweep stores it; one with a
// renewal pending stays in force.
func PublicStatus(stored Status, validUntil, today civil.Date) Status {
	if stored == Valid && today.After(validUntil) {
		return Expired
	}
	return stored
}
