package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"nintei"
	"nintei/store"
)

// JobClaim is defined in package store, the port of the use cases.
type JobClaim = store.JobClaim

// ClaimJobs leases up to Limit due jobs to a worker, oldest run_at first:
// queued jobs whose run_at has come, and running jobs whose lease has expired
// (their worker is presumed gone). Each claim counts as an attempt. A job
// whose lease expired on its last attempt is marked dead instead, so a job
// that kills its worker cannot loop forever.
//
// Two workers never hold the same job: on PostgreSQL each claim locks the
// rows it takes and skips rows another claim has locked (FOR UPDATE SKIP
// LOCKED); on SQLite the transaction holds the database's write lock.
func (s *Store) ClaimJobs(ctx context.Context, c JobClaim) ([]Job, error) {
	if c.Limit < 1 || len(c.Kinds) == 0 {
		return nil, nil
	}
	var out []Job
	err := s.InTx(ctx, func(tx *Tx) error {
		if err := tx.buryExpiredJobs(ctx, c); err != nil {
			return err
		}
		var err error
		out, err = tx.claimJobs(ctx, c)
		return err
	})
	return out, err
}

// skipLocked is the PostgreSQL clause that lets concurrent claims pass each
// other; SQLite has no row locks (and no such syntax) and needs none.
func (c *conn) skipLocked() string {
	if c.d == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// kindsIn returns "kind IN (?, …)" and its arguments.
func kindsIn(kinds []string) (string, []any) {
	args := make([]any, len(kinds))
	for i, k := range kinds {
		args[i] = k
	}
	return "kind IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(kinds)), ", ") + ")", args
}

func (tx *Tx) buryExpiredJobs(ctx context.Context, c JobClaim) error {
	in, args := kindsIn(c.Kinds)
	now := tx.ts(c.Now)
	_, err := tx.exec(ctx, `UPDATE jobs SET state = 'dead', finished_at = ?, locked_until = NULL,
		last_error = 'lease of ' || locked_by || ' expired on the last attempt'
		WHERE id IN (SELECT id FROM jobs WHERE `+in+` AND state = 'running' AND locked_until <= ?
			AND attempts >= max_attempts`+tx.skipLocked()+`)`,
		append(append([]any{now}, args...), now)...)
	return mapErr("sqlstore.ClaimJobs.bury", err)
}

func (tx *Tx) claimJobs(ctx context.Context, c JobClaim) ([]Job, error) {
	const op = "sqlstore.ClaimJobs"
	in, kinds := kindsIn(c.Kinds)
	now := tx.ts(c.Now)
	args := append([]any{c.Worker, tx.ts(c.Now.Add(c.Lease))}, kinds...)
	args = append(args, now, now, c.Limit)
	rows, err := tx.query(ctx, `UPDATE jobs SET state = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1,
		last_error = CASE WHEN state = 'running' THEN 'lease of ' || locked_by || ' expired' ELSE last_error END
		WHERE id IN (SELECT id FROM jobs WHERE `+in+`
			AND ((state = 'queued' AND run_at <= ?) OR (state = 'running' AND locked_until <= ? AND attempts < max_attempts))
			ORDER BY run_at, id LIMIT ?`+tx.skipLocked()+`)
		RETURNING `+jobColumns, args...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	out, err := scanJobs(rows, op)
	if err != nil {
		return nil, err
	}
	// RETURNING promises no order.
	sort.Slice(out, func(a, b int) bool {
		if !out[a].RunAt.Equal(out[b].RunAt) {
			return out[a].RunAt.Before(out[b].RunAt)
		}
		return out[a].ID < out[b].ID
	})
	return out, nil
}

// claimed is the condition that a job is still held by the claim j came
// from: the worker and the attempt number together name one claim, even when
// the same worker claims the job again after its lease expired.
const claimed = "id = ? AND state = 'running' AND locked_by = ? AND attempts = ?"

// CompleteJob marks a claimed job done. Call it on the Tx that commits the
// handler's effect, so that the effect and the completion commit together:
// if the claim was lost meanwhile (the lease expired and another worker took
// the job), it fails with nintei.ErrConflict and the effect rolls back with
// it. Completing a job this same claim already completed is a no-op, so the
// runner can complete after a handler that did.
func (c *conn) CompleteJob(ctx context.Context, j Job) error {
	const op = "sqlstore.CompleteJob"
	res, err := c.exec(ctx, "UPDATE jobs SET state = 'done', finished_at = ?, locked_until = NULL WHERE "+claimed,
		c.ts(c.now()), j.ID, j.LockedBy, j.Attempts)
	if err != nil {
		return mapErr(op, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return mapErr(op, err)
	}
	var n int
	err = c.queryRow(ctx, "SELECT COUNT(*) FROM jobs WHERE id = ? AND state = 'done' AND locked_by = ? AND attempts = ?",
		j.ID, j.LockedBy, j.Attempts).Scan(&n)
	if err != nil {
		return mapErr(op, err)
	}
	if n == 1 {
		return nil
	}
	return fmt.Errorf("%s: job %d: claim lost: %w", op, j.ID, nintei.ErrConflict)
}

// FailJob records a failed attempt of a claimed job: it is queued again at
// retryAt, or dead once it has used its attempts (dead reports which). Like
// CompleteJob it changes nothing and fails with nintei.ErrConflict when the
// claim was lost.
func (c *conn) FailJob(ctx context.Context, j Job, reason string, retryAt time.Time) (dead bool, err error) {
	const op = "sqlstore.FailJob"
	dead = j.Attempts >= j.MaxAttempts
	if dead {
		err = c.execOne(ctx, op, "UPDATE jobs SET state = 'dead', finished_at = ?, locked_until = NULL, last_error = ? WHERE "+claimed,
			c.ts(c.now()), reason, j.ID, j.LockedBy, j.Attempts)
	} else {
		err = c.execOne(ctx, op, "UPDATE jobs SET state = 'queued', run_at = ?, locked_until = NULL, last_error = ? WHERE "+claimed,
			c.ts(retryAt), reason, j.ID, j.LockedBy, j.Attempts)
	}
	if nintei.KindOf(err) == nintei.KindNotFound {
		return dead, fmt.Errorf("%s: job %d: claim lost: %w", op, j.ID, nintei.ErrConflict)
	}
	return dead, err
}
