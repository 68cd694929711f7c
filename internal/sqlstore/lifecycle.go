package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"nintei/certification"
	"nintei/civil"
	"nintei/store"
)

// SetCertificationStatus moves a certification from one of the statuses
// in from (at least one) to another; nintei.ErrNotFound when it is in none
// of them any more, so of two staff ending it at once one wins. Triggers
// carry the status into the registry projection and bump the registry
// generation.
func (tx *Tx) SetCertificationStatus(ctx context.Context, id int64, from []certification.Status, to certification.Status) error {
	q := "UPDATE certifications SET status = ? WHERE id = ? AND status IN (?" + strings.Repeat(", ?", len(from)-1) + ")"
	args := []any{string(to), id}
	for _, f := range from {
		args = append(args, string(f))
	}
	return tx.execOne(ctx, "sqlstore.SetCertificationStatus", q, args...)
}

// InsertCertificationEnd records the end; a second end of the same
// certification is a conflict.
func (tx *Tx) InsertCertificationEnd(ctx context.Context, e certification.End) error {
	_, err := tx.exec(ctx, `INSERT INTO certification_ends (certification_id, kind, effective_on, grounds, reason, decided_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.CertificationID, string(e.Kind), e.EffectiveOn, e.Grounds, e.Reason, e.DecidedBy, tx.ts(tx.Now))
	return mapErr("sqlstore.InsertCertificationEnd", err)
}

// CertificationEndOf returns the end record; nintei.ErrNotFound if none.
func (c *conn) CertificationEndOf(ctx context.Context, certificationID int64) (certification.End, error) {
	var e certification.End
	err := c.queryRow(ctx, `SELECT certification_id, kind, effective_on, grounds, reason, decided_by, recorded_at, certificate_returned_on
		FROM certification_ends WHERE certification_id = ?`, certificationID).Scan(&e.CertificationID, &e.Kind, &e.EffectiveOn,
		&e.Grounds, &e.Reason, &e.DecidedBy, &e.RecordedAt, &e.CertificateReturnedOn)
	return e, mapErr("sqlstore.CertificationEndOf", err)
}

// RecordCertificateReturn notes the day the certificate came back.
func (tx *Tx) RecordCertificateReturn(ctx context.Context, certificationID int64, on civil.Date) error {
	return tx.execOne(ctx, "sqlstore.RecordCertificateReturn", `UPDATE certification_ends SET certificate_returned_on = ?
		WHERE certification_id = ? AND certificate_returned_on IS NULL`, on, certificationID)
}

// AddRegistryEvent appends a public event for the feed.
func (tx *Tx) AddRegistryEvent(ctx context.Context, number, kind, on string) error {
	if err := tx.lockLogHead(ctx); err != nil { // before the insert's trigger locks the generation row
		return err
	}
	_, err := tx.exec(ctx, "INSERT INTO registry_events (number, kind, occurred_on, recorded_at) VALUES (?, ?, ?, ?)",
		number, kind, on, tx.ts(tx.Now))
	if err != nil {
		return mapErr("sqlstore.AddRegistryEvent", err)
	}
	return tx.appendLog(ctx, number, kind, on) // every published event is in the public log, in this transaction
}

// AddRegistryEnding appends the public event of a certification's end
// with the grounds of a revocation ("a,c", R-11.5; "" otherwise).
func (tx *Tx) AddRegistryEnding(ctx context.Context, number, kind, on, grounds string) error {
	if err := tx.lockLogHead(ctx); err != nil {
		return err
	}
	_, err := tx.exec(ctx, "INSERT INTO registry_events (number, kind, occurred_on, recorded_at, grounds) VALUES (?, ?, ?, ?, ?)",
		number, kind, on, tx.ts(tx.Now), grounds)
	if err != nil {
		return mapErr("sqlstore.AddRegistryEnding", err)
	}
	return tx.appendLog(ctx, number, kind, on)
}

// AddRegistryChange appends the public event of an accepted change notice
// naming the items whose published answers changed (one name a line).
func (tx *Tx) AddRegistryChange(ctx context.Context, number, on, items string) error {
	if err := tx.lockLogHead(ctx); err != nil {
		return err
	}
	_, err := tx.exec(ctx, "INSERT INTO registry_events (number, kind, occurred_on, recorded_at, items) VALUES (?, 'changed', ?, ?, ?)",
		number, on, tx.ts(tx.Now), items)
	if err != nil {
		return mapErr("sqlstore.AddRegistryChange", err)
	}
	return tx.appendLog(ctx, number, "changed", on)
}

// RegistryEnding returns the day and grounds of a number's newest public
// event of kind; nintei.ErrNotFound when it has none.
func (c *conn) RegistryEnding(ctx context.Context, number, kind string) (on, grounds string, err error) {
	err = c.queryRow(ctx, `SELECT occurred_on, grounds FROM registry_events WHERE number = ? AND kind = ?
		ORDER BY id DESC LIMIT 1`, number, kind).Scan(&on, &grounds)
	return on, grounds, mapErr("sqlstore.RegistryEnding", err)
}

// RegistryEvent is defined in package store, the port of the use cases.
type RegistryEvent = store.RegistryEvent

// RegistryEvents returns the newest public events.
func (c *conn) RegistryEvents(ctx context.Context, limit int) ([]RegistryEvent, error) {
	rows, err := c.query(ctx, `SELECT e.id, e.number, e.kind, e.occurred_on, e.recorded_at, COALESCE(r.service_name, '')
		FROM registry_events e LEFT JOIN registry_entries r ON r.number = e.number ORDER BY e.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, mapErr("sqlstore.RegistryEvents", err)
	}
	defer rows.Close()
	var out []RegistryEvent
	for rows.Next() {
		var e RegistryEvent
		if err := rows.Scan(&e.ID, &e.Number, &e.Kind, &e.OccurredOn, &e.RecordedAt, &e.ServiceName); err != nil {
			return nil, mapErr("sqlstore.RegistryEvents", err)
		}
		out = append(out, e)
	}
	return out, mapErr("sqlstore.RegistryEvents", rows.Err())
}

// ExpiringCertifications lists valid certifications whose last valid day
// is before day: those the expiry sweep ends.
func (c *conn) ExpiringCertifications(ctx context.Context, day civil.Date) ([]certification.Certification, error) {
	return c.certificationsWhere(ctx, "status = 'valid' AND valid_until < ?", day)
}

// ValidCertificationsUntil lists valid certifications whose last valid day
// is on or before day, for renewal guidance.
func (c *conn) ValidCertificationsUntil(ctx context.Context, day civil.Date) ([]certification.Certification, error) {
	return c.certificationsWhere(ctx, "status = 'valid' AND valid_until <= ?", day)
}

func (c *conn) certificationsWhere(ctx context.Context, where string, args ...any) ([]certification.Certification, error) {
	rows, err := c.query(ctx, `SELECT `+certificationColumns+` FROM certifications WHERE `+where+" ORDER BY id", args...)
	if err != nil {
		return nil, mapErr("sqlstore.certificationsWhere", err)
	}
	defer rows.Close()
	var out []certification.Certification
	for rows.Next() {
		x, err := scanCertification(rows)
		if err != nil {
			return nil, mapErr("sqlstore.certificationsWhere", err)
		}
		out = append(out, x)
	}
	return out, mapErr("sqlstore.certificationsWhere", rows.Err())
}

// RegistryEventsAfter returns up to limit events with an ID above after,
// oldest first: the events the follow notices have not been made for.
func (c *conn) RegistryEventsAfter(ctx context.Context, after int64, limit int) ([]RegistryEvent, error) {
	rows, err := c.query(ctx, `SELECT e.id, e.number, e.kind, e.occurred_on, e.recorded_at, COALESCE(r.service_name, ''), e.items
		FROM registry_events e LEFT JOIN registry_entries r ON r.number = e.number WHERE e.id > ? ORDER BY e.id LIMIT ?`, after, limit)
	if err != nil {
		return nil, mapErr("sqlstore.RegistryEventsAfter", err)
	}
	defer rows.Close()
	var out []RegistryEvent
	for rows.Next() {
		var e RegistryEvent
		if err := rows.Scan(&e.ID, &e.Number, &e.Kind, &e.OccurredOn, &e.RecordedAt, &e.ServiceName, &e.Items); err != nil {
			return nil, mapErr("sqlstore.RegistryEventsAfter", err)
		}
		out = append(out, e)
	}
	return out, mapErr("sqlstore.RegistryEventsAfter", rows.Err())
}

// FollowCursor is the last registry event the follow notices were made for.
func (c *conn) FollowCursor(ctx context.Context) (int64, error) {
	var id int64
	err := c.queryRow(ctx, "SELECT event_id FROM follow_cursor WHERE id = 1").Scan(&id)
	return id, mapErr("sqlstore.FollowCursor", err)
}

// MoveFollowCursor moves the cursor from one event to a later one;
// nintei.ErrNotFound when it is no longer at from (another scan moved it),
// so of two scans of the same events only one commits its notices.
func (tx *Tx) MoveFollowCursor(ctx context.Context, from, to int64) error {
	return tx.execOne(ctx, "sqlstore.MoveFollowCursor", "UPDATE follow_cursor SET event_id = ? WHERE id = 1 AND event_id = ?", to, from)
}

// FollowMail is defined in package store, the port of the use cases.
type FollowMail = store.FollowMail

const followMailColumns = "id, kind, target, email, confirm_hash, confirm_until, confirmed_at, unsub_token, created_at"

func scanFollowMail(r interface{ Scan(...any) error }) (FollowMail, error) {
	var m FollowMail
	var at sql.NullTime
	err := r.Scan(&m.ID, &m.Kind, &m.Target, &m.Email, &m.ConfirmHash, &m.ConfirmUntil, &at, &m.UnsubToken, &m.CreatedAt)
	m.ConfirmedAt = nullTime(at)
	return m, err
}

// InsertFollowMail stores an unconfirmed subscription.
func (c *conn) InsertFollowMail(ctx context.Context, m FollowMail) (int64, error) {
	return c.insertID(ctx, "sqlstore.InsertFollowMail", `INSERT INTO follow_mails (kind, target, email, confirm_hash,
		confirm_until, unsub_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.Kind, m.Target, m.Email, m.ConfirmHash, c.ts(m.ConfirmUntil), m.UnsubToken, c.ts(c.now()))
}

// FollowMailBy returns the subscription whose column (confirm_hash or
// unsub_token) holds value; nintei.ErrNotFound when none does.
func (c *conn) FollowMailBy(ctx context.Context, column, value string) (FollowMail, error) {
	if column != "confirm_hash" && column != "unsub_token" {
		column = "id" // never a caller's text in the query
	}
	m, err := scanFollowMail(c.queryRow(ctx, "SELECT "+followMailColumns+" FROM follow_mails WHERE "+column+" = ?", value))
	return m, mapErr("sqlstore.FollowMailBy", err)
}

// FollowMailsFor lists the confirmed subscriptions to kind's target (every
// one of kind when target is empty), in the order they were made.
func (c *conn) FollowMailsFor(ctx context.Context, kind, target string) ([]FollowMail, error) {
	rows, err := c.query(ctx, "SELECT "+followMailColumns+` FROM follow_mails WHERE kind = ? AND (target = ? OR ? = '')
		AND confirmed_at IS NOT NULL ORDER BY id`, kind, target, target)
	if err != nil {
		return nil, mapErr("sqlstore.FollowMailsFor", err)
	}
	defer rows.Close()
	var out []FollowMail
	for rows.Next() {
		m, err := scanFollowMail(rows)
		if err != nil {
			return nil, mapErr("sqlstore.FollowMailsFor", err)
		}
		out = append(out, m)
	}
	return out, mapErr("sqlstore.FollowMailsFor", rows.Err())
}

// ConfirmFollowMail confirms a subscription whose link is still valid;
// nintei.ErrNotFound when it was confirmed already or its link expired.
func (tx *Tx) ConfirmFollowMail(ctx context.Context, id int64) error {
	return tx.execOne(ctx, "sqlstore.ConfirmFollowMail", `UPDATE follow_mails SET confirmed_at = ?
		WHERE id = ? AND confirmed_at IS NULL AND confirm_until > ?`, tx.ts(tx.Now), id, tx.ts(tx.Now))
}

// DeleteFollowMail deletes a subscription, its address with it.
func (c *conn) DeleteFollowMail(ctx context.Context, id int64) error {
	return c.execOne(ctx, "sqlstore.DeleteFollowMail", "DELETE FROM follow_mails WHERE id = ?", id)
}

// PurgeUnconfirmedFollows deletes subscriptions and webhooks whose
// confirmation link expired before at: their addresses are kept no longer.
func (c *conn) PurgeUnconfirmedFollows(ctx context.Context, at time.Time) error {
	for _, table := range []string{"follow_mails", "follow_hooks"} {
		if _, err := c.exec(ctx, "DELETE FROM "+table+" WHERE confirmed_at IS NULL AND confirm_until < ?", c.ts(at)); err != nil {
			return mapErr("sqlstore.PurgeUnconfirmedFollows", err)
		}
	}
	return nil
}

// FollowHook and FollowDelivery are defined in package store.
type (
	FollowHook     = store.FollowHook
	FollowDelivery = store.FollowDelivery
)

const followHookColumns = "id, kind, target, url, secret, contact, confirm_hash, confirm_until, confirmed_at, manage_hash, created_at"

func scanFollowHook(r interface{ Scan(...any) error }) (FollowHook, error) {
	var h FollowHook
	var at sql.NullTime
	err := r.Scan(&h.ID, &h.Kind, &h.Target, &h.URL, &h.Secret, &h.Contact, &h.ConfirmHash, &h.ConfirmUntil, &at, &h.ManageHash, &h.CreatedAt)
	h.ConfirmedAt = nullTime(at)
	return h, err
}

// InsertFollowHook stores an unconfirmed webhook.
func (c *conn) InsertFollowHook(ctx context.Context, h FollowHook) (int64, error) {
	return c.insertID(ctx, "sqlstore.InsertFollowHook", `INSERT INTO follow_hooks (kind, target, url, secret, contact,
		confirm_hash, confirm_until, manage_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		h.Kind, h.Target, h.URL, h.Secret, h.Contact, h.ConfirmHash, c.ts(h.ConfirmUntil), h.ManageHash, c.ts(c.now()))
}

// FollowHookBy returns the webhook whose column (id, confirm_hash or
// manage_hash) holds value; nintei.ErrNotFound when none does.
func (c *conn) FollowHookBy(ctx context.Context, column string, value any) (FollowHook, error) {
	if column != "confirm_hash" && column != "manage_hash" {
		column = "id"
	}
	h, err := scanFollowHook(c.queryRow(ctx, "SELECT "+followHookColumns+" FROM follow_hooks WHERE "+column+" = ?", value))
	return h, mapErr("sqlstore.FollowHookBy", err)
}

// FollowHooksFor lists the confirmed webhooks following kind's target
// (every one of kind when target is empty).
func (c *conn) FollowHooksFor(ctx context.Context, kind, target string) ([]FollowHook, error) {
	rows, err := c.query(ctx, "SELECT "+followHookColumns+` FROM follow_hooks WHERE kind = ? AND (target = ? OR ? = '')
		AND confirmed_at IS NOT NULL ORDER BY id`, kind, target, target)
	if err != nil {
		return nil, mapErr("sqlstore.FollowHooksFor", err)
	}
	defer rows.Close()
	var out []FollowHook
	for rows.Next() {
		h, err := scanFollowHook(rows)
		if err != nil {
			return nil, mapErr("sqlstore.FollowHooksFor", err)
		}
		out = append(out, h)
	}
	return out, mapErr("sqlstore.FollowHooksFor", rows.Err())
}

// ConfirmFollowHook confirms a webhook whose link is still valid, gives it
// its signing secret and management token (hash), and forgets its contact
// address; nintei.ErrNotFound when it was confirmed already or its link
// expired.
func (tx *Tx) ConfirmFollowHook(ctx context.Context, id int64, secret, manageHash string) error {
	return tx.execOne(ctx, "sqlstore.ConfirmFollowHook", `UPDATE follow_hooks SET confirmed_at = ?, contact = '', secret = ?,
		manage_hash = ? WHERE id = ? AND confirmed_at IS NULL AND confirm_until > ?`, tx.ts(tx.Now), secret, manageHash, id, tx.ts(tx.Now))
}

// DeleteFollowHook deletes a webhook and its delivery log.
func (c *conn) DeleteFollowHook(ctx context.Context, id int64) error {
	return c.execOne(ctx, "sqlstore.DeleteFollowHook", "DELETE FROM follow_hooks WHERE id = ?", id)
}

// AddFollowDelivery logs one delivery attempt.
func (c *conn) AddFollowDelivery(ctx context.Context, d FollowDelivery) error {
	_, err := c.exec(ctx, `INSERT INTO follow_deliveries (hook_id, event_id, event_kind, attempt, status_code, error, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.HookID, d.EventID, d.EventKind, d.Attempt, d.StatusCode, d.Error, c.ts(c.now()))
	return mapErr("sqlstore.AddFollowDelivery", err)
}

// FollowDeliveries returns a webhook's newest delivery attempts, newest first.
func (c *conn) FollowDeliveries(ctx context.Context, hookID int64, limit int) ([]FollowDelivery, error) {
	rows, err := c.query(ctx, `SELECT id, hook_id, event_id, event_kind, attempt, status_code, error, at
		FROM follow_deliveries WHERE hook_id = ? ORDER BY id DESC LIMIT ?`, hookID, limit)
	if err != nil {
		return nil, mapErr("sqlstore.FollowDeliveries", err)
	}
	defer rows.Close()
	var out []FollowDelivery
	for rows.Next() {
		var d FollowDelivery
		if err := rows.Scan(&d.ID, &d.HookID, &d.EventID, &d.EventKind, &d.Attempt, &d.StatusCode, &d.Error, &d.At); err != nil {
			return nil, mapErr("sqlstore.FollowDeliveries", err)
		}
		out = append(out, d)
	}
	return out, mapErr("sqlstore.FollowDeliveries", rows.Err())
}
