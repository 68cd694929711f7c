package ops

import (
	"context"
	"errors"
	"strconv"
	"time"

	"nintei"
	"nintei/internal/jobs"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// JobPrune is the kind of the periodic job that deletes old done jobs.
const JobPrune = "jobs.prune"

// keyedJobRetention is the least time a done job with a unique key is kept,
// whatever the setting: its row is what keeps the sweep from scheduling the
// same renewal guidance or reminder again, and the longest such stretch
// (the advance renewal guidance, from four months to sixty days before
// expiry) is far shorter.
const keyedJobRetention = 400 * 24 * time.Hour

// MaxJobList is the most jobs one list shows.
const MaxJobList = 500

// JobStates are the states a job list may be filtered by.
var JobStates = []store.JobState{store.JobQueued, store.JobRunning, store.JobDone, store.JobDead}

// JobRetryDetail is the audit detail of job.retry.
type JobRetryDetail struct {
	Kind      string `json:"kind"`
	LastError string `json:"last_error"`
}

// ListJobs lists the background jobs q selects, newest first, for the
// administrator (actor nil: the operator at the command line).
func (s *Ops) ListJobs(ctx context.Context, actor *nintei.User, q store.JobQuery) ([]store.Job, error) {
	if err := core.MayAsActor(actor, policy.ManageJobs); err != nil {
		return nil, err
	}
	if q.State != "" && !validJobState(q.State) {
		return nil, nintei.Invalid("error.job.state", "state")
	}
	if q.Limit < 1 || q.Limit > MaxJobList {
		q.Limit = min(max(q.Limit, 0), MaxJobList)
		if q.Limit == 0 {
			q.Limit = 100
		}
	}
	return s.Store.FindJobs(ctx, q)
}

func validJobState(st store.JobState) bool {
	for _, v := range JobStates {
		if v == st {
			return true
		}
	}
	return false
}

// RetryJob puts a dead job back in the queue: due now, with its attempts
// reset so that it is tried as often as a new one. Only a dead job can be
// retried (a queued or running one would run twice, a done one again); the
// retry is audited with the job's kind and its last error.
func (s *Ops) RetryJob(ctx context.Context, actor *nintei.User, id int64) (store.Job, error) {
	if err := core.MayAsActor(actor, policy.ManageJobs); err != nil {
		return store.Job{}, err
	}
	var j store.Job
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		var err error
		if j, err = tx.JobByID(ctx, id); err != nil {
			return err
		}
		if j.State != store.JobDead {
			return nintei.Errorf(nintei.KindConflict, "error.job.not_dead").With("ID", id)
		}
		if err := tx.RetryDeadJob(ctx, id, tx.Time()); err != nil {
			return err
		}
		ev := core.Event(actor, "job.retry", "job", strconv.FormatInt(id, 10))
		return core.AuditWithDetail(ctx, tx, ev, JobRetryDetail{Kind: j.Kind, LastError: j.LastError})
	})
	if err != nil {
		return store.Job{}, err
	}
	return s.Store.JobByID(ctx, id)
}

// pruneJobs is the daily job that deletes done jobs older than the
// retention setting. Mail jobs hold the text of their mail, single-use
// links included, until then; dead jobs stay for the administrator.
func (s *Ops) pruneJobs(ctx context.Context, _ jobs.Job) error {
	keep := s.Config.JobRetention
	if keep <= 0 {
		return errors.New("ops.pruneJobs: no retention set")
	}
	now := s.Now()
	n, err := s.Store.PruneDoneJobs(ctx, now.Add(-keep), now.Add(-max(keep, keyedJobRetention)))
	if err == nil && n > 0 {
		s.Log.InfoContext(ctx, "jobs: pruned done jobs", "count", n, "retention", keep.String())
	}
	return err
}
