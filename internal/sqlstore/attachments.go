package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"nintei"
	"nintei/application"
)

// InsertAttachment records an uploaded file and the items it supports.
func (c *conn) InsertAttachment(ctx context.Context, a application.Attachment) (application.Attachment, error) {
	a.UploadedAt = c.now()
	var err error
	a.ID, err = c.insertID(ctx, "sqlstore.InsertAttachment",
		`INSERT INTO attachments (application_id, purpose, blob_key, file_name, media_type, size, sha256, source_url,
			captured_on, original, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ApplicationID, a.Purpose, a.BlobKey, a.FileName, a.MediaType, a.Size, a.SHA256, a.SourceURL, a.CapturedOn,
		a.Original, a.UploadedBy, c.ts(a.UploadedAt))
	if err != nil {
		return a, err
	}
	return a, c.SetAttachmentItems(ctx, a.ID, a.ItemIDs)
}

// SetAttachmentItems replaces the items an attachment supports.
func (c *conn) SetAttachmentItems(ctx context.Context, attachmentID int64, itemIDs []string) error {
	if _, err := c.exec(ctx, "DELETE FROM attachment_items WHERE attachment_id = ?", attachmentID); err != nil {
		return mapErr("sqlstore.SetAttachmentItems", err)
	}
	seen := map[string]bool{}
	for _, id := range itemIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := c.exec(ctx, "INSERT INTO attachment_items (attachment_id, item_id) VALUES (?, ?)", attachmentID, id); err != nil {
			return mapErr("sqlstore.SetAttachmentItems", err)
		}
	}
	return nil
}

const attachmentColumns = `id, application_id, purpose, blob_key, file_name, media_type, size, sha256, source_url,
	captured_on, original, uploaded_by, uploaded_at, disposed_at`

func scanAttachment(row interface{ Scan(...any) error }) (application.Attachment, error) {
	var a application.Attachment
	var disposed sql.NullTime
	err := row.Scan(&a.ID, &a.ApplicationID, &a.Purpose, &a.BlobKey, &a.FileName, &a.MediaType, &a.Size, &a.SHA256,
		&a.SourceURL, &a.CapturedOn, &a.Original, &a.UploadedBy, &a.UploadedAt, &disposed)
	a.DisposedAt = nullTime(disposed)
	return a, err
}

// Attachments lists an application's current attachments with their items,
// in upload order.
func (c *conn) Attachments(ctx context.Context, applicationID int64) ([]application.Attachment, error) {
	rows, err := c.query(ctx, "SELECT "+attachmentColumns+` FROM attachments
		WHERE application_id = ? AND removed_at IS NULL ORDER BY id`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.Attachments", err)
	}
	var out []application.Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			_ = rows.Close()
			return nil, mapErr("sqlstore.Attachments", err)
		}
		out = append(out, a)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr("sqlstore.Attachments", err)
	}
	items, err := c.attachmentItems(ctx, applicationID)
	for i := range out {
		out[i].ItemIDs = items[out[i].ID]
	}
	return out, err
}

func (c *conn) attachmentItems(ctx context.Context, applicationID int64) (map[int64][]string, error) {
	rows, err := c.query(ctx, `SELECT ai.attachment_id, ai.item_id FROM attachment_items ai
		JOIN attachments a ON a.id = ai.attachment_id WHERE a.application_id = ? AND a.removed_at IS NULL`, applicationID)
	if err != nil {
		return nil, mapErr("sqlstore.attachmentItems", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var item string
		if err := rows.Scan(&id, &item); err != nil {
			return nil, mapErr("sqlstore.attachmentItems", err)
		}
		out[id] = append(out[id], item)
	}
	for _, ids := range out {
		sort.Strings(ids)
	}
	return out, mapErr("sqlstore.attachmentItems", rows.Err())
}

// Attachment returns one current attachment of an application;
// nintei.ErrNotFound when it is not that application's.
func (c *conn) Attachment(ctx context.Context, applicationID, id int64) (application.Attachment, error) {
	a, err := scanAttachment(c.queryRow(ctx, "SELECT "+attachmentColumns+` FROM attachments
		WHERE id = ? AND application_id = ? AND removed_at IS NULL`, id, applicationID))
	return a, mapErr("sqlstore.Attachment", err)
}

// RemoveAttachment marks an attachment removed (kept for the audit trail).
func (c *conn) RemoveAttachment(ctx context.Context, applicationID, id int64) error {
	res, err := c.exec(ctx, "UPDATE attachments SET removed_at = ? WHERE id = ? AND application_id = ? AND removed_at IS NULL",
		c.ts(c.now()), id, applicationID)
	if err != nil {
		return mapErr("sqlstore.RemoveAttachment", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("sqlstore.RemoveAttachment: %w", nintei.ErrNotFound)
	}
	return nil
}

// BlobKeyRecorded reports whether an attachment row, current or removed,
// holds the evidence file stored under key.
func (c *conn) BlobKeyRecorded(ctx context.Context, key string) (bool, error) {
	var n int
	if err := c.queryRow(ctx, "SELECT count(*) FROM attachments WHERE blob_key = ?", key).Scan(&n); err != nil {
		return false, mapErr("sqlstore.BlobKeyRecorded", err)
	}
	return n > 0, nil
}
