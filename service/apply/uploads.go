package apply

import (
	"context"
	"errors"
	"io"
	"strconv"
	"time"

	"nintei"
	"nintei/internal/blob"
	"nintei/internal/jobs"
	"nintei/service/core"
	"nintei/store"
)

// Kinds of the evidence store's background jobs.
const (
	// JobDiscardUpload deletes an uploaded file that never got its
	// attachment row (the process died between storing and recording it).
	JobDiscardUpload = "upload.discard_unrecorded"
	// JobBlobSweep removes what crashed uploads left half-written.
	JobBlobSweep = "blob.sweep"
)

// uploadGrace is how long after an upload starts its file may still be
// waiting for its row. A request's body must arrive within the server's
// ReadTimeout (2 minutes) and recording takes a transaction, so an hour
// spares every upload in progress.
const uploadGrace = time.Hour

// discardUpload is the payload of JobDiscardUpload.
type discardUpload struct {
	ApplicationID int64  `json:"application_id"`
	Key           string `json:"key"`
}

// putEvidence stores an upload crash-safely: before the file exists, a
// durable job is scheduled to delete it an hour later, and the transaction
// that records its row cancels the job (keepUpload). Whatever moment the
// process dies at — before, during or after the file is written, before or
// after its row commits — the evidence store ends with the file and its
// row, or with neither. A failed upload's job finds no file and does nothing.
func (s *Apply) putEvidence(ctx context.Context, appID int64, body io.Reader) (blob.Object, error) {
	key := blob.NewKey()
	d := discardUpload{ApplicationID: appID, Key: key}
	if _, _, err := jobs.Enqueue(ctx, s.Store, JobDiscardUpload, d,
		jobs.Spec{UniqueKey: key, RunAt: s.Clock.Now().Add(uploadGrace)}); err != nil {
		return blob.Object{}, err
	}
	return s.Blobs.PutAs(ctx, key, body, s.Config.MaxUploadBytes)
}

// errUploadExpired refuses to record an upload whose discard job is no
// longer queued: it may have run (or be running) and deleted the file.
var errUploadExpired = nintei.Errorf(nintei.KindConflict, "error.attachment.expired")

// keepUpload is called in the transaction that records an upload's row: it
// cancels the upload's discard job, so that the row and the file stay
// together. If the job is no longer queued, the row is refused.
func keepUpload(ctx context.Context, tx store.Tx, key string) error {
	queued, err := tx.CancelQueuedJob(ctx, JobDiscardUpload, key)
	if err != nil {
		return err
	}
	if !queued {
		return errUploadExpired
	}
	return nil
}

// DiscardUnrecordedUpload is JobDiscardUpload: it deletes the file if no
// attachment row names it, and audits the deletion. A file already gone
// (the upload failed and cleaned up, or never got that far) is no work.
func (s *Apply) DiscardUnrecordedUpload(ctx context.Context, j jobs.Job) error {
	var d discardUpload
	if err := jobs.Decode(j, &d); err != nil {
		return err
	}
	if recorded, err := s.Store.BlobKeyRecorded(ctx, d.Key); err != nil || recorded {
		return err
	}
	obj, err := s.Blobs.Stat(ctx, d.Key)
	if errors.Is(err, blob.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if err := s.Blobs.Delete(ctx, d.Key); err != nil && !errors.Is(err, blob.ErrNotFound) {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(nil, "upload.discarded", "application", strconv.FormatInt(d.ApplicationID, 10))
		ev.BeforeDigest = obj.SHA256
		return core.AuditWithDetail(ctx, tx, ev, core.UploadDiscardedDetail{Reason: "unrecorded", Size: obj.Size})
	})
}

// SweepBlobs is JobBlobSweep: temporary files of uploads older than the
// grace period go (blob.Sweeper).
func (s *Apply) SweepBlobs(ctx context.Context, _ jobs.Job) error {
	sw, ok := s.Blobs.(blob.Sweeper)
	if !ok {
		return nil
	}
	n, err := sw.Sweep(ctx, s.Clock.Now().Add(-uploadGrace))
	if n > 0 {
		s.Log.InfoContext(ctx, "blob sweep", "removed", n)
	}
	return err
}
