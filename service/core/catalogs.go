package core

import (
	"context"

	"nintei"
	"nintei/catalog"
	"nintei/store"
)

// Editions lists installed editions.
func (s *Core) Editions(ctx context.Context) ([]store.CatalogEdition, error) {
	return s.Store.Editions(ctx)
}

// Edition returns an installed edition, parsed. Editions never change once
// installed, so each is parsed once and kept (by ID and digest); every page
// of an application needs its edition.
func (s *Core) Edition(ctx context.Context, id string) (store.CatalogEdition, *catalog.Edition, error) {
	if c, ok := s.editions.Load(id); ok {
		c := c.(cachedEdition)
		return c.row, c.ed, nil
	}
	row, err := s.Store.Edition(ctx, id)
	if err != nil {
		return row, nil, err
	}
	ed, err := catalog.Parse([]byte(row.Source))
	if err != nil {
		return row, nil, nintei.Wrap("service.Edition", err)
	}
	row.Source = "" // the parsed form is what callers use; keep the cache small
	s.editions.Store(id, cachedEdition{row: row, ed: ed})
	return row, ed, nil
}

type cachedEdition struct {
	row store.CatalogEdition
	ed  *catalog.Edition
}
