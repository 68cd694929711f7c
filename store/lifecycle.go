package store

import (
	"time"
)

// RegistryEvent is one public event of the registry, with the service's
// published name.
type RegistryEvent struct {
	ID          int64
	Number      string
	Kind        string
	OccurredOn  string
	RecordedAt  time.Time
	ServiceName string
	Items       string // a change's changed items, one name a line (RegistryEventsAfter only)
}

// FollowMail is a subscription by e-mail to a service (Kind "service",
// Target its number) or to a search (Kind "search", Target the folded
// words). Only a confirmed one receives notices.
type FollowMail struct {
	ID           int64
	Kind, Target string
	Email        string
	ConfirmHash  string
	ConfirmUntil time.Time
	ConfirmedAt  *time.Time
	UnsubToken   string
	CreatedAt    time.Time
}

// FollowHook is an organisation's webhook following a service or a search.
type FollowHook struct {
	ID           int64
	Kind, Target string
	URL, Secret  string
	Contact      string // the address the confirmation went to; emptied on confirmation
	ConfirmHash  string
	ConfirmUntil time.Time
	ConfirmedAt  *time.Time
	ManageHash   string
	CreatedAt    time.Time
}

// FollowDelivery is one attempt to deliver an event to a webhook.
type FollowDelivery struct {
	ID, HookID, EventID int64
	EventKind           string
	Attempt, StatusCode int
	Error               string
	At                  time.Time
}

// RegistrySnapshot is a signed snapshot of the public registry, stored as
// the exact bytes that were signed.
type RegistrySnapshot struct {
	LogSeq    int64
	Body      []byte
	Signature string // base64 of the Ed25519 signature over Body
	KeyID     string
	CreatedAt time.Time
}
