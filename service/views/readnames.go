package views

import (
	"context"
	"slices"
	"time"

	"nintei/application"
)

// names resolves the service and provider of every application a read
// model mentions, in at most two queries whatever their number: the
// applications not already read, then the names of their providers.
type names struct {
	apps      map[int64]application.Application
	providers map[int64]string // organisation ID → name
}

// readNames starts from the applications already read and reads the
// others in ids, then every provider's name.
func (s *Views) readNames(ctx context.Context, have []application.Application, ids []int64) (names, error) {
	n := names{apps: map[int64]application.Application{}}
	for _, a := range have {
		n.apps[a.ID] = a
	}
	var missing []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if _, ok := n.apps[id]; !ok && !seen[id] {
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
		n.apps[a.ID] = a
		if !seenOrg[a.OrgID] {
			seenOrg[a.OrgID] = true
			orgs = append(orgs, a.OrgID)
		}
	}
	n.providers, err = s.Store.OrgNames(ctx, orgs)
	return n, err
}

// service is the name of an application's service ("" when unknown).
func (n names) service(id int64) string { return n.apps[id].Title() }

// provider is the name of the provider of an application.
func (n names) provider(id int64) string {
	a, ok := n.apps[id]
	if !ok {
		return ""
	}
	return n.providers[a.OrgID]
}

// wholeDays counts the whole days in d (never negative).
func wholeDays(d time.Duration) int {
	return max(0, int(d/(24*time.Hour)))
}
