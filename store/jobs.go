package store

import (
	"time"
)

// JobState is where a background job is in its life.
type JobState string

// Job is a row of the jobs table (package jobs runs them).
type Job struct {
	ID          int64
	Kind        string
	UniqueKey   string // "" when the job has none
	Payload     string // JSON
	State       JobState
	RunAt       time.Time
	Attempts    int // claims so far; while running, this claim's number
	MaxAttempts int
	LastError   string
	LockedBy    string // the worker of the latest claim
	LockedUntil *time.Time
	FinishedAt  *time.Time
	CreatedAt   time.Time
}

// NewJob is a job to schedule.
type NewJob struct {
	Kind        string
	UniqueKey   string    // optional; a second job with the same kind and key is not created
	Payload     string    // JSON; "" means {}
	RunAt       time.Time // zero means now
	MaxAttempts int       // at least 1
}

// JobCounts is the queue at a glance, for the administrators' view and
// metrics (queue depth, failures).
type JobCounts struct {
	Queued   int64 // waiting, retries included
	Retrying int64 // queued after at least one failed attempt
	Running  int64 // leased
	Stale    int64 // leased, but the lease has expired: the worker is presumed gone
	Done     int64
	Dead     int64
}

// The job states. A failed attempt puts a job back to queued with a later
// run_at until it has used its attempts; then it is dead.
const (
	JobQueued  JobState = "queued"  // waiting for its run_at (retries wait here too)
	JobRunning JobState = "running" // leased to a worker until locked_until
	JobDone    JobState = "done"    // completed; kept so its unique key stays taken
	JobDead    JobState = "dead"    // failed max_attempts times; kept for inspection
)
