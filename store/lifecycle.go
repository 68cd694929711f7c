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
