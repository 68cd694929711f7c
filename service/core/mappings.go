package core

import (
	"context"
	"errors"
	"slices"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/store"
)

// Mapping returns the mapping an edition was imported with, parsed, and
// the edition it maps from; nil when the edition came without one.
// Mappings never change once installed, so each is parsed once.
func (s *Core) Mapping(ctx context.Context, toID string) (*catalog.Mapping, error) {
	if m, ok := s.mappings.Load(toID); ok {
		return m.(*catalog.Mapping), nil
	}
	row, err := s.Store.MappingTo(ctx, toID)
	if errors.Is(err, nintei.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	_, from, err := s.Edition(ctx, row.FromEdition)
	if err != nil {
		return nil, err
	}
	_, to, err := s.Edition(ctx, toID)
	if err != nil {
		return nil, err
	}
	m, err := catalog.ParseMapping([]byte(row.Source), from, to)
	if err != nil {
		return nil, nintei.Wrap("service.Mapping", err)
	}
	s.mappings.Store(toID, m)
	return m, nil
}

// maxMappingChain bounds the walk back through mappings: a scheme gets a
// new edition a few times a decade.
const maxMappingChain = 32

// MappingChain lists the mappings that lead from edition fromID to toID,
// oldest first; ok is false when no chain of mappings joins them.
func (s *Core) MappingChain(ctx context.Context, fromID, toID string) ([]*catalog.Mapping, bool, error) {
	var chain []*catalog.Mapping
	for at := toID; at != fromID; {
		m, err := s.Mapping(ctx, at)
		if err != nil || m == nil || len(chain) == maxMappingChain {
			return nil, false, err
		}
		chain = append(chain, m)
		at = m.From
	}
	slices.Reverse(chain)
	return chain, true, nil
}

// CarryForm moves a Form B of edition fromID to edition toID through the
// chain of mappings between them, marking what the applicant must answer
// or review. Without a chain the answers of items with the same ID are
// carried and nothing is marked, as before mappings existed.
func (s *Core) CarryForm(ctx context.Context, fromID, toID string, form formb.Form) (formb.Form, []store.FormBMark, error) {
	_, to, err := s.Edition(ctx, toID)
	if err != nil {
		return nil, nil, err
	}
	chain, ok, err := s.MappingChain(ctx, fromID, toID)
	if err != nil {
		return nil, nil, err
	}
	if !ok || fromID == toID {
		out := formb.Form{}
		for _, it := range to.Items {
			if e, ok := form[it.ID]; ok {
				out[it.ID] = e
			}
		}
		return out, nil, nil
	}
	marked := map[string]formb.Mark{}
	for _, m := range chain {
		_, a, err := s.Edition(ctx, m.From)
		if err != nil {
			return nil, nil, err
		}
		_, b, err := s.Edition(ctx, m.To)
		if err != nil {
			return nil, nil, err
		}
		var marks []formb.Mark
		form, marks = formb.Carry(m, a, b, form)
		for _, mk := range marks {
			marked[mk.ItemID] = mk
		}
	}
	var out []store.FormBMark
	for _, it := range to.Items {
		if mk, ok := marked[it.ID]; ok {
			out = append(out, store.FormBMark{ItemID: mk.ItemID, Kind: mk.Kind, Map: mk.Map, From: mk.From})
		}
	}
	return form, out, nil
}

// ItemMarks lists the marked items of an application the actor may see.
func (s *Core) ItemMarks(ctx context.Context, p Principal, a application.Application) ([]store.FormBMark, error) {
	if _, err := s.Application(ctx, p, a.ID); err != nil {
		return nil, err
	}
	return s.Store.FormBMarks(ctx, a.ID)
}
