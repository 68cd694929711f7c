package store

import (
	"time"
)

// JobClaim says which jobs a worker asks for.
type JobClaim struct {
	Worker string        // names the claiming instance; recorded in locked_by
	Now    time.Time     // the program's clock: what is due, and when leases end
	Lease  time.Duration // how long the job is the worker's
	Limit  int
	Kinds  []string // only these kinds: an instance never takes a job it has no handler for
}
