package examination

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
	"nintei/store"
)

// StartInvestigation begins an on-site investigation.
func (s *Examination) StartInvestigation(ctx context.Context, p core.Principal, id, version int64) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		_, err := s.Fire(ctx, tx, p, a, application.EvStartInvestigation, version)
		return err
	})
}

// RecordInvestigation stores the investigation's date, place, participants
// and report, and returns the application to document review.
func (s *Examination) RecordInvestigation(ctx context.Context, p core.Principal, id, version int64, inv review.Investigation) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	if !core.ValidDate(inv.HeldOn) {
		return nintei.Invalid("error.forma.date", "held_on")
	}
	if strings.TrimSpace(inv.Place) == "" || strings.TrimSpace(inv.Report) == "" {
		return nintei.Invalid("error.required", "report")
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvEndInvestigation, version); err != nil {
			return err
		}
		if err := tx.InsertInvestigation(ctx, id, inv, p.User.ID); err != nil {
			return err
		}
		ev := core.Event(&p.User, "investigation.record", "application", strconv.FormatInt(id, 10))
		ev.AfterDigest = nintei.StateDigest(inv)
		return tx.Audit(ctx, ev)
	})
}

// ReferToCommittee assigns committee members and hears their opinion.
func (s *Examination) ReferToCommittee(ctx context.Context, p core.Principal, id, version int64, memberIDs []int64) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	if len(memberIDs) == 0 {
		return nintei.Invalid("error.review.no_members", "members")
	}
	for _, uid := range memberIDs {
		u, err := s.Store.User(ctx, uid)
		if err != nil || !policy.Allows(u.Role, policy.GiveOpinion) {
			return nintei.Invalid("error.review.not_committee", "members")
		}
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvReferToCommittee, version); err != nil {
			return err
		}
		for _, uid := range memberIDs {
			if err := tx.AssignMember(ctx, id, uid); err != nil {
				return err
			}
		}
		ev := core.Event(&p.User, "committee.assign", "application", strconv.FormatInt(id, 10))
		ev.AfterDigest = nintei.StateDigest(memberIDs)
		return tx.Audit(ctx, ev)
	})
}

var errNotMember = nintei.Errorf(nintei.KindForbidden, "error.review.not_member")

// DeclareConflict records a committee member's conflict-of-interest
// declaration on an application they are assigned to.
func (s *Examination) DeclareConflict(ctx context.Context, p core.Principal, id int64, conflict bool, text string) error {
	return s.memberAction(ctx, p, id, "committee.declare", func(tx store.Tx) error {
		return tx.Declare(ctx, id, p.User.ID, conflict, strings.TrimSpace(text))
	})
}

// GiveOpinion records a committee member's opinion. A member who declared
// a conflict of interest may not give one.
func (s *Examination) GiveOpinion(ctx context.Context, p core.Principal, id int64, opinion string) error {
	members, err := s.Store.Members(ctx, id)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.UserID == p.User.ID && (m.Conflict == nil || *m.Conflict) {
			return nintei.Errorf(nintei.KindConflict, "error.review.declare_first")
		}
	}
	if opinion = strings.TrimSpace(opinion); opinion == "" {
		return nintei.Invalid("error.required", "opinion")
	}
	return s.memberAction(ctx, p, id, "committee.opinion", func(tx store.Tx) error {
		return tx.SaveOpinion(ctx, id, p.User.ID, opinion)
	})
}

func (s *Examination) memberAction(ctx context.Context, p core.Principal, id int64, action string, do func(store.Tx) error) error {
	if err := p.May(policy.GiveOpinion); err != nil {
		return err
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	if a.State != application.Committee {
		return application.ErrNotNow.With("State", string(a.State))
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := do(tx); errors.Is(err, nintei.ErrNotFound) {
			return errNotMember
		} else if err != nil {
			return err
		}
		return tx.Audit(ctx, core.Event(&p.User, action, "application", strconv.FormatInt(id, 10)))
	})
}

// ConcludeCommittee records the meeting's conclusion and returns the
// application to the secretariat for the decision.
func (s *Examination) ConcludeCommittee(ctx context.Context, p core.Principal, id, version int64, conclusion, metOn string) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	if conclusion = strings.TrimSpace(conclusion); conclusion == "" {
		return nintei.Invalid("error.required", "conclusion")
	}
	if !core.ValidDate(metOn) {
		return nintei.Invalid("error.forma.date", "met_on")
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, application.EvCommitteeConcluded, version); err != nil {
			return err
		}
		return tx.Conclude(ctx, id, conclusion, metOn, p.User.ID)
	})
}

// Committee returns the members, their declarations and opinions, and the
// conclusion — to staff only: applicants never see them.
func (s *Examination) Committee(ctx context.Context, p core.Principal, id int64) ([]review.Member, string, string, error) {
	if _, err := s.StaffApplication(ctx, p, id); err != nil {
		return nil, "", "", err
	}
	members, err := s.Store.Members(ctx, id)
	if err != nil {
		return nil, "", "", err
	}
	conclusion, metOn, err := s.Store.Conclusion(ctx, id)
	return members, conclusion, metOn, err
}

// Investigations lists the investigation records, to staff only.
func (s *Examination) Investigations(ctx context.Context, p core.Principal, id int64) ([]review.Investigation, error) {
	if _, err := s.StaffApplication(ctx, p, id); err != nil {
		return nil, err
	}
	return s.Store.Investigations(ctx, id)
}
