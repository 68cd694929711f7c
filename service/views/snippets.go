package views

import (
	"context"
	"strings"

	"nintei/registry"
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
			pub, err := s.PublicOf(ctx, e)
			if err != nil {
				return nil, err
			}
			if sn, ok := registry.FindSnippet(pub.Items, q); ok {
				out[e.Number] = sn
			}
		}
	}
	return out, nil
}
