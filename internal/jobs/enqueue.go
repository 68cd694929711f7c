package jobs

import (
	"context"
	"encoding/json"
	"time"

	"nintei"
	"nintei/store"
)

// Job is a claimed job as a handler receives it. Its Payload is JSON (see
// Decode); LockedBy and Attempts name the claim CompleteJob checks.
type Job = store.Job

// DefaultMaxAttempts is how often a job is tried when its Spec says nothing.
const DefaultMaxAttempts = 5

// Spec says how to schedule a job.
type Spec struct {
	RunAt       time.Time // zero means now (the store's or transaction's clock)
	UniqueKey   string    // optional; scheduling the same kind and key again is a no-op
	MaxAttempts int       // zero means DefaultMaxAttempts
}

// Enqueuer is what schedules jobs: a store.Store, or a store.Tx so that a
// job commits with the change that asked for it (e.g. a reminder with the
// certification it is about).
type Enqueuer interface {
	EnqueueJob(ctx context.Context, n store.NewJob) (id int64, created bool, err error)
}

// Enqueue schedules a job of a kind with payload encoded as JSON (nil for
// none). It returns the job's ID and whether it was created; an existing job
// with the same kind and unique key is returned with created false.
func Enqueue(ctx context.Context, q Enqueuer, kind string, payload any, s Spec) (int64, bool, error) {
	body := []byte("{}")
	if payload != nil {
		var err error
		if body, err = json.Marshal(payload); err != nil {
			return 0, false, nintei.Wrap("jobs.Enqueue", err)
		}
	}
	if s.MaxAttempts == 0 {
		s.MaxAttempts = DefaultMaxAttempts
	}
	return q.EnqueueJob(ctx, store.NewJob{Kind: kind, UniqueKey: s.UniqueKey, Payload: string(body),
		RunAt: s.RunAt, MaxAttempts: s.MaxAttempts})
}

// Decode reads a job's JSON payload into v.
func Decode(j Job, v any) error {
	if err := json.Unmarshal([]byte(j.Payload), v); err != nil {
		return nintei.Wrap("jobs.Decode", err)
	}
	return nil
}

// InTx runs effect and completes j in one transaction of s, so the effect
// commits exactly when this claim of j is marked done. When the claim was
// lost (the lease expired and another worker holds the job) it returns
// nintei.ErrConflict and nothing of effect is kept. s is a store.Store (T is
// then store.Tx) or a *sqlstore.Store (T is *sqlstore.Tx).
func InTx[T Completer](ctx context.Context, s interface {
	InTx(ctx context.Context, fn func(tx T) error) error
}, j Job, effect func(tx T) error) error {
	return s.InTx(ctx, func(tx T) error {
		if err := effect(tx); err != nil {
			return err
		}
		return tx.CompleteJob(ctx, j)
	})
}

// Completer marks a claimed job done (a store or a transaction);
// nintei.ErrConflict when the claim is no longer current.
type Completer interface {
	CompleteJob(ctx context.Context, j Job) error
}
