package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"nintei"
	"nintei/store"
)

// Handler does one job. Returning nil completes the job (if the handler has
// not already completed it in its own transaction, see InTx); an error or a
// panic counts as a failed attempt. ctx ends when the lease would, or when
// the runner stops and its grace has passed.
type Handler func(ctx context.Context, j Job) error

// Options tune a Runner; zero values take the defaults.
type Options struct {
	Worker       string        // names this instance in locked_by; default host-pid-random
	PollInterval time.Duration // how often Run looks for due jobs; default 5s
	Workers      int           // jobs run at once; default 2
	Lease        time.Duration // how long a claim lasts, in clock time; default 5m
	Backoff      func(attempt int) time.Duration
	StopGrace    time.Duration // how long Run waits for running jobs after ctx ends; default 10s
	Log          *slog.Logger
	// Observe, when set, is told of every attempt: the job's kind, the
	// handler's error (nil when it succeeded) and how long it took. It
	// feeds the metrics without this package knowing them.
	Observe func(kind string, err error, d time.Duration)
}

// DefaultBackoff waits 30 s after the first failed attempt and doubles each
// time, up to an hour.
func DefaultBackoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// Runner claims due jobs and runs their handlers. Register every handler
// before the first Run or RunDue.
type Runner struct {
	store     Queue
	clock     nintei.Clock
	o         Options
	handlers  map[string]Handler
	periodics []*periodic
	kinds     []string
	started   atomic.Bool
	mu        sync.Mutex // guards the periodics' last ticks
}

// Queue is the jobs table as a Runner uses it: a store.Store or a
// *sqlstore.Store.
type Queue interface {
	Enqueuer
	Completer
	ClaimJobs(ctx context.Context, c store.JobClaim) ([]Job, error)
	FailJob(ctx context.Context, j Job, reason string, retryAt time.Time) (dead bool, err error)
}

// New returns a runner over the queue q that reads time from clock.
func New(q Queue, clock nintei.Clock, o Options) *Runner {
	if o.Worker == "" {
		o.Worker = defaultWorker()
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 5 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.Lease <= 0 {
		o.Lease = 5 * time.Minute
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.StopGrace <= 0 {
		o.StopGrace = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Runner{store: q, clock: clock, o: o, handlers: map[string]Handler{}}
}

func defaultWorker() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Worker returns the name this runner claims jobs under.
func (r *Runner) Worker() string { return r.o.Worker }

// Handle registers the handler of a kind. Like http.ServeMux it panics on a
// second handler for a kind, and after the runner has started.
func (r *Runner) Handle(kind string, h Handler) {
	if r.started.Load() {
		panic("jobs: Handle after the runner started")
	}
	if _, dup := r.handlers[kind]; dup || kind == "" {
		panic(fmt.Sprintf("jobs: kind %q registered twice or empty", kind))
	}
	r.handlers[kind] = h
}

// Enqueue schedules a job on the runner's store (see the package function).
func (r *Runner) Enqueue(ctx context.Context, kind string, payload any, s Spec) (int64, bool, error) {
	return Enqueue(ctx, r.store, kind, payload, s)
}

// start freezes the registrations; the kinds are what claims ask for.
func (r *Runner) start() {
	if r.started.Swap(true) {
		return
	}
	for k := range r.handlers {
		r.kinds = append(r.kinds, k)
	}
	sort.Strings(r.kinds)
}

func (r *Runner) claim(ctx context.Context, limit int) ([]Job, error) {
	return r.store.ClaimJobs(ctx, store.JobClaim{Worker: r.o.Worker, Now: r.clock.Now(),
		Lease: r.o.Lease, Limit: limit, Kinds: r.kinds})
}
