package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"nintei"
	"nintei/store"
)

// JobState is defined in package store, the port of the use cases.
type JobState = store.JobState

// The job states, defined in package store.
const (
	JobQueued  = store.JobQueued
	JobRunning = store.JobRunning
	JobDone    = store.JobDone
	JobDead    = store.JobDead
)

// Job is defined in package store, the port of the use cases.
type Job = store.Job

// NewJob is defined in package store, the port of the use cases.
type NewJob = store.NewJob

const jobColumns = `id, kind, unique_key, payload, state, run_at, attempts, max_attempts, last_error,
	locked_by, locked_until, finished_at, created_at`

func scanJob(row interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var key, by sql.NullString
	var until, finished sql.NullTime
	err := row.Scan(&j.ID, &j.Kind, &key, &j.Payload, &j.State, &j.RunAt, &j.Attempts, &j.MaxAttempts, &j.LastError,
		&by, &until, &finished, &j.CreatedAt)
	j.UniqueKey, j.LockedBy = key.String, by.String
	j.LockedUntil, j.FinishedAt = nullTime(until), nullTime(finished)
	return j, err
}

// EnqueueJob schedules a job and returns its ID. When a job of the same kind
// and unique key already exists, in whatever state, nothing is written and
// the existing job's ID is returned with created false: that is what makes
// scheduling one logical job from several instances, or twice, harmless.
// Called on a Tx, the job commits with the change that asked for it.
func (c *conn) EnqueueJob(ctx context.Context, n NewJob) (id int64, created bool, err error) {
	const op = "sqlstore.EnqueueJob"
	if n.Kind == "" || n.MaxAttempts < 1 {
		return 0, false, nintei.Wrap(op, errors.New("a job needs a kind and at least one attempt"))
	}
	if n.Payload == "" {
		n.Payload = "{}"
	}
	if n.RunAt.IsZero() {
		n.RunAt = c.now()
	}
	var key any // NULL, which never conflicts, when there is no key
	if n.UniqueKey != "" {
		key = n.UniqueKey
	}
	// ON CONFLICT DO NOTHING rather than catching the duplicate: on
	// PostgreSQL a failed INSERT would abort the caller's transaction.
	err = c.queryRow(ctx, `INSERT INTO jobs (kind, unique_key, payload, run_at, max_attempts, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, unique_key) DO NOTHING RETURNING id`,
		n.Kind, key, n.Payload, c.ts(n.RunAt), n.MaxAttempts, c.ts(c.now())).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !isNoRows(err) || key == nil {
		return 0, false, mapErr(op, err)
	}
	err = c.queryRow(ctx, "SELECT id FROM jobs WHERE kind = ? AND unique_key = ?", n.Kind, key).Scan(&id)
	return id, false, mapErr(op, err)
}

// JobByID returns a job; nintei.ErrNotFound if there is none.
func (c *conn) JobByID(ctx context.Context, id int64) (Job, error) {
	j, err := scanJob(c.queryRow(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = ?", id))
	return j, mapErr("sqlstore.JobByID", err)
}

// ListJobs returns up to limit jobs in a state ("" for all), newest first,
// for the administrators' view.
func (c *conn) ListJobs(ctx context.Context, state JobState, limit int) ([]Job, error) {
	const op = "sqlstore.ListJobs"
	rows, err := c.query(ctx, "SELECT "+jobColumns+` FROM jobs WHERE (? = '' OR state = ?) ORDER BY id DESC LIMIT ?`,
		string(state), string(state), limit)
	if err != nil {
		return nil, mapErr(op, err)
	}
	return scanJobs(rows, op)
}

// JobCounts is defined in package store, the port of the use cases.
type JobCounts = store.JobCounts

// CountJobs counts jobs by state; now decides which leases are stale.
func (c *conn) CountJobs(ctx context.Context, now time.Time) (JobCounts, error) {
	var n JobCounts
	err := c.queryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN state = 'queued' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'queued' AND attempts > 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'running' AND locked_until <= ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), 0)
		FROM jobs`, c.ts(now)).Scan(&n.Queued, &n.Retrying, &n.Running, &n.Stale, &n.Done, &n.Dead)
	return n, mapErr("sqlstore.CountJobs", err)
}

// PruneJobs deletes done jobs finished before a time and reports how many.
// Dead jobs stay for inspection. Pruning frees old unique keys, so it must
// only reach further back than anything will be scheduled again (periodic
// ticks are only ever scheduled for the current period).
func (c *conn) PruneJobs(ctx context.Context, finishedBefore time.Time) (int64, error) {
	res, err := c.exec(ctx, "DELETE FROM jobs WHERE state = 'done' AND finished_at < ?", c.ts(finishedBefore))
	if err != nil {
		return 0, mapErr("sqlstore.PruneJobs", err)
	}
	n, err := res.RowsAffected()
	return n, mapErr("sqlstore.PruneJobs", err)
}

// CancelQueuedJob deletes the queued job of kind with the unique key and
// reports whether there was one; a job already running, done or dead is
// left alone (and false returned), so the caller knows it may have run.
func (c *conn) CancelQueuedJob(ctx context.Context, kind, uniqueKey string) (bool, error) {
	res, err := c.exec(ctx, "DELETE FROM jobs WHERE kind = ? AND unique_key = ? AND state = 'queued'", kind, uniqueKey)
	if err != nil {
		return false, mapErr("sqlstore.CancelQueuedJob", err)
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr("sqlstore.CancelQueuedJob", err)
}

// scanJobs reads every job of rows and closes them.
func scanJobs(rows *sql.Rows, op string) ([]Job, error) {
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, mapErr(op, err)
		}
		out = append(out, j)
	}
	return out, mapErr(op, rows.Err())
}

// The administrator's view of the queue: finding, retrying and pruning jobs.

// JobQuery is defined in package store, the port of the use cases.
type JobQuery = store.JobQuery

// FindJobs returns the jobs q selects, newest first, for the
// administrators' list (the command line, the page and the API).
func (c *conn) FindJobs(ctx context.Context, q JobQuery) ([]Job, error) {
	const op = "sqlstore.FindJobs"
	if q.Limit < 1 {
		q.Limit = 1
	}
	rows, err := c.query(ctx, "SELECT "+jobColumns+` FROM jobs
		WHERE (? = '' OR state = ?) AND (? = '' OR kind = ?) ORDER BY id DESC LIMIT ?`,
		string(q.State), string(q.State), q.Kind, q.Kind, q.Limit)
	if err != nil {
		return nil, mapErr(op, err)
	}
	return scanJobs(rows, op)
}

// RetryDeadJob puts a dead job back in the queue to run at runAt with its
// attempts reset, so it gets every attempt again. It fails with
// nintei.ErrNotFound when there is no such job and nintei.ErrConflict when
// the job is not dead (a queued or running job would be run twice, a done
// one again).
func (c *conn) RetryDeadJob(ctx context.Context, id int64, runAt time.Time) error {
	const op = "sqlstore.RetryDeadJob"
	res, err := c.exec(ctx, `UPDATE jobs SET state = 'queued', run_at = ?, attempts = 0,
		locked_until = NULL, finished_at = NULL WHERE id = ? AND state = 'dead'`, c.ts(runAt), id)
	if err != nil {
		return mapErr(op, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return mapErr(op, err)
	}
	if _, err := c.JobByID(ctx, id); err != nil {
		return err
	}
	return fmt.Errorf("%s: job %d is not dead: %w", op, id, nintei.ErrConflict)
}

// PruneDoneJobs deletes done jobs finished before unkeyedBefore that have
// no unique key, and those with a key finished before keyedBefore, and
// reports how many. A key keeps a job from being scheduled twice (a
// renewal guidance, a reminder) for as long as its done row exists, so
// keyed rows are kept for longer than anything schedules the same key.
func (c *conn) PruneDoneJobs(ctx context.Context, unkeyedBefore, keyedBefore time.Time) (int64, error) {
	const op = "sqlstore.PruneDoneJobs"
	res, err := c.exec(ctx, `DELETE FROM jobs WHERE state = 'done' AND
		((unique_key IS NULL AND finished_at < ?) OR (unique_key IS NOT NULL AND finished_at < ?))`,
		c.ts(unkeyedBefore), c.ts(keyedBefore))
	if err != nil {
		return 0, mapErr(op, err)
	}
	n, err := res.RowsAffected()
	return n, mapErr(op, err)
}
