package apply

import (
	"context"
	"slices"
	"strconv"

	"nintei"
	"nintei/formb"
	"nintei/service/core"
	"nintei/store"
)

// MarksOf converts stored marks to formb's.
func MarksOf(ms []store.FormBMark) []formb.Mark {
	out := make([]formb.Mark, 0, len(ms))
	for _, m := range ms {
		out = append(out, formb.Mark{ItemID: m.ItemID, Kind: m.Kind, Map: m.Map, From: m.From})
	}
	return out
}

// ConfirmMarks records that the applicant has answered or looked again at
// items marked when the form moved to a new edition; marks of other items
// are ignored, so a stale editor page cannot fail the save it came with.
func (s *Apply) ConfirmMarks(ctx context.Context, p core.Principal, id int64, itemIDs []string) error {
	a, err := s.EditableApplication(ctx, p, id)
	if err != nil {
		return err
	}
	marks, err := s.Store.FormBMarks(ctx, a.ID)
	if err != nil {
		return err
	}
	var clear []string
	for _, m := range marks {
		if slices.Contains(itemIDs, m.ItemID) {
			clear = append(clear, m.ItemID)
		}
	}
	if len(clear) == 0 {
		return nil
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := tx.ClearFormBMarks(ctx, a.ID, clear); err != nil {
			return err
		}
		ev := core.Event(&p.User, "application.form_b.confirm", "application", strconv.FormatInt(a.ID, 10))
		ev.AfterDigest = nintei.StateDigest(clear)
		return core.AuditWithDetail(ctx, tx, ev, core.FormBSaveDetail{Items: len(clear)})
	})
}
