package store

import (
	"time"
)

// Submission is a stored snapshot.
type Submission struct {
	ID            int64
	ApplicationID int64
	Seq           int64
	Snapshot      string
	SHA256        string
	SubmittedBy   int64
	SubmittedAt   time.Time
}
