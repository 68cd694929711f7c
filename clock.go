package nintei

import (
	"sync/atomic"
	"time"
)

// Clock gives the current time. Every date rule of the program (validity,
// renewal windows, throttling) reads time through a Clock so that tests and
// the demo can move it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock, in UTC.
type SystemClock struct{}

// Now returns the current UTC time.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// FixedClock is a settable clock for tests.
type FixedClock struct{ T time.Time }

// Now returns the fixed time.
func (c *FixedClock) Now() time.Time { return c.T }

// Advance moves the clock forward by d.
func (c *FixedClock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// OffsetClock is the wall clock moved by an offset that can be changed
// while it is read from many goroutines: the demo's clock, which an
// administrator moves forward to show the date rules at their boundary
// days. Time still runs; only the day it runs on changes.
type OffsetClock struct{ offset atomic.Int64 }

// Now returns the wall clock plus the offset, in UTC.
func (c *OffsetClock) Now() time.Time {
	return time.Now().UTC().Add(time.Duration(c.offset.Load()))
}

// Offset is how far the clock is from the wall clock.
func (c *OffsetClock) Offset() time.Duration { return time.Duration(c.offset.Load()) }

// Set moves the clock so that it reads t now.
func (c *OffsetClock) Set(t time.Time) { c.offset.Store(int64(time.Until(t))) }

// Reset puts the clock back on the wall clock.
func (c *OffsetClock) Reset() { c.offset.Store(0) }
