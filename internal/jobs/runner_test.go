package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"nintei"
	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

var ctx = context.Background()

func newClock() *nintei.FixedClock {
	return &nintei.FixedClock{T: time.Date(2026, 11, 27, 10, 3, 0, 0, time.UTC)}
}

func runDue(t *testing.T, r *jobs.Runner) int {
	t.Helper()
	n, err := r.RunDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRunDueFollowsTheClock(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock()
		s := b.OpenStore(t, testenv.Options{Clock: clock})
		r := jobs.New(s, clock, jobs.Options{})
		var got []string
		r.Handle("remind", func(ctx context.Context, j jobs.Job) error {
			var p struct{ Number string }
			if err := jobs.Decode(j, &p); err != nil {
				return err
			}
			got = append(got, p.Number)
			return nil
		})
		id, _, err := r.Enqueue(ctx, "remind", map[string]string{"Number": "IP-IoT 0001-2611"}, jobs.Spec{RunAt: clock.T.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Hour - time.Second)
		if n := runDue(t, r); n != 0 || len(got) != 0 {
			t.Fatalf("a second before run_at: ran %d", n)
		}
		clock.Advance(time.Second)
		if n := runDue(t, r); n != 1 || len(got) != 1 || got[0] != "IP-IoT 0001-2611" {
			t.Fatalf("at run_at: ran %d, got %v", n, got)
		}
		if n := runDue(t, r); n != 0 {
			t.Fatalf("a done job ran again: %d", n)
		}
		j, _ := s.JobByID(ctx, id)
		if j.State != sqlstore.JobDone || j.LockedBy != r.Worker() || j.Attempts != 1 {
			t.Errorf("job = %+v", j)
		}
	})
}

func TestRetriesWithBackoffThenDead(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock()
		s := b.OpenStore(t, testenv.Options{Clock: clock})
		r := jobs.New(s, clock, jobs.Options{})
		calls := 0
		r.Handle("flaky", func(ctx context.Context, j jobs.Job) error {
			calls++
			return errors.New("smtp: connection refused")
		})
		r.Handle("panicky", func(ctx context.Context, j jobs.Job) error { panic("nil map") })
		id, _, _ := r.Enqueue(ctx, "flaky", nil, jobs.Spec{MaxAttempts: 3})
		pid, _, _ := r.Enqueue(ctx, "panicky", nil, jobs.Spec{MaxAttempts: 1})
		runDue(t, r) // attempt 1 fails: the retry waits 30 s
		clock.Advance(29 * time.Second)
		runDue(t, r)
		if calls != 1 {
			t.Fatalf("retried before the backoff: %d calls", calls)
		}
		clock.Advance(time.Second)
		runDue(t, r) // attempt 2 fails: the retry waits 60 s
		clock.Advance(59 * time.Second)
		runDue(t, r)
		if calls != 2 {
			t.Fatalf("after the second backoff's start: %d calls, want 2", calls)
		}
		clock.Advance(time.Second)
		runDue(t, r) // attempt 3, the last
		clock.Advance(24 * time.Hour)
		runDue(t, r)
		if calls != 3 {
			t.Errorf("%d calls, want 3", calls)
		}
		j, _ := s.JobByID(ctx, id)
		if j.State != sqlstore.JobDead || j.Attempts != 3 || j.LastError != "smtp: connection refused" {
			t.Errorf("job = %+v", j)
		}
		p, _ := s.JobByID(ctx, pid)
		if p.State != sqlstore.JobDead || p.LastError == "" {
			t.Errorf("panicking job = %+v", p)
		}
		c, _ := s.CountJobs(ctx, clock.T)
		if (c != sqlstore.JobCounts{Dead: 2}) {
			t.Errorf("counts = %+v", c)
		}
	})
}

func TestDefaultBackoff(t *testing.T) {
	for attempt, want := range map[int]time.Duration{1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute,
		7: 32 * time.Minute, 8: time.Hour, 50: time.Hour} {
		if got := jobs.DefaultBackoff(attempt); got != want {
			t.Errorf("attempt %d: %v, want %v", attempt, got, want)
		}
	}
}

// A worker that stops answering loses its job when the lease ends; another
// worker runs it, and the first one's late transactional completion is
// refused, so the effect happens once.
func TestExpiredLeaseIsReclaimedAndTheEffectHappensOnce(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock()
		ss := b.OpenStores(t, 2, testenv.Options{Clock: clock})
		createEffects(t, ss[0])
		started, release, lateErr := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		slow := jobs.New(ss[0], clock, jobs.Options{Worker: "slow", Lease: time.Minute})
		slow.Handle("effect", func(ctx context.Context, j jobs.Job) error {
			close(started)
			<-release
			err := jobs.InTx(ctx, ss[0], j, insertEffect(ctx, j, "slow"))
			lateErr <- err
			return err
		})
		fast := jobs.New(ss[1], clock, jobs.Options{Worker: "fast", Lease: time.Minute})
		fast.Handle("effect", func(ctx context.Context, j jobs.Job) error {
			return jobs.InTx(ctx, ss[1], j, insertEffect(ctx, j, "fast"))
		})
		id, _, _ := slow.Enqueue(ctx, "effect", nil, jobs.Spec{})
		slowDone := make(chan struct{})
		go func() { defer close(slowDone); _, _ = slow.RunDue(ctx) }()
		<-started
		clock.Advance(59 * time.Second)
		if n := runDue(t, fast); n != 0 {
			t.Fatalf("claimed within the lease: %d", n)
		}
		clock.Advance(time.Second)
		if n := runDue(t, fast); n != 1 {
			t.Fatalf("after the lease: ran %d, want 1", n)
		}
		close(release)
		if err := <-lateErr; !errors.Is(err, nintei.ErrConflict) {
			t.Errorf("late completion: %v, want conflict", err)
		}
		<-slowDone
		if got := effects(t, ss[0]); len(got) != 1 || got[id] != "fast" {
			t.Errorf("effects = %v, want job %d once by fast", got, id)
		}
		j, _ := ss[0].JobByID(ctx, id)
		if j.State != sqlstore.JobDone || j.LockedBy != "fast" || j.Attempts != 2 {
			t.Errorf("job = %+v", j)
		}
	})
}

// Run keeps polling until its context ends, then lets the running job
// finish and returns.
func TestRunStopsGracefully(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock()
		s := b.OpenStore(t, testenv.Options{Clock: clock})
		r := jobs.New(s, clock, jobs.Options{PollInterval: 10 * time.Millisecond})
		started, release := make(chan struct{}), make(chan struct{})
		r.Handle("slow", func(ctx context.Context, j jobs.Job) error {
			close(started)
			<-release
			return ctx.Err()
		})
		id, _, _ := r.Enqueue(ctx, "slow", nil, jobs.Spec{})
		runCtx, stop := context.WithCancel(ctx)
		stopped := make(chan error)
		go func() { stopped <- r.Run(runCtx) }()
		<-started
		stop()
		close(release)
		if err := <-stopped; err != nil {
			t.Fatal(err)
		}
		j, _ := s.JobByID(ctx, id)
		if j.State != sqlstore.JobDone {
			t.Errorf("the job running at the stop: %+v, want done", j)
		}
	})
}

// A job still running when the grace ends sees its context cancelled and
// is retried later.
func TestRunCancelsJobsAfterTheGrace(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock()
		s := b.OpenStore(t, testenv.Options{Clock: clock})
		r := jobs.New(s, clock, jobs.Options{PollInterval: 10 * time.Millisecond, StopGrace: 10 * time.Millisecond})
		started := make(chan struct{})
		r.Handle("stuck", func(ctx context.Context, j jobs.Job) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		})
		id, _, _ := r.Enqueue(ctx, "stuck", nil, jobs.Spec{})
		runCtx, stop := context.WithCancel(ctx)
		stopped := make(chan error)
		go func() { stopped <- r.Run(runCtx) }()
		<-started
		stop()
		if err := <-stopped; err != nil {
			t.Fatal(err)
		}
		j, _ := s.JobByID(ctx, id)
		if j.State != sqlstore.JobQueued || j.Attempts != 1 || j.LastError != "context canceled" {
			t.Errorf("job = %+v, want queued for a retry", j)
		}
	})
}
