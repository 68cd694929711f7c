package ops

import (
	"context"
	"errors"
	"fmt"

	"nintei/internal/blob"
)

// Ready reports whether this instance can serve requests: the database
// answers and the evidence store is reachable (for stores that can tell, see
// blob.Pinger). Both checks are cheap enough for a load balancer's probe
// every few seconds. Every problem is returned, not only the first.
func (s *Ops) Ready(ctx context.Context) error {
	var errs []error
	if err := s.Store.Ping(ctx); err != nil {
		errs = append(errs, fmt.Errorf("database: %w", err))
	}
	if p, ok := s.Blobs.(blob.Pinger); ok {
		if err := p.Ping(ctx); err != nil {
			errs = append(errs, fmt.Errorf("evidence store: %w", err))
		}
	}
	return errors.Join(errs...)
}
