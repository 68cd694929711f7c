package sqlstore

import (
	"context"
	"fmt"
	"time"

	"nintei"
	"nintei/store"
)

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
