package aftercare

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/policy"
	"nintei/registry"
	"nintei/service/core"
	"nintei/store"
)

// RequestWithholding asks the body to withhold chosen answers until a
// date, for a stated reason. The applicant files it with the
// application (a draft, or one under review, before anything is
// published) or for a certified service; the secretariat decides. A
// request made before publication must be decided before the answers are
// published (see applyWithholdings).
func (s *Aftercare) RequestWithholding(ctx context.Context, p core.Principal, appID int64, itemIDs []string, reason, until string) error {
	_, err := s.RequestWithholdingID(ctx, p, appID, itemIDs, reason, until)
	return err
}

// RequestWithholdingID is RequestWithholding answering the new request's
// id (the JSON API answers with the request it created).
func (s *Aftercare) RequestWithholdingID(ctx context.Context, p core.Principal, appID int64, itemIDs []string, reason, until string) (int64, error) {
	if err := p.May(policy.RequestWithholding); err != nil {
		return 0, err
	}
	a, err := s.Store.ApplicationOfOrg(ctx, p.User.OrgID, appID)
	if err != nil {
		return 0, err
	}
	if !mayRequestWithholding(a) {
		return 0, application.ErrNotNow.With("State", string(a.State))
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return 0, err
	}
	if len(itemIDs) == 0 {
		return 0, nintei.Invalid("error.withholding.items", "items")
	}
	for _, id := range itemIDs {
		if _, ok := ed.Item(id); !ok {
			return 0, nintei.Invalid("error.formb.unknown_item", "items").With("Item", id)
		}
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return 0, nintei.Invalid("error.required", "reason")
	}
	if !core.ValidDate(until) || until <= s.Today().Format("2006-01-02") {
		return 0, nintei.Invalid("error.withholding.until", "until")
	}
	var id int64
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		var err error
		if id, err = tx.InsertWithholding(ctx, store.Withholding{ApplicationID: appID, ItemIDs: itemIDs, Reason: reason, Until: until}, p.User.ID); err != nil {
			return err
		}
		ev := core.Event(&p.User, "withholding.request", "withholding", strconv.FormatInt(id, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.WithholdingRequestDetail{Application: appID})
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// mayRequestWithholding: a certified service's answers, or the answers of
// an application not yet decided (R-7.3: the request may come with the
// application, before publication).
func mayRequestWithholding(a application.Application) bool {
	return a.State == application.Certified || (!a.State.Decided() && a.State != application.Withdrawn)
}

// Withholdings lists an application's requests for anyone who may see it.
func (s *Aftercare) Withholdings(ctx context.Context, p core.Principal, appID int64) ([]store.Withholding, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	return s.Store.Withholdings(ctx, appID)
}

// DecideWithholding approves or rejects a request. The secretariat may
// approve for a shorter or longer period than asked (until; "" keeps the
// requested one). For a certified service approval takes the answers out
// of the published snapshot (and its search text) at once; a request for
// answers already withheld extends their period. For an application not
// yet published the decision is recorded and applied when its answers
// are first published.
func (s *Aftercare) DecideWithholding(ctx context.Context, p core.Principal, appID, id int64, approve bool, until string) error {
	if err := p.May(policy.DecideWithholding); err != nil {
		return err
	}
	ws, err := s.Withholdings(ctx, p, appID)
	if err != nil {
		return err
	}
	var w *store.Withholding
	for i := range ws {
		if ws[i].ID == id {
			w = &ws[i]
		}
	}
	if w == nil {
		return nintei.ErrNotFound
	}
	if until = strings.TrimSpace(until); until == "" || !approve {
		until = w.Until
	} else if !core.ValidDate(until) || until <= s.Today().Format(core.DateLayout) {
		return nintei.Invalid("error.withholding.until", "until")
	}
	a, err := s.Store.Application(ctx, appID)
	if err != nil {
		return err
	}
	var c certification.Certification
	published := a.State == application.Certified
	if published {
		if c, err = s.Store.CertificationOfApplication(ctx, appID); err != nil {
			return err
		}
	}
	w.Until = until
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		state := "rejected"
		if approve {
			state = "approved"
		}
		if err := tx.DecideWithholding(ctx, id, state, until, p.User.ID); err != nil {
			return err
		}
		if approve && published {
			if err := withhold(ctx, tx, c.Number, w.ItemIDs, w.Until); err != nil {
				return err
			}
			if err := tx.AddRegistryEvent(ctx, c.Number, "withheld", s.Today().Format(core.DateLayout)); err != nil {
				return err
			}
		}
		ev := core.Event(&p.User, "withholding."+state, "withholding", strconv.FormatInt(id, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.WithholdingDecisionDetail{Application: appID, Until: until})
	})
}

// errWithholdingUndecided: the applicant asked to withhold answers and the
// body has not decided yet. Publishing would show them before the
// decision, so the publication waits.
var errWithholdingUndecided = nintei.Errorf(nintei.KindConflict, "error.withholding.undecided")

// applyWithholdings runs inside the transaction that publishes an
// application's answers (certification, renewal, accepted change notice),
// after the snapshot is written: an undecided request made with the
// application refuses the publication; approved ones whose period has not
// ended take their answers out before the transaction commits, so no
// committed snapshot ever shows them.
func applyWithholdings(ctx context.Context, tx store.Tx, a application.Application, number, today string) error {
	ws, err := tx.Withholdings(ctx, a.ID)
	if err != nil {
		return err
	}
	byUntil := map[string][]string{}
	var undecided int
	for _, w := range ws {
		switch {
		case w.State == "requested":
			undecided++
		case w.State == "approved" && w.Until >= today:
			byUntil[w.Until] = append(byUntil[w.Until], w.ItemIDs...)
		}
	}
	if undecided > 0 {
		return errWithholdingUndecided.With("Count", undecided)
	}
	for _, until := range slices.Sorted(maps.Keys(byUntil)) {
		if err := withhold(ctx, tx, number, byUntil[until], until); err != nil {
			return err
		}
	}
	return nil
}

// withhold moves the items' texts out of the published snapshot.
func withhold(ctx context.Context, tx store.Tx, number string, itemIDs []string, until string) error {
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
func (s *Aftercare) releaseEnded(ctx context.Context, pub *registry.Service) error {
	today := s.Today().Format("2006-01-02")
	ended := false
	for _, a := range pub.Items {
		ended = ended || (a.WithheldUntil != "" && a.WithheldUntil < today)
	}
	if !ended {
		return nil
	}
	texts, err := s.Store.ReleasedTexts(ctx, pub.Number, today)
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
