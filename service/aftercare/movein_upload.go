package aftercare

import (
	"context"
	"errors"
	"io"

	"nintei"
	"nintei/internal/blob"
	"nintei/internal/movein"
	"nintei/policy"
	"nintei/service/core"
)

// errMoveInGone: the upload a confirmation names is no longer kept (it was
// imported already, or never checked).
var errMoveInGone = nintei.Errorf(nintei.KindNotFound, "movein.expired_upload")

// MoveInUpload names an uploaded ZIP kept between its dry run and its
// confirmation: its key in the evidence store and its SHA-256, which the
// confirmation must repeat.
type MoveInUpload struct {
	Key    string
	SHA256 string
}

// PreviewMoveIn keeps the administrator's uploaded ZIP of a move and runs
// the dry run on it. The upload is kept (in the evidence store, so that
// any instance can take the confirmation) only when the dry run finds no
// problem.
func (s *Aftercare) PreviewMoveIn(ctx context.Context, p core.Principal, r io.Reader) (MoveInReport, MoveInUpload, error) {
	if err := p.May(policy.MoveIn); err != nil {
		return MoveInReport{}, MoveInUpload{}, err
	}
	obj, err := s.Blobs.Put(ctx, r, s.Config.MaxUploadBytes)
	if err != nil {
		return MoveInReport{}, MoveInUpload{}, err
	}
	up := MoveInUpload{Key: obj.Key, SHA256: obj.SHA256}
	rep, err := s.importUpload(ctx, p, up, true)
	if err != nil {
		s.dropUpload(ctx, up.Key)
		return rep, MoveInUpload{}, err
	}
	return rep, up, nil
}

// ConfirmMoveIn imports the upload a dry run checked; the upload is then
// removed.
func (s *Aftercare) ConfirmMoveIn(ctx context.Context, p core.Principal, up MoveInUpload) (MoveInReport, error) {
	if err := p.May(policy.MoveIn); err != nil {
		return MoveInReport{}, err
	}
	rep, err := s.importUpload(ctx, p, up, false)
	if err == nil {
		s.dropUpload(ctx, up.Key)
	}
	return rep, err
}

// importUpload opens a kept upload, checks that it is the one named, and
// imports it (or dry-runs it).
func (s *Aftercare) importUpload(ctx context.Context, p core.Principal, up MoveInUpload, dryRun bool) (MoveInReport, error) {
	rd, obj, err := s.Blobs.Open(ctx, up.Key)
	if errors.Is(err, blob.ErrNotFound) || errors.Is(err, blob.ErrInvalidKey) || (err == nil && obj.SHA256 != up.SHA256) {
		if rd != nil {
			_ = rd.Close()
		}
		return MoveInReport{}, errMoveInGone
	} else if err != nil {
		return MoveInReport{}, err
	}
	defer rd.Close()
	zr, csvName, err := movein.OpenZip(rd, obj.Size)
	if err != nil {
		return MoveInReport{}, err
	}
	return s.ImportCertifications(ctx, p, zr, csvName, dryRun)
}

func (s *Aftercare) dropUpload(ctx context.Context, key string) {
	if err := s.Blobs.Delete(ctx, key); err != nil && !errors.Is(err, blob.ErrNotFound) {
		s.Log.ErrorContext(ctx, "move-in upload not removed", "key", key, "err", err)
	}
}
