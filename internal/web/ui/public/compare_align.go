package public

import (
	"context"
	"strings"

	"nintei/internal/web/publiccache"
	"nintei/registry"
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
	ids := make([]string, len(cols))
	for i, c := range cols {
		ids[i] = c.EditionID
	}
	if basis, err = s.newestEdition(ctx, ids); err != nil {
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
func (s *Server) newestEdition(ctx context.Context, ids []string) (string, error) {
	eds, err := s.svc.Editions(ctx) // newest first
	if err != nil {
		return "", err
	}
	rank := map[string]int{}
	for i, e := range eds {
		rank[e.ID] = i
	}
	basis := ids[0]
	for _, id := range ids[1:] {
		_, later, err := s.svc.MappingChain(ctx, basis, id)
		if err != nil {
			return "", err
		}
		_, earlier, err := s.svc.MappingChain(ctx, id, basis)
		if err != nil {
			return "", err
		}
		if later || (!earlier && rank[id] < rank[basis]) {
			basis = id
		}
	}
	return basis, nil
}

// alignServices is alignComparison for the comparison's CSV: every
// service's answers rewritten to the items of the newest edition among
// them, with that edition's wording.
func (s *Server) alignServices(ctx context.Context, svcs []registry.Service) error {
	if len(svcs) == 0 {
		return nil
	}
	ids := make([]string, len(svcs))
	same := true
	for i, sv := range svcs {
		ids[i] = sv.EditionID
		same = same && sv.EditionID == ids[0]
	}
	if same {
		return nil
	}
	basis, err := s.newestEdition(ctx, ids)
	if err != nil {
		return err
	}
	_, ed, err := s.svc.Edition(ctx, basis)
	if err != nil {
		return err
	}
	wording, err := s.svc.PublicWording(ctx, basis)
	if err != nil {
		return err
	}
	items := make([]string, len(ed.Items))
	for i, it := range ed.Items {
		items[i] = it.ID
	}
	for i, sv := range svcs {
		to, err := s.itemsAcross(ctx, basis, sv.EditionID, items)
		if err != nil {
			return err
		}
		text := make(map[string]string, len(sv.Items))
		for _, a := range sv.Items {
			text[a.ItemID] = a.Text
		}
		out := make([]registry.Answer, 0, len(items))
		for _, id := range items {
			a := wording[id]
			a.ItemID = id
			var parts []string
			for _, t := range to[id] {
				if text[t] != "" {
					parts = append(parts, text[t])
				}
			}
			a.Text = strings.Join(parts, "\n")
			out = append(out, a)
		}
		svcs[i].Items = out
	}
	return nil
}
