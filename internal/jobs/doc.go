// Package jobs runs nintei's background work durably: jobs are rows in the
// database (sqlstore's jobs table), so they survive restarts, and several
// instances sharing one database run each job once.
//
// # Time
//
// Whether a job is due, when a lease ends and when a retry comes are all
// read from the nintei.Clock the Runner is given, never from the wall clock:
// tests move a *nintei.FixedClock and call RunDue, and the demo can move its
// clock to make renewals and expiries happen. Only the handler's context
// deadline (the lease) and the poll interval are real time.
//
// # Once
//
// Delivery is at least once. A worker claims a job by leasing it (locked_by,
// locked_until); if the worker dies the lease expires and another worker
// claims the job again, and a failed attempt is retried with backoff until
// its max_attempts, after which the job is dead and kept for inspection.
// So a handler may run more than once for one job.
//
// Effects are exactly once when the handler commits its effect and the job's
// completion in one transaction (InTx, or tx.CompleteJob on its own Tx).
// Completion succeeds only for the claim that is still current: a worker
// whose lease was taken over gets nintei.ErrConflict from CompleteJob, its
// transaction rolls back, and only the worker holding the job commits. At
// least once delivery plus transactional completion is effectively once.
// Effects outside the database (e-mail) cannot join the transaction; their
// handlers must be idempotent or accept a rare repeat.
//
// Periodic jobs (Runner.Periodic) are enqueued with a unique key derived from
// the period's tick ("sweep:2026-11-27T10:00"); however many instances
// schedule a tick, one job exists for it.
//
// # Audit
//
// The job bookkeeping itself is not audited: it changes no program state.
// Handlers that change state write their audit events (tx.Audit) in the same
// transaction as the effect and the completion, like every use case.
package jobs
