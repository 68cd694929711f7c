package core

import (
	"context"
	"slices"
	"time"

	"nintei/application"
)

// Names resolves the service and provider of every application a read
// model mentions, in at most two queries whatever their number: the
// applications not already read, then the names of their providers.
type Names struct {
	Apps      map[int64]application.Application
	providers map[int64]string // organisation ID → name
}

// ReadNames starts from the applications already read and reads the
// others in ids, then every provider's name.
func (s *Core) ReadNames(ctx context.Context, have []application.Application, ids []int64) (Names, error) {
	n := Names{Apps: map[int64]application.Application{}}
	for _, a := range have {
		n.Apps[a.ID] = a
	}
	var missing []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if _, ok := n.Apps[id]; !ok && !seen[id] {
			seen[id] = true
			missing = append(missing, id)
		}
	}
	more, err := s.Store.ApplicationsByID(ctx, missing)
	if err != nil {
		return n, err
	}
	var orgs []int64
	seenOrg := map[int64]bool{}
	for _, a := range append(slices.Clone(have), more...) {
		n.Apps[a.ID] = a
		if !seenOrg[a.OrgID] {
			seenOrg[a.OrgID] = true
			orgs = append(orgs, a.OrgID)
		}
	}
	n.providers, err = s.Store.OrgNames(ctx, orgs)
	return n, err
}

// Service is the name of an application's service ("" when unknown).
func (n Names) Service(id int64) string { return n.Apps[id].Title() }

// Provider is the name of the provider of an application.
func (n Names) Provider(id int64) string {
	a, ok := n.Apps[id]
	if !ok {
		return ""
	}
	return n.providers[a.OrgID]
}

// WholeDays counts the whole days in d (never negative).
func WholeDays(d time.Duration) int {
	return max(0, int(d/(24*time.Hour)))
}
