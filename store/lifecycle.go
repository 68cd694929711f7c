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
