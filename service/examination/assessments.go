package examination

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/review"
	"nintei/service/core"
	"nintei/store"
)

// AssessItems saves several assessments at once (a section, or every item
// on the page) if the application is still at the version the reviewer
// loaded; otherwise nothing is saved and errStaleVersion says someone else
// changed it. An entry with no verdict leaves its item as it is (未評価
// stays 未評価); an unchanged one is not saved again. It returns how many
// were saved.
func (s *Examination) AssessItems(ctx context.Context, p core.Principal, id, version int64, in []review.Assessment) (int, error) {
	if !application.ByReviewer.Allows(p.User.Role) {
		return 0, nintei.Errorf(nintei.KindForbidden, "error.forbidden")
	}
	a, err := s.StaffApplication(ctx, p, id)
	if err != nil {
		return 0, err
	}
	if !inReview(a) {
		return 0, application.ErrNotNow.With("State", string(a.State))
	}
	changed, err := s.changedAssessments(ctx, a, in)
	if err != nil || len(changed) == 0 {
		return 0, err
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := tx.TouchApplication(ctx, id, version); errors.Is(err, nintei.ErrConflict) {
			return core.ErrStaleVersion
		} else if err != nil {
			return err
		}
		for _, as := range changed {
			as.AssessedBy = p.User.ID
			if err := tx.SaveAssessment(ctx, id, as); err != nil {
				return err
			}
			ev := core.Event(&p.User, "assessment.save", "application", strconv.FormatInt(id, 10))
			if err := core.AuditWithDetail(ctx, tx, ev, core.AssessmentDetail{Item: as.ItemID, Verdict: as.Verdict}); err != nil {
				return err
			}
		}
		return nil
	})
	return len(changed), err
}

// changedAssessments checks the entries (known items, known verdicts) and
// keeps those that change the stored assessment.
func (s *Examination) changedAssessments(ctx context.Context, a application.Application, in []review.Assessment) ([]review.Assessment, error) {
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return nil, err
	}
	stored, err := s.Store.Assessments(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	var out []review.Assessment
	for _, as := range in {
		as.Comment = strings.TrimSpace(as.Comment)
		if as.Verdict == "" {
			continue
		}
		if _, ok := ed.Item(as.ItemID); !ok {
			return nil, nintei.Invalid("error.formb.unknown_item", "item").With("Item", as.ItemID)
		}
		if as.Verdict != review.AssessOK && as.Verdict != review.AssessInquiry && as.Verdict != review.AssessNotMet {
			return nil, nintei.Invalid("error.review.verdict", "verdict")
		}
		if old, ok := stored[as.ItemID]; ok && old.Verdict == as.Verdict && old.Comment == as.Comment {
			continue
		}
		out = append(out, as)
	}
	return out, nil
}
