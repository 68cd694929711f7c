package store

import (
	"time"

	"nintei/application"
)

// StateEntry is one row of the history.
type StateEntry struct {
	ApplicationID int64
	State         application.State
	EnteredAt     time.Time
}
