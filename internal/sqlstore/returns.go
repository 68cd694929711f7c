package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"nintei/application"
	"nintei/store"
)

// Reasons a document is put on the return list, defined in package
// store.
const (
	ReturnNotCertified = store.ReturnNotCertified
	ReturnWithdrawn    = store.ReturnWithdrawn
	ReturnRejected     = store.ReturnRejected
	ReturnRenewal      = store.ReturnRenewal
)

// ListForReturn puts the applicant's files of an application on the
// return list, except those already listed, disposed or removed, and the
// body's own investigation files; only attachments in ids when ids is not
// nil. It returns how many it listed.
func (tx *Tx) ListForReturn(ctx context.Context, applicationID int64, ids []int64, reason, day string) (int, error) {
	q := `INSERT INTO document_returns (attachment_id, application_id, reason, listed_on, listed_at)
		SELECT a.id, a.application_id, ?, ?, ? FROM attachments a
		WHERE a.application_id = ? AND a.removed_at IS NULL AND a.disposed_at IS NULL AND a.purpose <> 'investigation'
		AND NOT EXISTS (SELECT 1 FROM document_returns r WHERE r.attachment_id = a.id)`
	args := []any{reason, day, tx.ts(tx.Now), applicationID}
	if ids != nil {
		if len(ids) == 0 {
			return 0, nil
		}
		q += " AND a.id IN (?" + strings.Repeat(", ?", len(ids)-1) + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	res, err := tx.exec(ctx, q, args...)
	if err != nil {
		return 0, mapErr("sqlstore.ListForReturn", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// ReturnItem is defined in package store, the port of the use cases.
type ReturnItem = store.ReturnItem

const returnColumns = `r.attachment_id, r.application_id, o.name, p.form_a, a.file_name, a.purpose, a.size, a.sha256,
	a.blob_key, r.reason, r.listed_on, COALESCE(r.method, ''), COALESCE(r.disposed_on, ''), r.disposed_at`

const returnJoins = ` FROM document_returns r JOIN attachments a ON a.id = r.attachment_id
	JOIN applications p ON p.id = r.application_id JOIN organizations o ON o.id = p.org_id `

// PendingReturns lists the files waiting to be returned or destroyed,
// oldest listing first.
func (c *conn) PendingReturns(ctx context.Context) ([]ReturnItem, error) {
	return c.returns(ctx, "WHERE r.disposed_at IS NULL ORDER BY r.listed_on, r.application_id, r.attachment_id")
}

// ReturnsOf lists an application's files on the return list, pending or
// done.
func (c *conn) ReturnsOf(ctx context.Context, applicationID int64) ([]ReturnItem, error) {
	return c.returns(ctx, "WHERE r.application_id = ? ORDER BY r.attachment_id", applicationID)
}

func (c *conn) returns(ctx context.Context, where string, args ...any) ([]ReturnItem, error) {
	rows, err := c.query(ctx, "SELECT "+returnColumns+returnJoins+where, args...)
	if err != nil {
		return nil, mapErr("sqlstore.returns", err)
	}
	defer rows.Close()
	var out []ReturnItem
	for rows.Next() {
		var x ReturnItem
		var formA string
		var at sql.NullTime
		if err := rows.Scan(&x.AttachmentID, &x.ApplicationID, &x.OrgName, &formA, &x.FileName, &x.Purpose, &x.Size, &x.SHA256,
			&x.BlobKey, &x.Reason, &x.ListedOn, &x.Method, &x.DisposedOn, &at); err != nil {
			return nil, mapErr("sqlstore.returns", err)
		}
		x.DisposedAt = nullTime(at)
		x.ServiceName = serviceNameOf(formA)
		out = append(out, x)
	}
	return out, mapErr("sqlstore.returns", rows.Err())
}

// DisposeDocument records that one listed file was returned or destroyed
// on a day, and marks the attachment disposed; nintei.ErrNotFound when it
// is not pending on that application's list (already done, or never
// listed).
func (tx *Tx) DisposeDocument(ctx context.Context, applicationID, attachmentID int64, method, on string, by int64) error {
	err := tx.execOne(ctx, "sqlstore.DisposeDocument", `UPDATE document_returns SET method = ?, disposed_on = ?, disposed_by = ?,
		disposed_at = ? WHERE attachment_id = ? AND application_id = ? AND disposed_at IS NULL`,
		method, on, by, tx.ts(tx.Now), attachmentID, applicationID)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE attachments SET disposed_at = ? WHERE id = ?`, tx.ts(tx.Now), attachmentID)
	return mapErr("sqlstore.DisposeDocument", err)
}

// serviceNameOf reads the service name from a stored Form A; "" if the
// form cannot be read (the list still shows the file).
func serviceNameOf(formA string) string {
	var f application.FormA
	if json.Unmarshal([]byte(formA), &f) != nil {
		return ""
	}
	return f.Service.Name
}
