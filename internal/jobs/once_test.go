package jobs_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// createEffects makes the table test handlers write their effect into. It
// has no unique constraint, so a repeated effect would show as a second row.
func createEffects(t *testing.T, s *sqlstore.Store) {
	if _, err := s.DB().Exec("CREATE TABLE effects (job_id BIGINT NOT NULL, worker TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
}

func insertEffect(ctx context.Context, j jobs.Job, worker string) func(tx *sqlstore.Tx) error {
	return func(tx *sqlstore.Tx) error {
		var id int64
		return tx.RawQueryRow(ctx, "INSERT INTO effects (job_id, worker) VALUES (?, ?) RETURNING job_id", j.ID, worker).Scan(&id)
	}
}

// effects returns the worker of each job's effect; it fails the test when a
// job has more than one.
func effects(t *testing.T, s *sqlstore.Store) map[int64]string {
	t.Helper()
	rows, err := s.DB().Query("SELECT job_id, worker FROM effects")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var w string
		if err := rows.Scan(&id, &w); err != nil {
			t.Fatal(err)
		}
		if prev, dup := out[id]; dup {
			t.Errorf("job %d took effect twice (%s, %s)", id, prev, w)
		}
		out[id] = w
	}
	return out
}

// Two instances (two stores, two runners) on one database race over 200
// jobs: each job takes effect exactly once and its handler runs once.
func TestTwoRunnersRunEachJobOnce(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock()
		ss := b.OpenStores(t, 2, testenv.Options{Clock: clock})
		createEffects(t, ss[0])
		var calls sync.Map // job ID -> *atomic.Int32
		runners := make([]*jobs.Runner, 2)
		for i, s := range ss {
			worker := fmt.Sprintf("w%d", i)
			runners[i] = jobs.New(s, clock, jobs.Options{Worker: worker, Workers: 4})
			runners[i].Handle("effect", func(ctx context.Context, j jobs.Job) error {
				n, _ := calls.LoadOrStore(j.ID, new(atomic.Int32))
				n.(*atomic.Int32).Add(1)
				return jobs.InTx(ctx, s, j, insertEffect(ctx, j, worker))
			})
		}
		const total = 200
		for i := 0; i < total; i++ {
			if _, _, err := runners[0].Enqueue(ctx, "effect", map[string]int{"n": i}, jobs.Spec{}); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		ran := make([]int, 2)
		for i, r := range runners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := r.RunDue(ctx)
				if err != nil {
					t.Error(err)
				}
				ran[i] = n
			}()
		}
		wg.Wait()
		got := effects(t, ss[0])
		if len(got) != total {
			t.Errorf("%d jobs took effect, want %d", len(got), total)
		}
		calls.Range(func(id, n any) bool {
			if c := n.(*atomic.Int32).Load(); c != 1 {
				t.Errorf("job %d: handler ran %d times", id, c)
			}
			return true
		})
		c, _ := ss[1].CountJobs(ctx, clock.T)
		if (c != sqlstore.JobCounts{Done: total}) {
			t.Errorf("counts = %+v", c)
		}
		t.Logf("runs: w0 %d, w1 %d", ran[0], ran[1])
	})
}

// Periodic jobs scheduled by two instances exist once per tick, and a
// restarted instance does not schedule the tick again.
func TestPeriodicOneJobPerTick(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		clock := newClock() // 10:03
		ss := b.OpenStores(t, 2, testenv.Options{Clock: clock})
		var mu sync.Mutex
		var ticks []time.Time
		sweep := func(ctx context.Context, j jobs.Job) error {
			tick, err := jobs.Tick(j)
			mu.Lock()
			ticks = append(ticks, tick)
			mu.Unlock()
			return err
		}
		newRunners := func() []*jobs.Runner {
			var rs []*jobs.Runner
			for _, s := range ss {
				r := jobs.New(s, clock, jobs.Options{})
				r.Periodic("sweep", jobs.Period{Every: 10 * time.Minute}, sweep)
				rs = append(rs, r)
			}
			return rs
		}
		both := func(rs []*jobs.Runner) {
			var wg sync.WaitGroup
			for _, r := range rs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := r.RunDue(ctx); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
		}
		rs := newRunners()
		both(rs)
		clock.Advance(5 * time.Minute) // 10:08, same tick
		both(rs)
		both(newRunners())             // restarted instances
		clock.Advance(2 * time.Minute) // 10:10, the next tick
		both(rs)
		want := []time.Time{time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), time.Date(2026, 11, 27, 10, 10, 0, 0, time.UTC)}
		if len(ticks) != len(want) || !ticks[0].Equal(want[0]) || !ticks[1].Equal(want[1]) {
			t.Errorf("ran ticks %v, want %v", ticks, want)
		}
		all, _ := ss[0].ListJobs(ctx, "", 10)
		var keys []string
		for _, j := range all {
			keys = append(keys, j.UniqueKey)
		}
		if len(keys) != 2 || keys[0] != "sweep:2026-11-27T10:10" || keys[1] != "sweep:2026-11-27T10:00" {
			t.Errorf("jobs %v, want one per tick", keys)
		}
	})
}

func TestPeriodOffset(t *testing.T) {
	// Daily at 03:00 JST (18:00 UTC): at 2026-11-27 10:00 UTC the current
	// tick began at 2026-11-26 18:00 UTC.
	clock := newClock()
	s := testenv.Backends(t)[0].OpenStore(t, testenv.Options{Clock: clock})
	r := jobs.New(s, clock, jobs.Options{})
	var got time.Time
	r.Periodic("daily", jobs.Period{Every: 24 * time.Hour, Offset: 18 * time.Hour}, func(ctx context.Context, j jobs.Job) error {
		var err error
		got, err = jobs.Tick(j)
		return err
	})
	runDue(t, r)
	if want := time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("tick %v, want %v", got, want)
	}
}
