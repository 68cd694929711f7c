package apply

import (
	"context"
	"strings"

	"nintei/certification"
)

// CanonicalNumber is the certificate number as issued for one typed by a
// person (full-width, lower case, any hyphen, no space: see
// certification.CanonicalNumber), matched against the prefixes of the
// installed schemes. What is no number of a known scheme comes back
// trimmed and unchanged, so that it is answered as unknown by name.
func (s *Apply) CanonicalNumber(ctx context.Context, typed string) (string, error) {
	typed = strings.TrimSpace(typed)
	prefixes, err := s.Store.NumberPrefixes(ctx)
	if err != nil {
		return "", err
	}
	if n, ok := certification.CanonicalNumber(typed, prefixes); ok {
		return n, nil
	}
	return typed, nil
}
