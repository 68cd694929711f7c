package service

import (
	"context"
	"errors"
	"strconv"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/policy"
	"nintei/store"
)

var (
	errNotEditable  = nintei.Errorf(nintei.KindConflict, "error.application.not_editable")
	errNoEdition    = nintei.Errorf(nintei.KindConflict, "error.application.no_edition")
	errStaleVersion = nintei.Errorf(nintei.KindConflict, "error.conflict")
)

// CurrentEdition is the edition new applications of a scheme are bound to:
// the newest official one, or the newest draft while none is official.
func (s *Service) CurrentEdition(ctx context.Context, schemeID string) (store.CatalogEdition, error) {
	eds, err := s.store.Editions(ctx)
	if err != nil {
		return store.CatalogEdition{}, err
	}
	var best *store.CatalogEdition
	for i := range eds {
		e := &eds[i]
		if schemeID != "" && e.SchemeID != schemeID {
			continue
		}
		if best == nil || (e.Status == "official" && best.Status != "official") {
			best = e // Editions are newest first, so the first of each status wins.
		}
	}
	if best == nil {
		return store.CatalogEdition{}, errNoEdition
	}
	return *best, nil
}

// OpenApplication starts a draft application of the actor's provider for a
// new service, with the provider part of Form A carried over from the
// provider's latest application.
func (s *Service) OpenApplication(ctx context.Context, p Principal, schemeID string) (application.Application, error) {
	ed, err := s.CurrentEdition(ctx, schemeID)
	if err != nil {
		return application.Application{}, err
	}
	formA, err := s.providerDefaults(ctx, p.User.OrgID)
	if err != nil {
		return application.Application{}, err
	}
	var a application.Application
	err = s.store.InTx(ctx, func(tx store.Tx) error {
		a, err = tx.CreateApplication(ctx, application.Application{OrgID: p.User.OrgID, EditionID: ed.ID,
			Kind: application.New, State: application.Draft, FormA: formA, CreatedBy: p.User.ID})
		if err != nil {
			return err
		}
		ev := event(&p.User, "application.open", "application", strconv.FormatInt(a.ID, 10))
		ev.AfterDigest = nintei.StateDigest(a.FormA)
		return tx.Audit(ctx, ev)
	})
	return a, err
}

func (s *Service) providerDefaults(ctx context.Context, orgID int64) (application.FormA, error) {
	apps, err := s.store.ApplicationsOfOrg(ctx, orgID)
	if err != nil {
		return application.FormA{}, err
	}
	if len(apps) > 0 {
		return application.FormA{Provider: apps[0].FormA.Provider}, nil
	}
	org, err := s.store.Organization(ctx, orgID)
	if err != nil {
		return application.FormA{}, err
	}
	return application.FormA{Provider: application.Provider{Name: org.Name, CorporateNumber: org.CorporateNumber,
		RepresentativeHasPower: true}}, nil
}

// Applications lists the applications the actor may see: their provider's
// for applicants, all open ones for staff.
func (s *Service) Applications(ctx context.Context, p Principal) ([]application.Application, error) {
	if !p.can(policy.ReadApplications) {
		return s.store.ApplicationsOfOrg(ctx, p.User.OrgID)
	}
	return s.store.ApplicationsInStates(ctx, application.States[1:]...) // every state but draft
}

// Application returns one application if the actor may see it. Another
// provider's application is reported as not found, never as forbidden, so
// its existence is not revealed.
func (s *Service) Application(ctx context.Context, p Principal, id int64) (application.Application, error) {
	if !p.can(policy.ReadApplications) {
		return s.store.ApplicationOfOrg(ctx, p.User.OrgID, id)
	}
	a, err := s.store.Application(ctx, id)
	if err == nil && a.State == application.Draft {
		return application.Application{}, nintei.ErrNotFound // drafts are the provider's own business
	}
	return a, err
}

// ApplicationEdition returns the parsed edition an application is bound to.
func (s *Service) ApplicationEdition(ctx context.Context, a application.Application) (*catalog.Edition, error) {
	_, ed, err := s.Edition(ctx, a.EditionID)
	return ed, err
}

// editableApplication loads an application the actor may change now.
func (s *Service) editableApplication(ctx context.Context, p Principal, id int64) (application.Application, error) {
	if err := p.may(policy.Apply); err != nil {
		return application.Application{}, err
	}
	a, err := s.store.ApplicationOfOrg(ctx, p.User.OrgID, id)
	if err != nil {
		return a, err
	}
	if !a.Editable() {
		return a, errNotEditable
	}
	return a, nil
}

// SaveFormA stores the face sheet of a draft. It is saved even while
// incomplete (a draft may be); Problems lists what submission will need.
// version is what the editor loaded: a stale save is a conflict, not an
// overwrite.
func (s *Service) SaveFormA(ctx context.Context, p Principal, id, version int64, f application.FormA) (int64, error) {
	a, err := s.editableApplication(ctx, p, id)
	if err != nil {
		return 0, err
	}
	f = f.Normalize()
	var next int64
	err = s.store.InTx(ctx, func(tx store.Tx) error {
		next, err = tx.UpdateFormA(ctx, id, version, f)
		if errors.Is(err, nintei.ErrConflict) {
			return errStaleVersion
		}
		if err != nil {
			return err
		}
		ev := event(&p.User, "application.form_a.save", "application", strconv.FormatInt(id, 10))
		ev.BeforeDigest, ev.AfterDigest = nintei.StateDigest(a.FormA), nintei.StateDigest(f)
		return tx.Audit(ctx, ev)
	})
	return next, err
}

// FormB returns the Form B of an application the actor may see.
func (s *Service) FormB(ctx context.Context, p Principal, a application.Application) (formb.Form, error) {
	if _, err := s.Application(ctx, p, a.ID); err != nil {
		return nil, err
	}
	return s.store.FormB(ctx, a.ID)
}

// SaveFormB stores entries of a draft's Form B. Entries for items not in
// the application's edition are refused; answers are normalised and kept
// even when incomplete (the pre-check reports what submission needs).
func (s *Service) SaveFormB(ctx context.Context, p Principal, id, version int64, entries []formb.Entry) (int64, error) {
	a, err := s.editableApplication(ctx, p, id)
	if err != nil {
		return 0, err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return 0, err
	}
	if err := normalizeEntries(ed, entries); err != nil {
		return 0, err
	}
	var next int64
	err = s.store.InTx(ctx, func(tx store.Tx) error {
		next, err = tx.TouchApplication(ctx, id, version)
		if errors.Is(err, nintei.ErrConflict) {
			return errStaleVersion
		}
		if err != nil {
			return err
		}
		if err := tx.SaveFormBEntries(ctx, id, p.User.ID, entries); err != nil {
			return err
		}
		ev := event(&p.User, "application.form_b.save", "application", strconv.FormatInt(id, 10))
		ev.AfterDigest = nintei.StateDigest(entries)
		return auditWithDetail(ctx, tx, ev, formBSaveDetail{Items: len(entries)})
	})
	return next, err
}

// Limits on what one Form B entry may hold, so a draft cannot grow without bound.
const (
	maxAnswerRunes   = 20000
	maxEvidenceRunes = 500
)

func normalizeEntries(ed *catalog.Edition, entries []formb.Entry) error {
	for i, e := range entries {
		it, ok := ed.Item(e.ItemID)
		if !ok {
			return nintei.Invalid("error.formb.unknown_item", e.ItemID).With("Item", e.ItemID)
		}
		e.Answer = it.Normalize(e.Answer)
		if answerSize(e.Answer) > maxAnswerRunes || len([]rune(e.EvidenceDoc+e.EvidenceLoc)) > maxEvidenceRunes {
			return nintei.Invalid("error.formb.too_long", e.ItemID).With("Item", e.ItemID)
		}
		entries[i] = e
	}
	return nil
}

func answerSize(a catalog.Answer) int {
	n := len([]rune(a.Value)) + len([]rune(a.Detail)) + len([]rune(a.Period))
	for _, c := range a.Choices {
		n += len([]rune(c))
	}
	for _, r := range a.Rows {
		for _, v := range r {
			n += len([]rune(v))
		}
	}
	for _, c := range a.Contacts {
		n += len([]rune(c.Value + c.Hours))
	}
	return n
}

// Today is the current date in Japan, the date rules are stated in.
func (s *Service) Today() time.Time {
	t := s.Now().In(jst)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
