package views

import (
	"context"
	"strings"

	"nintei"
	"nintei/registry"
	"nintei/store"
)

// snippetBatch is how many services one read of their answers takes (the
// store's bound on PublicEntries).
const snippetBatch = 10

// RegistrySnippets finds, for each listed service, where the search q
// matched its published answers (registry.FindSnippet). The answers are
// read as the service page reads them — withheld ones are empty until the
// day after their period — so a snippet never shows what the page does
// not. A service that matched by name, number or overview has none.
func (s *Views) RegistrySnippets(ctx context.Context, q string, numbers []string) (map[string]registry.Snippet, error) {
	out := map[string]registry.Snippet{}
	if strings.TrimSpace(q) == "" {
		return out, nil
	}
	for i := 0; i < len(numbers); i += snippetBatch {
		rows, err := s.Store.PublicEntries(ctx, numbers[i:min(i+snippetBatch, len(numbers))])
		if err != nil {
			return nil, err
		}
		for _, e := range rows {
			sn, ok, err := s.snippetOf(ctx, e, q)
			if err != nil {
				return nil, err
			}
			if ok {
				out[e.Number] = sn
			}
		}
	}
	return out, nil
}

// snippetOf finds one service's snippet on its stored answers, or, when a
// withheld answer's period has ended (its text is released by PublicOf),
// on the service as its page shows it.
func (s *Views) snippetOf(ctx context.Context, e store.PublicEntry, q string) (registry.Snippet, bool, error) {
	c, err := registry.DecodeCompact(e.Compact)
	if err != nil {
		return registry.Snippet{}, false, nintei.Wrap("views.snippetOf "+e.Number, err)
	}
	today := s.Today().Format("2006-01-02")
	for _, a := range c.Answers {
		if a.WithheldUntil != "" && a.WithheldUntil < today {
			pub, err := s.PublicOf(ctx, e)
			if err != nil {
				return registry.Snippet{}, false, err
			}
			sn, ok := registry.FindSnippet(pub.Items, q)
			return sn, ok, nil
		}
	}
	wording, err := s.PublicWording(ctx, c.EditionID)
	if err != nil {
		return registry.Snippet{}, false, err
	}
	sn, ok := registry.FindSnippetCompact(c.Answers, wording, q)
	return sn, ok, nil
}
