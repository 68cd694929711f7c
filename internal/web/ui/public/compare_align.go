package public

import (
	"context"

	"nintei/internal/web/publiccache"
)

// alignComparison lines up services on different catalog editions: the
// rows follow the newest edition among the columns, and every column on
// another edition is rewritten to those rows through the mappings between
// the editions (or by item ID where no mapping joins them). It returns
// the edition the rows follow and whether any column was aligned.
func (s *Server) alignComparison(ctx context.Context, cols []compareColumn) (string, bool, error) {
	basis, same := cols[0].EditionID, true
	var err error
	for _, c := range cols {
		same = same && c.EditionID == basis
	}
	if same { // the usual case: nothing to align, no query
		return basis, false, nil
	}
	if basis, err = s.newestEdition(ctx, cols); err != nil {
		return "", false, err
	}
	_, ed, err := s.svc.Edition(ctx, basis)
	if err != nil {
		return "", false, err
	}
	items := make([]string, len(ed.Items))
	for i, it := range ed.Items {
		items[i] = it.ID
	}
	aligned := false
	for i, c := range cols {
		if c.EditionID == basis && i > 0 {
			continue
		}
		to, err := s.itemsAcross(ctx, basis, c.EditionID, items)
		if err != nil {
			return "", false, err
		}
		cols[i] = publiccache.AlignColumn(c, items, to)
		aligned = aligned || c.EditionID != basis
	}
	return basis, aligned, nil
}

// itemsAcross maps each item of edition basis to the items of edition
// other that correspond to it, following the mappings from other up to
// basis; by item ID when no chain of mappings joins them.
func (s *Server) itemsAcross(ctx context.Context, basis, other string, items []string) (map[string][]string, error) {
	out := make(map[string][]string, len(items))
	chain, ok, err := s.svc.MappingChain(ctx, other, basis)
	if err != nil {
		return nil, err
	}
	if !ok || other == basis {
		for _, id := range items {
			out[id] = []string{id}
		}
		return out, nil
	}
	_, old, err := s.svc.Edition(ctx, other)
	if err != nil {
		return nil, err
	}
	for _, it := range old.Items {
		ids := []string{it.ID}
		for _, m := range chain {
			ids = m.NewIDs(ids)
		}
		for _, to := range ids {
			out[to] = append(out[to], it.ID)
		}
	}
	return out, nil
}

// newestEdition is the edition of the columns that the others lead to
// through mappings, or else the one imported last.
func (s *Server) newestEdition(ctx context.Context, cols []compareColumn) (string, error) {
	eds, err := s.svc.Editions(ctx) // newest first
	if err != nil {
		return "", err
	}
	rank := map[string]int{}
	for i, e := range eds {
		rank[e.ID] = i
	}
	basis := cols[0].EditionID
	for _, c := range cols[1:] {
		_, later, err := s.svc.MappingChain(ctx, basis, c.EditionID)
		if err != nil {
			return "", err
		}
		_, earlier, err := s.svc.MappingChain(ctx, c.EditionID, basis)
		if err != nil {
			return "", err
		}
		if later || (!earlier && rank[c.EditionID] < rank[basis]) {
			basis = c.EditionID
		}
	}
	return basis, nil
}
