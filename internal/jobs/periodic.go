package jobs

import (
	"context"
	"fmt"
	"time"

	"nintei"
)

// Period is when a periodic job runs: at every multiple of Every (counted
// from 0001-01-01 00:00 UTC, so a day starts at UTC midnight) shifted by
// Offset. A daily job at 03:00 JST is Period{Every: 24 * time.Hour, Offset:
// 18 * time.Hour}.
type Period struct {
	Every  time.Duration // at least a minute: ticks are named to the minute
	Offset time.Duration
}

// tick returns the start of the period that contains t.
func (p Period) tick(t time.Time) time.Time {
	t = t.UTC()
	return t.Add(-p.Offset).Truncate(p.Every).Add(p.Offset)
}

// TickPayload is the payload of a periodic job: the tick it is for, which
// stays the same when a failed attempt is retried later.
type TickPayload struct {
	Tick time.Time `json:"tick"`
}

// Tick returns the tick a periodic job is for.
func Tick(j Job) (time.Time, error) {
	var p TickPayload
	err := Decode(j, &p)
	return p.Tick, err
}

type periodic struct {
	kind   string
	period Period
	last   time.Time // the newest tick this runner scheduled; guarded by Runner.mu
}

// tickKey is the unique key of a tick's job.
func tickKey(kind string, tick time.Time) string {
	return kind + ":" + tick.UTC().Format("2006-01-02T15:04")
}

// Periodic registers h for kind and has the runner schedule a job of that
// kind for every tick of p it sees, at the tick's start. A tick no instance
// was running for is not made up later: on start the current tick is
// scheduled (and runs at once, since its time has come), earlier ones are
// skipped. It panics like Handle, and when p.Every is under a minute.
func (r *Runner) Periodic(kind string, p Period, h Handler) {
	if p.Every < time.Minute {
		panic(fmt.Sprintf("jobs: period of %q is under a minute", kind))
	}
	r.Handle(kind, h)
	r.periodics = append(r.periodics, &periodic{kind: kind, period: p})
}

// schedule enqueues the current tick of every periodic kind. The unique key
// makes the enqueue a no-op when another instance (or this one, before a
// restart) already did; remembering the last tick saves asking again at every
// poll.
func (r *Runner) schedule(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.clock.Now()
	for _, p := range r.periodics {
		tick := p.period.tick(now)
		if tick.Equal(p.last) {
			continue
		}
		_, _, err := Enqueue(ctx, r.store, p.kind, TickPayload{Tick: tick}, Spec{RunAt: tick, UniqueKey: tickKey(p.kind, tick)})
		if err != nil {
			return nintei.Wrap("jobs.schedule", err)
		}
		p.last = tick
	}
	return nil
}
