package aftercare

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"nintei"
	"nintei/application"
	"nintei/internal/blob"
	"nintei/internal/jobs"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// JobDeleteDocument deletes a returned or destroyed document's file from
// the evidence store. It runs as a job, enqueued in the transaction that
// records the disposal, so the deletion happens (and is retried) even if
// the store is down at that moment, and exactly once across instances.
const JobDeleteDocument = "document.delete_file"

// Ways a document leaves the body.
const (
	DisposeReturned  = "returned"
	DisposeDestroyed = "destroyed"
)

var (
	errDisposeMethod = nintei.Invalid("error.returns.method", "method")
	errDisposeNone   = nintei.Invalid("error.returns.none", "attachment")
	ErrDisposed      = nintei.Errorf(nintei.KindNotFound, "error.attachment.disposed")
)

// listChainForReturn puts every term's files of a certification on the
// return list when it ends (R-10.1: expiry without renewal, revocation;
// and termination and succession, after which nothing justifies keeping
// them). Form A and the published answers are data, not files, and stay
//
func listChainForReturn(ctx context.Context, tx store.Tx, certificationID int64, reason, day string) error {
	terms, err := tx.Terms(ctx, certificationID)
	if err != nil {
		return err
	}
	changes, err := tx.AcceptedChanges(ctx, certificationID)
	if err != nil {
		return err
	}
	for _, t := range terms {
		changes = append(changes, t.ApplicationID)
	}
	for _, id := range changes {
		if _, err := tx.ListForReturn(ctx, id, nil, reason, day); err != nil {
			return err
		}
	}
	return nil
}

// listSuperseded puts on the return list, at a renewal, the earlier
// terms' files the renewal no longer relies on.
func (s *Aftercare) listSuperseded(ctx context.Context, tx store.Tx, a application.Application, day string) error {
	kept, err := s.ReviewedFiles(ctx, a)
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for _, f := range kept {
		keep[f.ID] = true
	}
	terms, err := tx.Terms(ctx, a.RenewsCertificationID)
	if err != nil {
		return err
	}
	for _, t := range terms {
		if t.ApplicationID == a.ID {
			continue
		}
		files, err := tx.Attachments(ctx, t.ApplicationID)
		if err != nil {
			return err
		}
		ids := []int64{}
		for _, f := range files {
			if !keep[f.ID] {
				ids = append(ids, f.ID)
			}
		}
		if _, err := tx.ListForReturn(ctx, t.ApplicationID, ids, store.ReturnRenewal, day); err != nil {
			return err
		}
	}
	return nil
}

// PendingReturns is the secretariat's return list: files to return or
// destroy.
func (s *Aftercare) PendingReturns(ctx context.Context, p core.Principal) ([]store.ReturnItem, error) {
	if err := p.May(policy.ManageReturns); err != nil {
		return nil, err
	}
	return s.Store.PendingReturns(ctx)
}

// ReturnsOf lists an application's files on the return list for anyone who
// may see the application.
func (s *Aftercare) ReturnsOf(ctx context.Context, p core.Principal, appID int64) ([]store.ReturnItem, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	return s.Store.ReturnsOf(ctx, appID)
}

// deleteDocument is the payload of JobDeleteDocument.
type deleteDocument struct {
	AttachmentID int64  `json:"attachment_id"`
	BlobKey      string `json:"blob_key"`
	SHA256       string `json:"sha256"`
}

// DisposeDocuments records that listed files of an application were
// returned to the provider or destroyed on a day; each is audited,
// can no longer be downloaded, and its file is deleted from the evidence
// store by a job, which audits the deletion.
func (s *Aftercare) DisposeDocuments(ctx context.Context, p core.Principal, appID int64, ids []int64, method, on string) error {
	if !p.Can(policy.ManageReturns) {
		return nintei.Errorf(nintei.KindForbidden, "error.forbidden")
	}
	if method != DisposeReturned && method != DisposeDestroyed {
		return errDisposeMethod
	}
	if len(ids) == 0 {
		return errDisposeNone
	}
	today := s.Today().Format(core.DateLayout)
	if on = strings.TrimSpace(on); on == "" {
		on = today
	}
	if _, err := parseDay(on); err != nil || on > today {
		return nintei.Invalid("error.returns.date", "on")
	}
	listed, err := s.ReturnsOf(ctx, p, appID)
	if err != nil {
		return err
	}
	byID := map[int64]store.ReturnItem{}
	for _, x := range listed {
		byID[x.AttachmentID] = x
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		for _, id := range ids {
			x, ok := byID[id]
			if !ok {
				return errDisposeNone
			}
			if err := tx.DisposeDocument(ctx, appID, id, method, on, p.User.ID); nintei.KindOf(err) == nintei.KindNotFound {
				return nintei.Errorf(nintei.KindConflict, "error.returns.done").With("File", x.FileName)
			} else if err != nil {
				return err
			}
			ev := core.Event(&p.User, "document."+method, "attachment", strconv.FormatInt(id, 10))
			if err := core.AuditWithDetail(ctx, tx, ev, core.DocumentReturnDetail{Application: appID, On: on, SHA256: x.SHA256}); err != nil {
				return err
			}
			if _, _, err := jobs.Enqueue(ctx, tx, JobDeleteDocument, deleteDocument{AttachmentID: id, BlobKey: x.BlobKey, SHA256: x.SHA256},
				jobs.Spec{UniqueKey: "document-delete-" + strconv.FormatInt(id, 10)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteDocumentFile is the job that deletes a disposed document's file; a
// file already gone counts as deleted, so a retry after a crash is safe.
func (s *Aftercare) DeleteDocumentFile(ctx context.Context, j jobs.Job) error {
	var d deleteDocument
	if err := json.Unmarshal([]byte(j.Payload), &d); err != nil {
		return nintei.Wrap("service.deleteDocumentFile", err)
	}
	if err := s.Blobs.Delete(ctx, d.BlobKey); err != nil && !errors.Is(err, blob.ErrNotFound) {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(nil, "document.file_deleted", "attachment", strconv.FormatInt(d.AttachmentID, 10))
		return core.AuditWithDetail(ctx, tx, ev, core.FileDeletedDetail{SHA256: d.SHA256})
	})
}
