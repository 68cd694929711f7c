package store

import (
	"time"
)

// Withholding is a request to withhold published answers.
type Withholding struct {
	ID            int64
	ApplicationID int64
	ItemIDs       []string
	Reason        string
	Until         string // last day withheld, YYYY-MM-DD
	State         string // requested, approved, rejected
	RequestedAt   time.Time
	DecidedAt     *time.Time
}
