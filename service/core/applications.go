package core

import (
	"context"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/policy"
	"nintei/store"
)

// The errors of reading and changing an application, shared by the areas.
var (
	ErrNotEditable  = nintei.Errorf(nintei.KindConflict, "error.application.not_editable")
	errNoEdition    = nintei.Errorf(nintei.KindConflict, "error.application.no_edition")
	ErrStaleVersion = nintei.Errorf(nintei.KindConflict, "error.conflict")
)

// CurrentEdition is the edition new applications of a scheme are bound to:
// the newest official one, or the newest draft while none is official.
func (s *Core) CurrentEdition(ctx context.Context, schemeID string) (store.CatalogEdition, error) {
	eds, err := s.Store.Editions(ctx)
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
	return s.successor(ctx, eds, *best)
}

// successor follows the mappings forward from an edition: an edition
// imported with a mapping from the current one supersedes it even when
// both were imported in the same instant (as on a frozen test clock).
func (s *Core) successor(ctx context.Context, eds []store.CatalogEdition, best store.CatalogEdition) (store.CatalogEdition, error) {
	for range maxMappingChain {
		next := false
		for _, e := range eds {
			if e.SchemeID != best.SchemeID || e.Status != best.Status || e.ID == best.ID {
				continue
			}
			m, err := s.Mapping(ctx, e.ID)
			if err != nil {
				return best, err
			}
			if m != nil && m.From == best.ID {
				best, next = e, true
				break
			}
		}
		if !next {
			break
		}
	}
	return best, nil
}

// Application returns one application if the actor may see it. Another
// provider's application is reported as not found, never as forbidden, so
// its existence is not revealed.
func (s *Core) Application(ctx context.Context, p Principal, id int64) (application.Application, error) {
	if !p.Can(policy.ReadApplications) {
		return s.Store.ApplicationOfOrg(ctx, p.User.OrgID, id)
	}
	a, err := s.Store.Application(ctx, id)
	if err == nil && a.State == application.Draft {
		return application.Application{}, nintei.ErrNotFound // drafts are the provider's own business
	}
	return a, err
}

// ApplicationEdition returns the parsed edition an application is bound to.
func (s *Core) ApplicationEdition(ctx context.Context, a application.Application) (*catalog.Edition, error) {
	_, ed, err := s.Edition(ctx, a.EditionID)
	return ed, err
}

// EditableApplication loads an application the actor may change now.
func (s *Core) EditableApplication(ctx context.Context, p Principal, id int64) (application.Application, error) {
	if err := p.May(policy.Apply); err != nil {
		return application.Application{}, err
	}
	a, err := s.Store.ApplicationOfOrg(ctx, p.User.OrgID, id)
	if err != nil {
		return a, err
	}
	if !a.Editable() {
		return a, ErrNotEditable
	}
	return a, nil
}

// Today is the current date in Japan, the date rules are stated in.
func (s *Core) Today() time.Time {
	t := s.Now().In(JST)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
