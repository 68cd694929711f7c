package views

import (
	"context"
	"errors"
	"slices"
	"time"

	"nintei/application"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// The kinds of a committee member's work (CommitteeWork.Items).
const (
	CommitteeDeclare = "declare" // the conflict-of-interest declaration is missing
	CommitteeOpinion = "opinion" // declared without a conflict; the opinion is missing
)

// CommitteeWork is a committee member's dashboard: the cases before the
// committee that wait for their declaration or their opinion, oldest
// first.
type CommitteeWork struct {
	Groups []InboxGroup // CommitteeDeclare, then CommitteeOpinion
}

// Total is how many cases wait for the member.
func (w CommitteeWork) Total() int { return Inbox{Groups: w.Groups}.Total() }

// CommitteeWork assembles a member's work in at most four queries: only
// the member's own seats are read.
func (s *Views) CommitteeWork(ctx context.Context, p core.Principal) (CommitteeWork, error) {
	var w CommitteeWork
	if err := p.May(policy.GiveOpinion); err != nil {
		return w, err
	}
	seats, err := s.Store.CommitteeSeats(ctx, p.User.ID)
	if err != nil {
		return w, err
	}
	latest, err := s.Store.LatestStates(ctx, application.Committee)
	if err != nil {
		return w, err
	}
	ids := make([]int64, len(seats))
	for i, st := range seats {
		ids[i] = st.ApplicationID
	}
	n, err := s.readNames(ctx, nil, ids)
	if err != nil {
		return w, err
	}
	now := s.Now()
	byKind := map[string][]InboxItem{}
	for _, st := range seats {
		kind := CommitteeDeclare
		if st.Declared {
			if st.Conflict || st.Opined {
				continue
			}
			kind = CommitteeOpinion
		}
		since := latest[st.ApplicationID].EnteredAt
		byKind[kind] = append(byKind[kind], InboxItem{Kind: kind, ApplicationID: st.ApplicationID, State: application.Committee,
			Service: n.service(st.ApplicationID), Provider: n.provider(st.ApplicationID), Since: since,
			Days: wholeDays(now.Sub(since))})
	}
	for _, k := range []string{CommitteeDeclare, CommitteeOpinion} {
		items := byKind[k]
		slices.SortStableFunc(items, func(x, y InboxItem) int { return x.Since.Compare(y.Since) })
		w.Groups = append(w.Groups, InboxGroup{Kind: k, Items: items})
	}
	return w, nil
}

// Job is a background job, for the administrator's dashboard.
type Job = store.Job

// AdminWork is the administrator's dashboard: the users by role, the
// catalog editions and the background jobs that failed.
type AdminWork struct {
	Users      map[string]int // active users by role
	UserTotal  int
	Editions   []core.CatalogEdition
	FailedJobs []Job // given up after their last attempt, newest first (at most AdminFailedJobs)
	Retrying   int64 // waiting for another attempt after a failure
}

// AdminFailedJobs is how many failed jobs the dashboard lists.
const AdminFailedJobs = 20

// AdminWork assembles the administrator's dashboard in four queries.
func (s *Views) AdminWork(ctx context.Context, p core.Principal) (AdminWork, error) {
	var w AdminWork
	if err := p.May(policy.ManageJobs); err != nil {
		return w, err
	}
	errs := make([]error, 4)
	w.Users, errs[0] = s.Store.UserCounts(ctx)
	w.Editions, errs[1] = s.Store.Editions(ctx)
	w.FailedJobs, errs[2] = s.Store.ListJobs(ctx, store.JobDead, AdminFailedJobs)
	var counts store.JobCounts
	counts, errs[3] = s.Store.CountJobs(ctx, time.Now())
	w.Retrying = counts.Retrying
	for _, n := range w.Users {
		w.UserTotal += n
	}
	return w, errors.Join(errs...)
}
