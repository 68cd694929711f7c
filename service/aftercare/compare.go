package aftercare

import (
	"context"
	"strings"

	"nintei"
	"nintei/catalog"
	"nintei/registry"
	"nintei/store"
)

// Public pages read the compact form of each published snapshot
// (registry.EncodeCompact) with the immutable catalog wording of its
// edition, instead of decoding the JSON snapshot: that decoding was a third
// of a public page's cost. Withheld answers are empty, and come back from
// the day after their period.

// CompareServices returns the published services of numbers, in the order
// asked, for the side-by-side comparison. An unknown number is an error
// naming it.
func (s *Aftercare) CompareServices(ctx context.Context, numbers []string) ([]registry.Service, error) {
	for i := range numbers {
		numbers[i] = strings.TrimSpace(numbers[i])
	}
	rows, err := s.Store.PublicEntries(ctx, numbers)
	if err != nil {
		return nil, err
	}
	byNumber := map[string]store.PublicEntry{}
	for _, r := range rows {
		byNumber[r.Number] = r
	}
	out := make([]registry.Service, 0, len(numbers))
	for _, n := range numbers {
		e, ok := byNumber[n]
		if !ok {
			return nil, errUnknownNumber.With("Number", n)
		}
		pub, err := s.PublicOf(ctx, e)
		if err != nil {
			return nil, err
		}
		out = append(out, pub)
	}
	return out, nil
}

// PublicOf builds a published service from its compact form.
func (s *Aftercare) PublicOf(ctx context.Context, e store.PublicEntry) (registry.Service, error) {
	c, err := registry.DecodeCompact(e.Compact)
	if err != nil {
		return registry.Service{}, nintei.Wrap("service.publicOf "+e.Number, err)
	}
	wording, err := s.PublicWording(ctx, c.EditionID)
	if err != nil {
		return registry.Service{}, err
	}
	pub := registry.Service{Number: e.Number, ServiceName: e.ServiceName, ProviderName: e.ProviderName, CertifiedOn: e.CertifiedOn,
		ValidUntil: e.ValidUntil, EditionID: c.EditionID, ServiceURL: c.ServiceURL, Overview: c.Overview, Bases: c.Bases,
		Items: make([]registry.Answer, len(c.Answers))}
	for i, a := range c.Answers {
		item := wording[a.ItemID]
		item.Text, item.WithheldUntil = a.Text, a.WithheldUntil
		pub.Items[i] = item
	}
	return pub, s.releaseEnded(ctx, &pub)
}

// PublicWording is, per edition, each item's published wording (number,
// category path, item, description, required) as publicService writes it
// into the snapshot; computed once, since editions never change.
func (s *Aftercare) PublicWording(ctx context.Context, editionID string) (map[string]registry.Answer, error) {
	if w, ok := s.Wording.Load(editionID); ok {
		return w.(map[string]registry.Answer), nil
	}
	_, ed, err := s.Edition(ctx, editionID)
	if err != nil {
		return nil, err
	}
	w := make(map[string]registry.Answer, len(ed.Items))
	for _, it := range ed.Items {
		w[it.ID] = registry.Answer{ItemID: it.ID, No: it.No, Category: categoryNames(ed, it), Item: it.ItemJA,
			Question: it.NameJA, Required: it.Required}
	}
	s.Wording.Store(editionID, w)
	return w, nil
}

func categoryNames(ed *catalog.Edition, it catalog.Item) []string {
	var path []string
	for _, cat := range ed.CategoryPath(it.Category) {
		path = append(path, cat.NameJA)
	}
	return path
}
