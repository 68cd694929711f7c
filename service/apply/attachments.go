package apply

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/application"
	"nintei/internal/blob"
	"nintei/internal/upload"
	"nintei/policy"
	"nintei/service/aftercare"
	"nintei/service/core"
	"nintei/store"
)

// NewAttachment is an upload as the adapters hand it over.
type NewAttachment struct {
	Purpose    application.Purpose
	FileName   string
	Body       io.Reader
	ItemIDs    []string
	SourceURL  string
	CapturedOn string
	Original   bool
}

// AddAttachment stores an uploaded file for a draft: it streams the body to
// the blob store (never whole in memory), decides the type by content, and
// records it with its SHA-256. A refused or failed upload leaves neither a
// record nor a file behind, and neither does a crash (see putEvidence).
func (s *Apply) AddAttachment(ctx context.Context, p core.Principal, appID int64, n NewAttachment) (application.Attachment, error) {
	a, err := s.EditableApplication(ctx, p, appID)
	if err != nil {
		return application.Attachment{}, err
	}
	if err := s.checkNewAttachment(ctx, a, &n); err != nil {
		return application.Attachment{}, err
	}
	obj, err := s.putEvidence(ctx, a.ID, n.Body)
	if err != nil {
		return application.Attachment{}, err
	}
	att, err := s.recordAttachment(ctx, p, a, n, obj)
	if err != nil {
		if derr := s.Blobs.Delete(context.WithoutCancel(ctx), obj.Key); derr != nil {
			s.Log.ErrorContext(ctx, "orphaned upload not removed", "key", obj.Key, "err", derr)
		}
	}
	return att, err
}

func (s *Apply) checkNewAttachment(ctx context.Context, a application.Application, n *NewAttachment) error {
	if !n.Purpose.Valid() {
		return nintei.Invalid("error.attachment.purpose", "purpose")
	}
	if !n.Purpose.SupportsItems() {
		n.ItemIDs = nil
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	for _, id := range n.ItemIDs {
		if _, ok := ed.Item(id); !ok {
			return nintei.Invalid("error.formb.unknown_item", "items").With("Item", id)
		}
	}
	if n.Purpose == application.PurposeWebEvidence {
		if !strings.HasPrefix(n.SourceURL, "https://") && !strings.HasPrefix(n.SourceURL, "http://") {
			return nintei.Invalid("error.attachment.source_url", "source_url")
		}
		if _, err := time.Parse("2006-01-02", n.CapturedOn); err != nil {
			return nintei.Invalid("error.attachment.captured_on", "captured_on")
		}
	}
	return nil
}

// recordAttachment sniffs the stored file and writes its record and audit
// event in one transaction.
func (s *Apply) recordAttachment(ctx context.Context, p core.Principal, a application.Application, n NewAttachment, obj blob.Object) (application.Attachment, error) {
	r, _, err := s.Blobs.Open(ctx, obj.Key)
	if errors.Is(err, blob.ErrNotFound) {
		return application.Attachment{}, errUploadExpired // its discard job ran
	} else if err != nil {
		return application.Attachment{}, err
	}
	kind, err := upload.SniffFile(r, obj.Size, n.FileName)
	_ = r.Close()
	if err != nil {
		return application.Attachment{}, err
	}
	att := application.Attachment{ApplicationID: a.ID, Purpose: n.Purpose, BlobKey: obj.Key, FileName: kind.FileName(n.FileName),
		MediaType: kind.MIME(), Size: obj.Size, SHA256: obj.SHA256, SourceURL: n.SourceURL, CapturedOn: n.CapturedOn,
		Original: n.Original, ItemIDs: n.ItemIDs, UploadedBy: p.User.ID}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := tx.TouchApplication(ctx, a.ID, a.Version); errors.Is(err, nintei.ErrConflict) {
			return core.ErrStaleVersion
		} else if err != nil {
			return err
		}
		if att, err = tx.InsertAttachment(ctx, att); err != nil {
			return err
		}
		if err := keepUpload(ctx, tx, att.BlobKey); err != nil {
			return err
		}
		ev := core.Event(&p.User, "attachment.add", "application", strconv.FormatInt(a.ID, 10))
		ev.AfterDigest = att.SHA256
		return core.AuditWithDetail(ctx, tx, ev, core.AttachmentDetail{Attachment: att.ID, Purpose: string(att.Purpose)})
	})
	return att, err
}

// Attachments lists an application's attachments for an actor who may see it.
func (s *Apply) Attachments(ctx context.Context, p core.Principal, appID int64) ([]application.Attachment, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return nil, err
	}
	atts, err := s.Store.Attachments(ctx, appID)
	if err != nil || p.Can(policy.ReadApplications) {
		return atts, err
	}
	var own []application.Attachment
	for _, a := range atts {
		if !a.Purpose.StaffOnly() {
			own = append(own, a)
		}
	}
	return own, nil
}

// OpenAttachment returns an attachment's content for an actor who may see
// the application: its provider's users, and staff once it is submitted.
func (s *Apply) OpenAttachment(ctx context.Context, p core.Principal, appID, id int64) (application.Attachment, blob.Reader, error) {
	if _, err := s.Application(ctx, p, appID); err != nil {
		return application.Attachment{}, nil, err
	}
	att, err := s.Store.Attachment(ctx, appID, id)
	if err != nil {
		return att, nil, err
	}
	if att.Purpose.StaffOnly() && !p.Can(policy.ReadApplications) {
		return application.Attachment{}, nil, nintei.ErrNotFound
	}
	if att.DisposedAt != nil {
		return att, nil, aftercare.ErrDisposed
	}
	r, _, err := s.Blobs.Open(ctx, att.BlobKey)
	return att, r, err
}

// AddInvestigationFile stores a file of the on-site investigation,
// seen only by staff.
func (s *Apply) AddInvestigationFile(ctx context.Context, p core.Principal, appID int64, name string, body io.Reader) (application.Attachment, error) {
	if err := p.May(policy.RunReview); err != nil {
		return application.Attachment{}, err
	}
	a, err := s.StaffApplication(ctx, p, appID)
	if err != nil {
		return application.Attachment{}, err
	}
	if a.State != application.Investigation && a.State != application.DocumentReview {
		return application.Attachment{}, application.ErrNotNow.With("State", string(a.State))
	}
	obj, err := s.putEvidence(ctx, a.ID, body)
	if err != nil {
		return application.Attachment{}, err
	}
	att, err := s.recordStaffFile(ctx, p, a, name, obj)
	if err != nil {
		if derr := s.Blobs.Delete(context.WithoutCancel(ctx), obj.Key); derr != nil {
			s.Log.ErrorContext(ctx, "orphaned upload not removed", "key", obj.Key, "err", derr)
		}
	}
	return att, err
}

func (s *Apply) recordStaffFile(ctx context.Context, p core.Principal, a application.Application, name string, obj blob.Object) (application.Attachment, error) {
	r, _, err := s.Blobs.Open(ctx, obj.Key)
	if errors.Is(err, blob.ErrNotFound) {
		return application.Attachment{}, errUploadExpired
	} else if err != nil {
		return application.Attachment{}, err
	}
	kind, err := upload.SniffFile(r, obj.Size, name)
	_ = r.Close()
	if err != nil {
		return application.Attachment{}, err
	}
	att := application.Attachment{ApplicationID: a.ID, Purpose: application.PurposeInvestigation, BlobKey: obj.Key,
		FileName: kind.FileName(name), MediaType: kind.MIME(), Size: obj.Size, SHA256: obj.SHA256, UploadedBy: p.User.ID}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if att, err = tx.InsertAttachment(ctx, att); err != nil {
			return err
		}
		if err := keepUpload(ctx, tx, att.BlobKey); err != nil {
			return err
		}
		ev := core.Event(&p.User, "investigation.file", "application", strconv.FormatInt(a.ID, 10))
		ev.AfterDigest = att.SHA256
		return tx.Audit(ctx, ev)
	})
	return att, err
}

// RemoveAttachment takes a file off a draft. The record stays (removed) for
// the audit trail; the file is deleted since it was never submitted.
func (s *Apply) RemoveAttachment(ctx context.Context, p core.Principal, appID, id int64) error {
	a, err := s.EditableApplication(ctx, p, appID)
	if err != nil {
		return err
	}
	att, err := s.Store.Attachment(ctx, appID, id)
	if err != nil {
		return err
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := tx.TouchApplication(ctx, a.ID, a.Version); err != nil {
			return err
		}
		if err := tx.RemoveAttachment(ctx, appID, id); err != nil {
			return err
		}
		ev := core.Event(&p.User, "attachment.remove", "application", strconv.FormatInt(appID, 10))
		ev.BeforeDigest = att.SHA256
		return tx.Audit(ctx, ev)
	})
	if err == nil {
		if derr := s.Blobs.Delete(context.WithoutCancel(ctx), att.BlobKey); derr != nil {
			s.Log.WarnContext(ctx, "removed attachment's file not deleted", "key", att.BlobKey, "err", derr)
		}
	}
	return err
}

// LinkAttachments sets which attachments support an item, from the Form B
// editor. Only attachments that back answers can be linked.
func (s *Apply) LinkAttachments(ctx context.Context, p core.Principal, appID int64, links map[string][]int64) error {
	a, err := s.EditableApplication(ctx, p, appID)
	if err != nil {
		return err
	}
	atts, err := s.Store.Attachments(ctx, appID)
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		for _, att := range atts {
			if !att.Purpose.SupportsItems() {
				continue
			}
			items := relink(att, links)
			if err := tx.SetAttachmentItems(ctx, att.ID, items); err != nil {
				return err
			}
		}
		ev := core.Event(&p.User, "attachment.link", "application", strconv.FormatInt(a.ID, 10))
		ev.AfterDigest = nintei.StateDigest(links)
		return tx.Audit(ctx, ev)
	})
}

// relink recomputes an attachment's items: items named in links take the
// posted choice; other items keep their links.
func relink(att application.Attachment, links map[string][]int64) []string {
	var out []string
	for _, id := range att.ItemIDs {
		if _, posted := links[id]; !posted {
			out = append(out, id)
		}
	}
	for item, ids := range links {
		for _, id := range ids {
			if id == att.ID {
				out = append(out, item)
			}
		}
	}
	return out
}
