package service

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/policy"
	"nintei/registry"
	"nintei/sqlstore"
)

// RequestWithholding asks the body to withhold chosen published answers
// until a date, for a stated reason. The applicant of a certified
// service files it; the secretariat decides.
func (s *Service) RequestWithholding(ctx context.Context, p Principal, appID int64, itemIDs []string, reason, until string) error {
	if err := p.may(policy.RequestWithholding); err != nil {
		return err
	}
	a, err := s.store.ApplicationOfOrg(ctx, p.User.OrgID, appID)
	if err != nil {
		return err
	}
	if a.State != application.Certified {
		return application.ErrNotNow.With("State", string(a.State))
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	if len(itemIDs) == 0 {
		return nintei.Invalid("error.withholding.items", "items")
	}
	for _, id := range itemIDs {
		if _, ok := ed.Item(id); !ok {
			return nintei.Invalid("error.formb.unknown_item", "items").With("Item", id)
		}
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return nintei.Invalid("error.required", "reason")
	}
	if !validDate(until) || until <= s.Today().Format("2006-01-02") {
		return nintei.Invalid("error.withholding.until", "until")
	}
	return s.store.InTx(ctx, func(tx *sqlstore.Tx) error {
		id, err := tx.InsertWithholding(ctx, sqlstore.Withholding{ApplicationID: appID, ItemIDs: itemIDs, Reason: reason, Until: until}, p.User.ID)
		if err != nil {
			return err
		}
		return tx.Audit(ctx, event(&p.User, "withholding.request", "withholding", strconv.FormatInt(id, 10)))
	})
}

// Withholdings lists an application's requests for anyone who may see it.
func (s *Service) Withholdings(ctx context.Context, p Principal, appID int64) ([]sqlstore.Withholding, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	return s.store.Withholdings(ctx, appID)
}

// DecideWithholding approves or rejects a request. Approval takes the
// answers out of the published snapshot (and its search text) at once;
// a request for answers already withheld extends their period.
func (s *Service) DecideWithholding(ctx context.Context, p Principal, appID, id int64, approve bool) error {
	if err := p.may(policy.DecideWithholding); err != nil {
		return err
	}
	ws, err := s.Withholdings(ctx, p, appID)
	if err != nil {
		return err
	}
	var w *sqlstore.Withholding
	for i := range ws {
		if ws[i].ID == id {
			w = &ws[i]
		}
	}
	if w == nil {
		return nintei.ErrNotFound
	}
	c, err := s.store.CertificationOfApplication(ctx, appID)
	if err != nil {
		return err
	}
	return s.store.InTx(ctx, func(tx *sqlstore.Tx) error {
		state := "rejected"
		if approve {
			state = "approved"
		}
		if err := tx.DecideWithholding(ctx, id, state, p.User.ID); err != nil {
			return err
		}
		if approve {
			if err := withhold(ctx, tx, c.Number, w.ItemIDs, w.Until); err != nil {
				return err
			}
			if err := tx.AddRegistryEvent(ctx, c.Number, "withheld", s.Today().Format(dateLayout)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, event(&p.User, "withholding."+state, "withholding", strconv.FormatInt(id, 10)))
	})
}

// withhold moves the items' texts out of the published snapshot.
func withhold(ctx context.Context, tx *sqlstore.Tx, number string, itemIDs []string, until string) error {
	e, err := tx.RegistryEntryByNumber(ctx, number)
	if err != nil {
		return err
	}
	var pub registry.Service
	if err := json.Unmarshal([]byte(e.Snapshot), &pub); err != nil {
		return nintei.Wrap("service.withhold", err)
	}
	chosen := map[string]bool{}
	for _, id := range itemIDs {
		chosen[id] = true
	}
	for i, a := range pub.Items {
		if !chosen[a.ItemID] {
			continue
		}
		if err := tx.WithholdText(ctx, number, a.ItemID, until, a.Text); err != nil {
			return err
		}
		pub.Items[i].Text, pub.Items[i].WithheldUntil = "", until
	}
	snap, err := json.Marshal(pub)
	if err != nil {
		return nintei.Wrap("service.withhold", err)
	}
	return tx.RepublishSnapshot(ctx, number, string(snap), registry.SearchText(pub), registry.PublishedAnswers(pub))
}

// releaseEnded puts back the answers whose withholding period ended before
// today, so the registry follows on the day after the period with no
// manual step.
func (s *Service) releaseEnded(ctx context.Context, pub *registry.Service) error {
	today := s.Today().Format("2006-01-02")
	ended := false
	for _, a := range pub.Items {
		ended = ended || (a.WithheldUntil != "" && a.WithheldUntil < today)
	}
	if !ended {
		return nil
	}
	texts, err := s.store.ReleasedTexts(ctx, pub.Number, today)
	if err != nil {
		return err
	}
	for i, a := range pub.Items {
		if a.WithheldUntil != "" && a.WithheldUntil < today {
			if text, ok := texts[a.ItemID]; ok {
				pub.Items[i].Text, pub.Items[i].WithheldUntil = text, ""
			}
		}
	}
	return nil
}
