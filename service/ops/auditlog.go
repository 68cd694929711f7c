package ops

import (
	"context"
	"strconv"
	"time"

	"nintei"
	"nintei/application"
	"nintei/civil"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// AuditFilter selects audit events for the audit log page, its CSV and
// the API. Zero fields select everything.
type AuditFilter struct {
	ActorID    int64 // with HasActor; 0 is the system or the command line
	HasActor   bool
	Kind       string // the action's group: "application", "user", … (the part before the first dot)
	Action     string // one action exactly
	ObjectType string
	ObjectID   string
	From, To   civil.Date // days in Japan time, both included
	Show       string     // "changes" (also ""), "views" (page views, R-12) or "all"
	BeforeSeq  int64      // page backwards from this sequence number
	Limit      int        // at most 500; 100 when zero
}

// AuditTarget is what an event acted on, named for people: Label is the
// service name of an application the viewer may open, a user's name, a
// certification's number; Openable says whether the viewer may open it.
type AuditTarget struct {
	Type     string
	ID       string
	Label    string
	Openable bool
}

// AuditEntry is an audit event with its actor's name and its target.
type AuditEntry struct {
	Event     nintei.AuditEvent
	ActorName string // the user's name now; the recorded label when the user is gone or the system acted
	Target    AuditTarget
}

// AuditLog lists the filtered trail, newest first. The trail itself is
// read as stored: names and labels are looked up, never written back.
func (s *Ops) AuditLog(ctx context.Context, p core.Principal, f AuditFilter) ([]AuditEntry, error) {
	if err := p.May(policy.ReadAudit); err != nil {
		return nil, err
	}
	events, err := s.Store.AuditEvents(ctx, f.query())
	if err != nil {
		return nil, err
	}
	names, err := s.userNames(ctx)
	if err != nil {
		return nil, err
	}
	apps := map[string]application.Application{}
	out := make([]AuditEntry, 0, len(events))
	for _, e := range events {
		name := names[e.ActorID]
		if e.ActorID == 0 || name == "" {
			name = e.ActorLabel
		}
		out = append(out, AuditEntry{Event: e, ActorName: name, Target: s.auditTarget(ctx, p, e, names, apps)})
	}
	return out, nil
}

// query is the store's form of the filter: days become JST instants.
func (f AuditFilter) query() store.AuditQuery {
	q := store.AuditQuery{ObjectType: f.ObjectType, ObjectID: f.ObjectID, ActorID: f.ActorID, HasActor: f.HasActor,
		Action: f.Action, BeforeSeq: f.BeforeSeq, Limit: f.Limit, Views: store.AuditChanges}
	if f.Kind != "" {
		q.ActionPrefix = f.Kind + "."
	}
	switch f.Show {
	case "views":
		q.Views = store.AuditViews
	case "all":
		q.Views = store.AuditAll
	}
	if !f.From.IsZero() {
		q.From = jstMidnight(f.From)
	}
	if !f.To.IsZero() {
		q.Until = jstMidnight(f.To.AddDays(1))
	}
	return q
}

func jstMidnight(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, core.JST).UTC()
}

// AuditActors lists the people who may appear as actors, for the filter.
func (s *Ops) AuditActors(ctx context.Context, p core.Principal) ([]nintei.User, error) {
	if err := p.May(policy.ReadAudit); err != nil {
		return nil, err
	}
	return s.Store.AllUsers(ctx)
}

func (s *Ops) userNames(ctx context.Context) (map[int64]string, error) {
	users, err := s.Store.AllUsers(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	return names, nil
}

// auditTarget names an event's object and says whether the viewer may open
// it: an application that is no longer a draft (drafts are the provider's,
// R-12), a certification (its registry entry), a user for whoever manages
// users. Applications are looked up once per page (apps caches them).
func (s *Ops) auditTarget(ctx context.Context, p core.Principal, e nintei.AuditEvent, names map[int64]string,
	apps map[string]application.Application) AuditTarget {
	t := AuditTarget{Type: e.ObjectType, ID: e.ObjectID}
	switch e.ObjectType {
	case "application":
		a, ok := apps[e.ObjectID]
		if !ok {
			id, _ := strconv.ParseInt(e.ObjectID, 10, 64)
			a, _ = s.Store.Application(ctx, id)
			apps[e.ObjectID] = a
		}
		if a.ID != 0 && a.State != application.Draft && p.Can(policy.ReadApplications) {
			t.Label, t.Openable = a.Title(), true
		}
	case "certification":
		t.Label, t.Openable = e.ObjectID, true
	case "user":
		id, _ := strconv.ParseInt(e.ObjectID, 10, 64)
		t.Label, t.Openable = names[id], p.Can(policy.ManageUsers) && names[id] != ""
	}
	return t
}
