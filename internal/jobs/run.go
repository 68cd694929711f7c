package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"nintei"
)

// Run schedules periodic ticks and runs due jobs, polling every
// PollInterval (and again as soon as a job finishes), until ctx ends. Then it
// claims nothing more and waits for the running jobs; after StopGrace their
// contexts are cancelled and their attempts recorded as failed. It returns
// nil after a stop.
func (r *Runner) Run(ctx context.Context) error {
	r.start()
	// Handlers outlive ctx by the grace period, so a stop does not cut a
	// transaction short.
	hctx, cancelHandlers := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelHandlers()
	slots := make(chan struct{}, r.o.Workers)
	finished := make(chan struct{}, r.o.Workers)
	var wg sync.WaitGroup
	tick := time.NewTicker(r.o.PollInterval)
	defer tick.Stop()
	for {
		r.poll(ctx, hctx, slots, finished, &wg)
		select {
		case <-ctx.Done():
			r.drain(&wg, cancelHandlers)
			return nil
		case <-tick.C:
		case <-finished:
		}
	}
}

// poll claims as many due jobs as there are free slots and starts them.
func (r *Runner) poll(ctx, hctx context.Context, slots, finished chan struct{}, wg *sync.WaitGroup) {
	if err := r.schedule(ctx); err != nil && ctx.Err() == nil {
		r.o.Log.Error("jobs: scheduling periodic jobs", "err", err)
	}
	free := cap(slots) - len(slots)
	if free == 0 {
		return
	}
	js, err := r.claim(ctx, free)
	if err != nil {
		if ctx.Err() == nil {
			r.o.Log.Error("jobs: claiming", "err", err)
		}
		return
	}
	for _, j := range js {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.run(hctx, j)
			<-slots
			select {
			case finished <- struct{}{}:
			default:
			}
		}()
	}
}

func (r *Runner) drain(wg *sync.WaitGroup, cancelHandlers context.CancelFunc) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	t := time.NewTimer(r.o.StopGrace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		r.o.Log.Warn("jobs: stop grace over, cancelling running jobs")
		cancelHandlers()
		<-done
	}
}

// RunDue schedules the current periodic ticks and runs every job due at the
// clock's current time, Workers at a time, returning when none is left
// (jobs retried later are not due now). It reports how many attempts it ran;
// failed attempts are recorded on the jobs, not returned. Tests call it
// instead of Run so they never wait.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	r.start()
	if err := r.schedule(ctx); err != nil {
		return 0, err
	}
	n := 0
	for {
		js, err := r.claim(ctx, r.o.Workers)
		if err != nil || len(js) == 0 {
			return n, err
		}
		var wg sync.WaitGroup
		for _, j := range js {
			wg.Add(1)
			go func() { defer wg.Done(); r.run(ctx, j) }()
		}
		wg.Wait()
		n += len(js)
	}
}

// run calls the handler of one claimed job and records the outcome.
func (r *Runner) run(ctx context.Context, j Job) {
	log := r.o.Log.With("job", j.ID, "kind", j.Kind, "attempt", j.Attempts)
	jctx, cancel := context.WithTimeout(ctx, r.o.Lease)
	began := time.Now()
	err := call(jctx, r.handlers[j.Kind], j)
	cancel()
	if r.o.Observe != nil {
		r.o.Observe(j.Kind, err, time.Since(began))
	}
	// The bookkeeping is written even when ctx has ended (a stop).
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err == nil {
		if err := r.store.CompleteJob(bctx, j); err != nil {
			log.Warn("jobs: done, but the claim was lost; another worker may run it again", "err", err)
		}
		return
	}
	dead, ferr := r.store.FailJob(bctx, j, truncate(err.Error(), 2000), r.clock.Now().Add(r.o.Backoff(j.Attempts)))
	switch {
	case ferr != nil:
		log.Warn("jobs: failed, and the claim was lost", "err", err, "record_err", ferr)
	case dead:
		log.Error("jobs: failed for the last time; the job is dead", "err", err)
	default:
		log.Warn("jobs: failed; will retry", "err", err)
	}
}

// call runs h, turning a panic into an error so one bad job cannot take the
// instance down.
func call(ctx context.Context, h Handler, j Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = nintei.Wrap("jobs.handler", fmt.Errorf("panic: %v", p))
		}
	}()
	if h == nil { // a claim only asks for registered kinds; this is a bug
		return nintei.Wrap("jobs.handler", errors.New("no handler for "+j.Kind))
	}
	return h(ctx, j)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
