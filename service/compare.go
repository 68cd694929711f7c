package service

import (
	"context"
	"strings"

	"nintei"
	"nintei/catalog"
	"nintei/registry"
)

// CompareServices returns the published services of numbers, in the order
// asked, for the side-by-side comparison. It reads the compact answers
// (registry.EncodeCompact) and the immutable catalog wording of the
// entry's edition instead of decoding each JSON snapshot; withheld answers
// are empty, and come back from the day after their period as on the
// service page. An unknown number is an error naming it.
func (s *Service) CompareServices(ctx context.Context, numbers []string) ([]registry.Service, error) {
	for i := range numbers {
		numbers[i] = strings.TrimSpace(numbers[i])
	}
	rows, err := s.store.Comparables(ctx, numbers)
	if err != nil {
		return nil, err
	}
	byNumber := map[string]int{}
	for i, r := range rows {
		byNumber[r.Number] = i
	}
	items := map[string]map[string]catalog.Item{} // edition → item ID → item
	out := make([]registry.Service, 0, len(numbers))
	for _, n := range numbers {
		i, ok := byNumber[n]
		if !ok {
			return nil, errUnknownNumber.With("Number", n)
		}
		pub, err := s.comparable(ctx, rows[i].Answers, items)
		if err != nil {
			return nil, err
		}
		pub.Number, pub.ServiceName, pub.ProviderName, pub.ValidUntil = n, rows[i].ServiceName, rows[i].ProviderName, rows[i].ValidUntil
		if err := s.releaseEnded(ctx, &pub); err != nil {
			return nil, err
		}
		out = append(out, pub)
	}
	return out, nil
}

// comparable builds a service's answers from the compact form, with the
// catalog wording of its edition.
func (s *Service) comparable(ctx context.Context, compact string, items map[string]map[string]catalog.Item) (registry.Service, error) {
	editionID, answers, err := registry.DecodeCompact(compact)
	if err != nil {
		return registry.Service{}, nintei.Wrap("service.comparable", err)
	}
	idx, ok := items[editionID]
	if !ok {
		_, ed, err := s.Edition(ctx, editionID)
		if err != nil {
			return registry.Service{}, err
		}
		idx = make(map[string]catalog.Item, len(ed.Items))
		for _, it := range ed.Items {
			idx[it.ID] = it
		}
		items[editionID] = idx
	}
	pub := registry.Service{EditionID: editionID, Items: make([]registry.Answer, len(answers))}
	for i, a := range answers {
		it := idx[a.ItemID]
		pub.Items[i] = registry.Answer{ItemID: a.ItemID, No: it.No, Item: it.ItemJA, Question: it.NameJA, Required: it.Required,
			Text: a.Text, WithheldUntil: a.WithheldUntil}
	}
	return pub, nil
}
