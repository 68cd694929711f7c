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
	return *best, nil
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
