package store

import (
	"time"

	"nintei/application"
	"nintei/certification"
)

// LatestState is the newest state change of an application: the state it
// entered, by which event, and when.
type LatestState struct {
	ApplicationID int64
	State         application.State
	Event         application.Event
	EnteredAt     time.Time
}

// CommitteeSeat is one member's place on an application before the
// committee: whether the conflict declaration and the opinion are in.
type CommitteeSeat struct {
	ApplicationID int64
	UserID        int64
	Declared      bool
	Conflict      bool
	Opined        bool
}

// ExpiringCertification is a valid certification near its last day, with
// the names the registry publishes.
type ExpiringCertification struct {
	certification.Certification
	Service  string
	Provider string
}
