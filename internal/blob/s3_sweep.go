package blob

import (
	"context"
	"fmt"
	"time"

	"github.com/minio/minio-go/v7"
)

// Sweep implements Sweeper. Everything it removes is under PREFIX.put/, and
// older than olderThan: multipart uploads never completed nor aborted (a
// crash mid-upload, or an abort that could not reach the service), and
// temporary objects never copied into place or never removed (a crash
// between the steps of Put). Objects are never touched. Where the service
// offers lifecycle rules, a rule that aborts incomplete multipart uploads and
// expires PREFIX.put/ after a day does the same work.
func (s *S3) Sweep(ctx context.Context, olderThan time.Time) (int, error) {
	// Cancelling the listings when Sweep returns early stops minio-go's
	// listing goroutines.
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	uploads, err := s.sweepUploads(ctx, olderThan)
	if err != nil {
		return uploads, err
	}
	objects, err := s.sweepTemps(ctx, olderThan)
	return uploads + objects, err
}

// sweepUploads aborts stale multipart uploads under the temporary prefix.
func (s *S3) sweepUploads(ctx context.Context, olderThan time.Time) (int, error) {
	core := minio.Core{Client: s.client}
	removed := 0
	for u := range s.client.ListIncompleteUploads(ctx, s.bucket, s.tempName(""), true) {
		if u.Err != nil {
			return removed, sweepError(ctx, "listing multipart uploads", u.Err)
		}
		if !u.Initiated.Before(olderThan) {
			continue
		}
		err := core.AbortMultipartUpload(ctx, s.bucket, u.Key, u.UploadID)
		if err != nil && minio.ToErrorResponse(err).Code != minio.NoSuchUpload {
			return removed, sweepError(ctx, "aborting an upload", err)
		}
		removed++
	}
	return removed, nil
}

// sweepTemps removes stale temporary objects.
func (s *S3) sweepTemps(ctx context.Context, olderThan time.Time) (int, error) {
	removed := 0
	opts := minio.ListObjectsOptions{Prefix: s.tempName(""), Recursive: true}
	for o := range s.client.ListObjects(ctx, s.bucket, opts) {
		if o.Err != nil {
			return removed, sweepError(ctx, "listing temporary objects", o.Err)
		}
		if !o.LastModified.Before(olderThan) {
			continue
		}
		if err := s.client.RemoveObject(ctx, s.bucket, o.Key, minio.RemoveObjectOptions{}); err != nil {
			return removed, sweepError(ctx, "removing a temporary object", err)
		}
		removed++
	}
	return removed, nil
}

// sweepError gives ctx.Err() when the sweep was cancelled, as Sweeper says.
func sweepError(ctx context.Context, what string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return fmt.Errorf("blob: sweep: %s: %w", what, err)
}
