package blob

import (
	"context"
	"fmt"
)

// Pinger is implemented by stores that can tell cheaply whether they can
// serve requests now; the readiness probe (/readyz) asks it. Ping neither
// reads nor writes any object a user stored.
type Pinger interface {
	// Ping returns nil when the store is reachable and usable, and an error
	// describing what is wrong otherwise.
	Ping(ctx context.Context) error
}

var (
	_ Pinger = (*Dir)(nil)
	_ Pinger = (*S3)(nil)
)

// Ping creates and removes an empty temporary file at the top of the tree,
// as NewDir does: a directory that was removed, remounted read-only or
// whose permissions changed fails it.
func (d *Dir) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := d.probe(); err != nil {
		return fmt.Errorf("blob: directory not writable: %w", err)
	}
	return nil
}

// Ping asks the service whether the bucket exists (one HEAD request), which
// also checks the endpoint, the network and the credentials.
func (s *S3) Ping(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("blob: S3 bucket %q: %w", s.bucket, err)
	}
	if !ok {
		return fmt.Errorf("blob: S3 bucket %q does not exist", s.bucket)
	}
	return nil
}
