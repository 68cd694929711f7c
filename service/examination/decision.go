package examination

import (
	"context"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/policy"
	"nintei/review"
	"nintei/service/core"
	"nintei/store"
)

var (
	// errNotCertifiable names the items in the way; Kind conflict: the
	// request is well formed, the application's state refuses it (409).
	errNotCertifiable  = nintei.Errorf(nintei.KindConflict, "error.decision.not_certifiable")
	errNeedImprovement = nintei.Invalid("error.review.need_improvements", "improvements")
)

// Certify decides to certify. Only an application
// that meets the criteria is certified: the automatic verdict passes and
// every mandatory item is judged adequate by a reviewer. There is no
// override, whoever decides. The secretariat may add a note for the file,
// kept with the decision and shown to staff only. Reviewers assess; only
// the secretariat decides.
func (s *Examination) Certify(ctx context.Context, p core.Principal, id, version int64, note string) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	r, err := s.CertifyReadiness(ctx, a)
	if err != nil {
		return err
	}
	if !r.Certifiable() {
		return errNotCertifiable.With("Items", blockedItems(r.Blockers)).With("Count", len(r.Blockers))
	}
	d := review.Decision{Outcome: string(application.Certified), Note: strings.TrimSpace(note), DecidedBy: p.User.ID}
	return s.decide(ctx, p, a, version, application.EvCertify, d)
}

// Refuse decides not to certify; the decision lists the items needing
// improvement, with the explanation.
func (s *Examination) Refuse(ctx context.Context, p core.Principal, id, version int64, explanation string, improvements []review.Improvement) error {
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return err
	}
	explanation = strings.TrimSpace(explanation)
	var imps []review.Improvement
	for _, im := range improvements {
		if im.Note = strings.TrimSpace(im.Note); im.ItemID != "" && im.Note != "" {
			imps = append(imps, im)
		}
	}
	if explanation == "" || len(imps) == 0 {
		return errNeedImprovement
	}
	d := review.Decision{Outcome: string(application.NotCertified), Explanation: explanation, Improvements: imps, DecidedBy: p.User.ID}
	return s.decide(ctx, p, a, version, application.EvRefuse, d)
}

func (s *Examination) decide(ctx context.Context, p core.Principal, a application.Application, version int64, ev application.Event, d review.Decision) error {
	err := s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := s.Fire(ctx, tx, p, a, ev, version); err != nil {
			return err
		}
		if err := tx.InsertDecision(ctx, a.ID, d); err != nil {
			return err
		}
		switch {
		case ev == application.EvCertify && a.Kind == application.Renewal:
			if err := s.Renew(ctx, tx, p, a); err != nil {
				return err
			}
		case ev == application.EvCertify:
			if _, err := s.IssueCertification(ctx, tx, p, a); err != nil {
				return err
			}
		default: // refused: the files go back
			if _, err := tx.ListForReturn(ctx, a.ID, nil, store.ReturnNotCertified, s.Today().Format(core.DateLayout)); err != nil {
				return err
			}
			if err := s.RenewalEnded(ctx, tx, p, a); err != nil {
				return err
			}
		}
		e := core.Event(&p.User, "decision."+d.Outcome, "application", strconv.FormatInt(a.ID, 10))
		e.AfterDigest = nintei.StateDigest(d)
		if err := tx.Audit(ctx, e); err != nil {
			return err
		}
		return s.NotifyApplicant(ctx, tx, a, core.NoticeDecision[d.Outcome], nil)
	})
	return err
}

// Decision returns the decision for anyone who may see the application.
// The applicant's copy leaves out the staff's note.
func (s *Examination) Decision(ctx context.Context, p core.Principal, id int64) (review.Decision, error) {
	if _, err := s.Application(ctx, p, id); err != nil {
		return review.Decision{}, err
	}
	d, err := s.Store.Decision(ctx, id)
	if err == nil && !p.Can(policy.ReadApplications) {
		d.Note = ""
	}
	return d, err
}
