package sqlstore

import (
	"context"
	"strings"

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
