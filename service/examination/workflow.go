package examination

import (
	"context"
	"strconv"
	"time"

	"nintei/application"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// StartFormalReview takes a submitted application into formal review.
func (s *Examination) StartFormalReview(ctx context.Context, p core.Principal, id, version int64) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		_, err := s.Fire(ctx, tx, p, a, application.EvStartFormalReview, version)
		return err
	})
}

// RecordStaffView writes an audit event when staff open an applicant's
// non-public data: who looked at what, and when.
func (s *Examination) RecordStaffView(ctx context.Context, p core.Principal, id int64, what string) error {
	if !p.Can(policy.ReadApplications) {
		return nil
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(&p.User, "application.view", "application", strconv.FormatInt(id, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.ViewDetail{View: what})
	})
}

// StateDurations sums how long an application spent in each state so far
// time waiting for the applicant — returned, awaiting payment,
// inquiry — is kept apart from the body's review time).
func (s *Examination) StateDurations(ctx context.Context, p core.Principal, id int64) (map[application.State]time.Duration, error) {
	if _, err := s.Application(ctx, p, id); err != nil {
		return nil, err
	}
	hist, err := s.Store.StateHistory(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.durations(hist), nil
}

// durations sums one application's history by state.
func (s *Examination) durations(hist []core.StateEntry) map[application.State]time.Duration {
	out := map[application.State]time.Duration{}
	for i, h := range hist {
		end := s.Now()
		if i+1 < len(hist) {
			end = hist[i+1].EnteredAt
		}
		out[h.State] += end.Sub(h.EnteredAt)
	}
	return out
}
