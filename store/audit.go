package store

import (
	"time"
)

// AuditQuery selects events for the audit log page. Zero fields select
// everything.
type AuditQuery struct {
	ObjectType   string
	ObjectID     string
	ActorID      int64 // with HasActor; 0 is the system or the command line
	HasActor     bool
	Action       string    // one action exactly
	ActionPrefix string    // actions starting with this, e.g. "application."
	Views        AuditKind // changes, page views or both
	From, Until  time.Time // at >= From, at < Until (zero: open)
	BeforeSeq    int64     // page backwards from this sequence number; 0 = newest
	Limit        int
}

// AuditKind tells page views (actions ending in ".view", R-12) from changes.
type AuditKind int

// The kinds of audit events a query selects.
const (
	AuditAll AuditKind = iota
	AuditChanges
	AuditViews
)
