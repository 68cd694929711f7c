package apply

import (
	"context"
	"errors"
	"strconv"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

var ()

// OpenApplication starts a draft application of the actor's provider for a
// new service, with the provider part of Form A carried over from the
// provider's latest application.
func (s *Apply) OpenApplication(ctx context.Context, p core.Principal, schemeID string) (application.Application, error) {
	ed, err := s.CurrentEdition(ctx, schemeID)
	if err != nil {
		return application.Application{}, err
	}
	formA, err := s.providerDefaults(ctx, p.User.OrgID)
	if err != nil {
		return application.Application{}, err
	}
	var a application.Application
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		a, err = tx.CreateApplication(ctx, application.Application{OrgID: p.User.OrgID, EditionID: ed.ID,
			Kind: application.New, State: application.Draft, FormA: formA, CreatedBy: p.User.ID})
		if err != nil {
			return err
		}
		ev := core.Event(&p.User, "application.open", "application", strconv.FormatInt(a.ID, 10))
		ev.AfterDigest = nintei.StateDigest(a.FormA)
		return tx.Audit(ctx, ev)
	})
	return a, err
}

func (s *Apply) providerDefaults(ctx context.Context, orgID int64) (application.FormA, error) {
	apps, err := s.Store.ApplicationsOfOrg(ctx, orgID)
	if err != nil {
		return application.FormA{}, err
	}
	if len(apps) > 0 {
		return application.FormA{Provider: apps[0].FormA.Provider}, nil
	}
	org, err := s.Store.Organization(ctx, orgID)
	if err != nil {
		return application.FormA{}, err
	}
	return application.FormA{Provider: application.Provider{Name: org.Name, CorporateNumber: org.CorporateNumber,
		RepresentativeHasPower: true}}, nil
}

// Applications lists the applications the actor may see: their provider's
// for applicants, all open ones for staff.
func (s *Apply) Applications(ctx context.Context, p core.Principal) ([]application.Application, error) {
	if !p.Can(policy.ReadApplications) {
		return s.Store.ApplicationsOfOrg(ctx, p.User.OrgID)
	}
	return s.Store.ApplicationsInStates(ctx, application.States[1:]...) // every state but draft
}

// SaveFormA stores the face sheet of a draft. It is saved even while
// incomplete (a draft may be); Problems lists what submission will need.
// version is what the editor loaded: a stale save is a conflict, not an
// overwrite.
func (s *Apply) SaveFormA(ctx context.Context, p core.Principal, id, version int64, f application.FormA) (int64, error) {
	a, err := s.EditableApplication(ctx, p, id)
	if err != nil {
		return 0, err
	}
	f = f.Normalize()
	var next int64
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		next, err = tx.UpdateFormA(ctx, id, version, f)
		if errors.Is(err, nintei.ErrConflict) {
			return core.ErrStaleVersion
		}
		if err != nil {
			return err
		}
		ev := core.Event(&p.User, "application.form_a.save", "application", strconv.FormatInt(id, 10))
		ev.BeforeDigest, ev.AfterDigest = nintei.StateDigest(a.FormA), nintei.StateDigest(f)
		return tx.Audit(ctx, ev)
	})
	return next, err
}

// FormB returns the Form B of an application the actor may see.
func (s *Apply) FormB(ctx context.Context, p core.Principal, a application.Application) (formb.Form, error) {
	if _, err := s.Application(ctx, p, a.ID); err != nil {
		return nil, err
	}
	return s.Store.FormB(ctx, a.ID)
}

// SaveFormB stores entries of a draft's Form B. Entries for items not in
// the application's edition are refused; answers are normalised and kept
// even when incomplete (the pre-check reports what submission needs).
func (s *Apply) SaveFormB(ctx context.Context, p core.Principal, id, version int64, entries []formb.Entry) (int64, error) {
	a, err := s.EditableApplication(ctx, p, id)
	if err != nil {
		return 0, err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return 0, err
	}
	if err := NormalizeEntries(ed, entries); err != nil {
		return 0, err
	}
	var next int64
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		next, err = tx.TouchApplication(ctx, id, version)
		if errors.Is(err, nintei.ErrConflict) {
			return core.ErrStaleVersion
		}
		if err != nil {
			return err
		}
		if err := tx.SaveFormBEntries(ctx, id, p.User.ID, entries); err != nil {
			return err
		}
		ev := core.Event(&p.User, "application.form_b.save", "application", strconv.FormatInt(id, 10))
		ev.AfterDigest = nintei.StateDigest(entries)
		return core.AuditWithDetail(ctx, tx, ev, core.FormBSaveDetail{Items: len(entries)})
	})
	return next, err
}

// Limits on what one Form B entry may hold, so a draft cannot grow without bound.
const (
	maxAnswerRunes   = 20000
	maxEvidenceRunes = 500
)

// NormalizeEntries checks and trims Form B entries against the edition
// (the sizes of answers and evidence references).
func NormalizeEntries(ed *catalog.Edition, entries []formb.Entry) error {
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
