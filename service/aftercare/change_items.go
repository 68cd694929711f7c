package aftercare

import (
	"context"
	"strings"

	"nintei/registry"
	"nintei/store"
)

// The public event of an accepted change notice names the items whose
// published answers changed, so that a follower's notice can say what
// changed (issue 20). The comparison is of what the registry shows before
// and after the change: an answer withheld on both sides is not named.

// publishedAnswers is a published service's answers as the registry shows
// them (item ID → text, a withheld answer empty) and its edition; none for
// a number not in the registry.
func publishedAnswers(ctx context.Context, tx store.Tx, number string) (map[string]string, string, error) {
	rows, err := tx.PublicEntries(ctx, []string{number})
	if err != nil || len(rows) == 0 {
		return nil, "", err
	}
	c, err := registry.DecodeCompact(rows[0].Compact)
	if err != nil {
		return nil, "", err
	}
	out := make(map[string]string, len(c.Answers))
	for _, a := range c.Answers {
		out[a.ItemID] = a.Text
	}
	return out, c.EditionID, nil
}

// changedItemNames names, in the catalog's order, the items whose published
// answer differs between before and the registry's answers now, one name
// ("No Item") a line.
func (s *Aftercare) changedItemNames(ctx context.Context, tx store.Tx, number string, before map[string]string) (string, error) {
	after, editionID, err := publishedAnswers(ctx, tx, number)
	if err != nil || editionID == "" {
		return "", err
	}
	wording, err := s.PublicWording(ctx, editionID)
	if err != nil {
		return "", err
	}
	_, ed, err := s.Edition(ctx, editionID)
	if err != nil {
		return "", err
	}
	var names []string
	for _, it := range ed.Items {
		if after[it.ID] != before[it.ID] {
			w := wording[it.ID]
			names = append(names, strings.TrimSpace(w.No+" "+w.Item))
		}
	}
	return strings.Join(names, "\n"), nil
}
