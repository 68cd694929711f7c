// Package blob keeps the files applicants upload (evidence documents, proofs
// of existence) out of the database and out of reach: every object lives under
// a key the store draws at random, never under a name a user chose or could
// guess (R-7.4: attachments are never published), and every object's SHA-256
// is computed while it is stored, so that what is reviewed and later returned
// can be shown to be what was received.
//
// Store is the interface the rest of nintei uses. Dir keeps objects in a local
// directory for a single instance; S3 keeps them in a bucket of an
// S3-compatible service for several instances. Both run the same contract
// (blob/blobtest.TestStoreContract).
package blob

import (
	"context"
	"io"
	"time"
)

// Object describes a stored object. Callers record Key and SHA256 with the
// document they belong to; the store never learns the applicant's file name.
type Object struct {
	Key    string // chosen by the store; see NewKey
	Size   int64  // in bytes
	SHA256 string // lowercase hex of the content's SHA-256, computed by Put
}

// Reader is an object's content as Open returns it. Seek lets the web layer
// answer Range requests with http.ServeContent, and ReadAt lets
// upload.SniffFile read an xlsx/docx zip directory without reading the whole
// file. *os.File and minio-go's *minio.Object both satisfy it.
type Reader interface {
	io.ReadSeekCloser
	io.ReaderAt
}

// Store keeps objects under random keys. Implementations are safe for
// concurrent use. Every error a Store returns that a user may cause matches one
// of the sentinels of this package with errors.Is, and unwraps to a
// nintei.Error so the web layer can answer it without knowing about blobs.
type Store interface {
	// Put reads r to EOF and stores it under a new random key, streaming: the
	// content is never held in memory as a whole. Content longer than limit
	// bytes is refused with an error matching ErrTooLarge; limit must be
	// positive. On any error (ErrTooLarge, a failing r, a cancelled ctx, which
	// gives ctx.Err()), nothing is stored and nothing is left behind, except
	// what a crash leaves to Sweep.
	Put(ctx context.Context, r io.Reader, limit int64) (Object, error)

	// PutAs is Put under a key the caller drew with NewKey beforehand, so
	// that it can record its intent durably before the object exists (a
	// crash after the object is written but before the caller has recorded
	// it then leaves a key the caller knows about, not an orphan). The key
	// must be new; ErrInvalidKey if it is not one NewKey could produce.
	PutAs(ctx context.Context, key string, r io.Reader, limit int64) (Object, error)

	// Open returns the content of the object under key; the caller closes it.
	// Errors: ErrInvalidKey if key is not one a store could have produced,
	// ErrNotFound if there is no such object.
	Open(ctx context.Context, key string) (Reader, Object, error)

	// Stat describes the object under key without opening its content.
	// Errors: ErrInvalidKey, ErrNotFound.
	Stat(ctx context.Context, key string) (Object, error)

	// Delete removes the object under key, as when documents are returned
	// and no longer kept. Errors: ErrInvalidKey, ErrNotFound when there
	// was nothing to remove (callers that want idempotence ignore it).
	Delete(ctx context.Context, key string) error
}

// Sweeper is implemented by stores that can be left with half-written
// objects by a crash. A periodic job calls Sweep with a cut-off older than
// any upload can take (an hour, say), so that uploads in progress are spared.
// An S3 store may implement it by deleting stale temporary keys, or leave the
// work to a bucket lifecycle rule.
type Sweeper interface {
	// Sweep removes leftovers last modified before olderThan and reports
	// how many it removed. It stops early with ctx.Err() if ctx is cancelled.
	Sweep(ctx context.Context, olderThan time.Time) (removed int, err error)
}
