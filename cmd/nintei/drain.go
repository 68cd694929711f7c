package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"nintei/internal/blob"
)

// drain is the graceful stop of `nintei serve`. On SIGTERM /readyz answers
// 503 at once while the listener keeps taking requests for the shutdown
// delay (a load balancer polling /readyz stops sending new ones); then the
// listener closes and the requests in flight have until the drain period
// after the signal to finish. Those still running then are cut off: their
// connections are closed and their contexts cancelled, so an upload's
// temporary file is removed by the handler that wrote it, and serve
// returns an error (exit status 1) instead of nil.
type drain struct {
	stopping atomic.Bool
	inflight sync.WaitGroup
	// base is the context of every request; cancelled only when the drain
	// period is over.
	base   context.Context
	cancel context.CancelFunc
}

func newDrain() *drain {
	d := &drain{}
	d.base, d.cancel = context.WithCancel(context.Background())
	return d
}

// errStopping is what /readyz logs once the stop has begun.
var errStopping = errors.New("shutting down")

// track counts the requests being served.
func (d *drain) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.inflight.Add(1)
		defer d.inflight.Done()
		h.ServeHTTP(w, r)
	})
}

// ready is the readiness probe: not ready once the stop has begun or when
// the database does not answer. The evidence store is checked apart, by
// degraded.
func (d *drain) ready(a *app) func() error {
	return func() error {
		if d.stopping.Load() {
			return errStopping
		}
		ctx, cancel := context.WithTimeout(d.base, 2*time.Second)
		defer cancel()
		return a.store.Ping(ctx)
	}
}

// degraded reports an evidence store that does not answer (S3 down): the
// instance still serves the registry and every page without files, so it
// stays in the load balancer and /readyz says what is wrong.
func degraded(a *app) func() error {
	p, ok := a.blobs.(blob.Pinger)
	if !ok {
		return nil
	}
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return p.Ping(ctx)
	}
}

// stop runs the graceful stop of hs (see drain). It returns nil when every
// request finished within the drain period.
func (d *drain) stop(hs *http.Server, delay, period time.Duration, log *slog.Logger) error {
	d.stopping.Store(true)
	deadline := time.Now().Add(period)
	log.Info("stopping: /readyz answers 503; draining", "delay", delay.String(), "drain", period.String())
	time.Sleep(delay)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	err := hs.Shutdown(ctx)
	if err == nil || errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	// Cut off what is left, and wait (briefly) for the handlers to return
	// so that they clean up after themselves.
	_ = hs.Close()
	d.cancel()
	done := make(chan struct{})
	go func() { d.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	return fmt.Errorf("stopped after the drain period of %v with requests still running; they were cut off", period)
}
