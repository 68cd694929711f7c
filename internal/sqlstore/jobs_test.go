package sqlstore_test

import (
	"errors"
	"testing"
	"time"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

func TestEnqueueJobUniqueKeyIsNoOp(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		n := sqlstore.NewJob{Kind: "sweep", UniqueKey: "sweep:2026-11-27T10:00", MaxAttempts: 3}
		id, created, err := s.EnqueueJob(ctx, n)
		if err != nil || !created {
			t.Fatalf("first enqueue: %d %v %v", id, created, err)
		}
		// Again, also inside a transaction that then commits something else.
		err = s.InTx(ctx, func(tx *sqlstore.Tx) error {
			id2, created, err := tx.EnqueueJob(ctx, n)
			if err != nil || created || id2 != id {
				t.Errorf("second enqueue: got %d %v %v, want %d false nil", id2, created, err, id)
			}
			_, _, err = tx.EnqueueJob(ctx, sqlstore.NewJob{Kind: "sweep", UniqueKey: "sweep:2026-11-27T10:10", MaxAttempts: 3})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// Jobs without a key never collide.
		for i := 0; i < 2; i++ {
			if _, created, err := s.EnqueueJob(ctx, sqlstore.NewJob{Kind: "sweep", MaxAttempts: 1}); err != nil || !created {
				t.Fatalf("keyless enqueue #%d: %v %v", i, created, err)
			}
		}
		c, err := s.CountJobs(ctx, clock.T)
		if err != nil {
			t.Fatal(err)
		}
		if c.Queued != 4 {
			t.Errorf("queued = %d, want 4", c.Queued)
		}
		j, err := s.JobByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Payload != "{}" || j.State != sqlstore.JobQueued || !j.RunAt.Equal(clock.T.Truncate(time.Microsecond)) {
			t.Errorf("job = %+v", j)
		}
	})
}

func claim(t *testing.T, s *sqlstore.Store, worker string, now time.Time, limit int) []sqlstore.Job {
	t.Helper()
	js, err := s.ClaimJobs(ctx, sqlstore.JobClaim{Worker: worker, Now: now, Lease: time.Minute, Limit: limit, Kinds: []string{"k"}})
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func TestClaimJobsDueLeaseAndClaimIdentity(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		t0 := clock.T.Truncate(time.Second)
		runAt := t0.Add(time.Hour)
		id, _, err := s.EnqueueJob(ctx, sqlstore.NewJob{Kind: "k", RunAt: runAt, MaxAttempts: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.EnqueueJob(ctx, sqlstore.NewJob{Kind: "other", RunAt: t0, MaxAttempts: 1}); err != nil {
			t.Fatal(err)
		}
		if js := claim(t, s, "a", runAt.Add(-time.Second), 10); len(js) != 0 {
			t.Fatalf("a second early: claimed %+v", js)
		}
		js := claim(t, s, "a", runAt, 10)
		if len(js) != 1 || js[0].ID != id || js[0].Attempts != 1 || js[0].LockedBy != "a" || js[0].State != sqlstore.JobRunning {
			t.Fatalf("at run_at: claimed %+v, want job %d only (not the other kind)", js, id)
		}
		a := js[0]
		if js := claim(t, s, "b", runAt.Add(59*time.Second), 10); len(js) != 0 {
			t.Fatalf("within the lease: claimed %+v", js)
		}
		// The lease ends: b takes the job, and a's claim is gone.
		js = claim(t, s, "b", runAt.Add(time.Minute), 10)
		if len(js) != 1 || js[0].Attempts != 2 || js[0].LockedBy != "b" || js[0].LastError != "lease of a expired" {
			t.Fatalf("after the lease: claimed %+v", js)
		}
		bj := js[0]
		if err := s.CompleteJob(ctx, a); !errors.Is(err, nintei.ErrConflict) {
			t.Errorf("complete by the lost claim: %v, want conflict", err)
		}
		if _, err := s.FailJob(ctx, a, "x", runAt); !errors.Is(err, nintei.ErrConflict) {
			t.Errorf("fail by the lost claim: %v, want conflict", err)
		}
		// b's completion in a transaction, then again by the runner: a no-op.
		if err := s.InTx(ctx, func(tx *sqlstore.Tx) error { return tx.CompleteJob(ctx, bj) }); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteJob(ctx, bj); err != nil {
			t.Errorf("completing twice by the same claim: %v", err)
		}
		got, _ := s.JobByID(ctx, id)
		if got.State != sqlstore.JobDone || got.FinishedAt == nil || got.LockedUntil != nil {
			t.Errorf("job = %+v", got)
		}
	})
}

func TestLeaseExpiredOnLastAttemptIsDead(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		id, _, _ := s.EnqueueJob(ctx, sqlstore.NewJob{Kind: "k", MaxAttempts: 1})
		if js := claim(t, s, "a", clock.T, 1); len(js) != 1 {
			t.Fatalf("claimed %d", len(js))
		}
		if js := claim(t, s, "b", clock.T.Add(time.Minute), 1); len(js) != 0 {
			t.Fatalf("a job past its attempts was claimed again: %+v", js)
		}
		got, _ := s.JobByID(ctx, id)
		if got.State != sqlstore.JobDead || got.LastError != "lease of a expired on the last attempt" {
			t.Errorf("job = %+v", got)
		}
	})
}

func TestFailJobRetriesThenDead(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		id, _, _ := s.EnqueueJob(ctx, sqlstore.NewJob{Kind: "k", MaxAttempts: 2})
		now := clock.T
		j := claim(t, s, "a", now, 1)[0]
		dead, err := s.FailJob(ctx, j, "boom 1", now.Add(time.Minute))
		if err != nil || dead {
			t.Fatalf("first failure: dead=%v err=%v", dead, err)
		}
		if js := claim(t, s, "a", now.Add(59*time.Second), 1); len(js) != 0 {
			t.Fatal("claimed before the retry time")
		}
		c, _ := s.CountJobs(ctx, now)
		if c.Queued != 1 || c.Retrying != 1 {
			t.Errorf("counts = %+v", c)
		}
		j = claim(t, s, "a", now.Add(time.Minute), 1)[0]
		if j.Attempts != 2 || j.LastError != "boom 1" {
			t.Errorf("second claim = %+v", j)
		}
		c, _ = s.CountJobs(ctx, now.Add(time.Minute))
		if c.Running != 1 || c.Stale != 0 {
			t.Errorf("counts while running = %+v", c)
		}
		c, _ = s.CountJobs(ctx, now.Add(2*time.Minute))
		if c.Stale != 1 {
			t.Errorf("counts after the lease = %+v", c)
		}
		if dead, err := s.FailJob(ctx, j, "boom 2", now.Add(time.Hour)); err != nil || !dead {
			t.Fatalf("last failure: dead=%v err=%v", dead, err)
		}
		got, _ := s.JobByID(ctx, id)
		if got.State != sqlstore.JobDead || got.LastError != "boom 2" || got.FinishedAt == nil {
			t.Errorf("job = %+v", got)
		}
		c, _ = s.CountJobs(ctx, now)
		if (c != sqlstore.JobCounts{Dead: 1}) {
			t.Errorf("counts = %+v", c)
		}
		dead1, err := s.ListJobs(ctx, sqlstore.JobDead, 10)
		if err != nil || len(dead1) != 1 || dead1[0].ID != id {
			t.Errorf("dead list = %+v, %v", dead1, err)
		}
	})
}

func TestPruneJobsKeepsDeadAndRecent(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s, clock := newStore(t, b)
		for i := 0; i < 2; i++ {
			_, _, _ = s.EnqueueJob(ctx, sqlstore.NewJob{Kind: "k", MaxAttempts: 1})
		}
		js := claim(t, s, "a", clock.T, 2)
		if err := s.CompleteJob(ctx, js[0]); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FailJob(ctx, js[1], "boom", clock.T); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PruneJobs(ctx, clock.T); err != nil || n != 0 {
			t.Errorf("pruned %d %v before anything was old enough", n, err)
		}
		if n, err := s.PruneJobs(ctx, clock.T.Add(time.Second)); err != nil || n != 1 {
			t.Errorf("pruned %d %v, want the done job", n, err)
		}
		all, _ := s.ListJobs(ctx, "", 10)
		if len(all) != 1 || all[0].State != sqlstore.JobDead {
			t.Errorf("left %+v", all)
		}
	})
}
