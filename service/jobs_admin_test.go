package service_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service/ops"
	"nintei/store"
)

// deadJob enqueues a job of a test kind with one attempt and runs it with a
// handler that fails while *failing is true, so that it ends dead.
func deadJob(t *testing.T, env *testenv.Env, failing *bool) (*jobs.Runner, int64) {
	t.Helper()
	r := jobs.New(env.Store, env.Clock, jobs.Options{})
	r.Handle("test.flaky", func(context.Context, jobs.Job) error {
		if *failing {
			return errors.New("smtp: 421 try later")
		}
		return nil
	})
	id, _, err := jobs.Enqueue(ctx, env.Store, "test.flaky", nil, jobs.Spec{MaxAttempts: 2})
	ok(t, err)
	for range 2 {
		_, err = r.RunDue(ctx)
		ok(t, err)
		env.Clock.T = env.Clock.T.Add(time.Hour) // past the backoff
	}
	j, err := env.Store.JobByID(ctx, id)
	ok(t, err)
	if j.State != sqlstore.JobDead {
		t.Fatalf("the flaky job is %s, want dead", j.State)
	}
	return r, id
}

// An administrator's retry puts a dead job back in the queue with its
// attempts reset, and the audit trail records it with the job's kind; the
// job then runs again. A job that is not dead is refused with a message
// saying why, and only the administrator may retry.
func TestRetryDeadJobIsAuditedAndRefusedForOthers(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		admin := env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, "")
		jimu := env.AddUser(t, "jimu@body.example.jp", nintei.RoleSecretariat, "")
		failing := true
		r, id := deadJob(t, env, &failing)

		if _, err := env.Svc.RetryJob(ctx, &jimu, id); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("secretariat's retry: err = %v, want forbidden", err)
		}
		j, err := env.Svc.RetryJob(ctx, &admin, id)
		ok(t, err)
		if j.State != store.JobQueued || j.Attempts != 0 || j.MaxAttempts != 2 || j.RunAt.After(env.Clock.Now()) {
			t.Errorf("retried job = %s, attempts %d/%d, run at %v; want queued, 0/2, due now", j.State, j.Attempts, j.MaxAttempts, j.RunAt)
		}
		evs := auditOfAction(t, env, "job.retry")
		if len(evs) != 1 || evs[0].ObjectID != strconv.FormatInt(id, 10) || evs[0].ActorID != admin.ID ||
			!strings.Contains(evs[0].Detail, `"kind":"test.flaky"`) || !strings.Contains(evs[0].Detail, "421 try later") {
			t.Fatalf("job.retry events = %+v", evs)
		}

		_, err = env.Svc.RetryJob(ctx, &admin, id) // queued now: not dead
		var ne *nintei.Error
		if !errors.As(err, &ne) || ne.Kind != nintei.KindConflict || ne.Key != "error.job.not_dead" {
			t.Fatalf("retry of a queued job: err = %v, want error.job.not_dead", err)
		}
		if msg := env.Msgs.T("ja", ne.Key, ne.Args); !strings.Contains(msg, "処理 #"+strconv.FormatInt(id, 10)) || !strings.Contains(msg, "再実行できません") {
			t.Errorf("refusal reads %q", msg)
		}
		if _, err := env.Svc.RetryJob(ctx, &admin, id+1000); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("retry of no job: err = %v, want not found", err)
		}
		failing = false
		_, err = r.RunDue(ctx)
		ok(t, err)
		if j, _ := env.Store.JobByID(ctx, id); j.State != store.JobDone || j.Attempts != 1 {
			t.Errorf("after the retry the job is %s after %d attempts, want done after 1", j.State, j.Attempts)
		}
		if n := len(auditOfAction(t, env, "job.retry")); n != 1 {
			t.Errorf("%d job.retry events after the refused retries, want 1", n)
		}
	})
}

// The list filters by state and kind and refuses an unknown state.
func TestListJobsFiltersByStateAndKind(t *testing.T) {
	env := testenv.Backend{Name: "sqlite"}.NewEnv(t)
	admin := env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, "")
	failing := true
	_, id := deadJob(t, env, &failing)
	_, _, err := jobs.Enqueue(ctx, env.Store, "other.kind", nil, jobs.Spec{})
	ok(t, err)
	dead, err := env.Svc.ListJobs(ctx, &admin, store.JobQuery{State: store.JobDead})
	ok(t, err)
	if len(dead) != 1 || dead[0].ID != id {
		t.Errorf("dead jobs = %+v, want only #%d", dead, id)
	}
	other, err := env.Svc.ListJobs(ctx, &admin, store.JobQuery{Kind: "other.kind", Limit: 10})
	ok(t, err)
	if len(other) != 1 || other[0].Kind != "other.kind" {
		t.Errorf("jobs of other.kind = %+v", other)
	}
	if _, err := env.Svc.ListJobs(ctx, &admin, store.JobQuery{State: "broken"}); nintei.KindOf(err) != nintei.KindInvalid {
		t.Errorf("unknown state: err = %v, want invalid", err)
	}
}

// The daily prune deletes done jobs older than the retention, mail jobs
// (and their single-use links) with them, but keeps a done job with a
// unique key for longer, since its row is what stops the sweep from
// scheduling the same renewal guidance again.
func TestPruneJobsKeepsRecentAndKeyedJobs(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		r := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(r)
		r.Handle("test.keyed", func(context.Context, jobs.Job) error { return nil })
		r.Handle("test.plain", func(context.Context, jobs.Job) error { return nil })
		plain, _, err := jobs.Enqueue(ctx, env.Store, "test.plain", nil, jobs.Spec{})
		ok(t, err)
		keyed, _, err := jobs.Enqueue(ctx, env.Store, "test.keyed", nil, jobs.Spec{UniqueKey: "IP-1|2029-01-31|advance"})
		ok(t, err)
		_, err = r.RunDue(ctx)
		ok(t, err)
		env.Clock.T = env.Clock.T.Add(31 * 24 * time.Hour) // past the 30 days' retention
		_, err = r.RunDue(ctx)                             // the prune's tick of the new day
		ok(t, err)
		if _, err := env.Store.JobByID(ctx, plain); !errors.Is(err, nintei.ErrNotFound) {
			t.Errorf("a done job 31 days old: err = %v, want pruned", err)
		}
		if j, err := env.Store.JobByID(ctx, keyed); err != nil || j.State != store.JobDone {
			t.Errorf("a keyed done job 31 days old: %v, %v; want kept", j.State, err)
		}
		pruned, err := env.Svc.ListJobs(ctx, nil, store.JobQuery{Kind: ops.JobPrune, State: store.JobDone})
		ok(t, err)
		if len(pruned) == 0 {
			t.Error("no done prune job")
		}
	})
}
