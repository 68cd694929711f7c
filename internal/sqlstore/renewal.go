package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"nintei/application"
	"nintei/certification"
	"nintei/civil"
)

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// InsertTerm records a term.
func (tx *Tx) InsertTerm(ctx context.Context, t certification.Term) error {
	_, err := tx.exec(ctx, `INSERT INTO certification_terms (certification_id, application_id, starts_on, valid_until, decided_on)
		VALUES (?, ?, ?, ?, ?)`, t.CertificationID, t.ApplicationID, t.StartsOn, t.ValidUntil, t.DecidedOn)
	return mapErr("sqlstore.InsertTerm", err)
}

// Terms lists a certification's terms, oldest first.
func (c *conn) Terms(ctx context.Context, certificationID int64) ([]certification.Term, error) {
	rows, err := c.query(ctx, `SELECT certification_id, application_id, starts_on, valid_until, decided_on
		FROM certification_terms WHERE certification_id = ? ORDER BY starts_on`, certificationID)
	if err != nil {
		return nil, mapErr("sqlstore.Terms", err)
	}
	defer rows.Close()
	var out []certification.Term
	for rows.Next() {
		var t certification.Term
		if err := rows.Scan(&t.CertificationID, &t.ApplicationID, &t.StartsOn, &t.ValidUntil, &t.DecidedOn); err != nil {
			return nil, mapErr("sqlstore.Terms", err)
		}
		out = append(out, t)
	}
	return out, mapErr("sqlstore.Terms", rows.Err())
}

// RenewCertification starts a certification's next term: the
// renewal's application becomes the current one, the term and status are
// set, and the term is recorded. The number and serial stay. It fails with
// nintei.ErrNotFound unless the certification is still in force.
func (tx *Tx) RenewCertification(ctx context.Context, certificationID int64, t certification.Term) error {
	t.CertificationID = certificationID
	err := tx.execOne(ctx, "sqlstore.RenewCertification", `UPDATE certifications SET application_id = ?, term_starts_on = ?,
		valid_until = ?, renewed_on = ?, certificate_issued_on = ?, status = 'valid' WHERE id = ? AND status IN ('valid', 'renewal_pending')`,
		t.ApplicationID, t.StartsOn, t.ValidUntil, t.DecidedOn, t.DecidedOn, certificationID)
	if err != nil {
		return err
	}
	return tx.InsertTerm(ctx, t)
}

// renewalOpenStates are the states of a renewal still waiting for its
// decision: from submission to the committee.
var renewalOpenStates = []application.State{application.Submitted, application.FormalReview, application.Returned,
	application.AwaitingPay, application.DocumentReview, application.Inquiry, application.Investigation, application.Committee}

// RenewalOf returns the renewal or change notice of a certification that
// is not yet decided or withdrawn (a draft included); nintei.ErrNotFound
// if there is none.
func (c *conn) RenewalOf(ctx context.Context, certificationID int64) (application.Application, error) {
	a, err := scanApplication(c.queryRow(ctx, "SELECT "+applicationColumns+` FROM applications
		WHERE renews_certification_id = ? AND state NOT IN ('certified', 'not_certified', 'accepted', 'rejected', 'withdrawn')
		ORDER BY id DESC LIMIT 1`,
		certificationID))
	return a, mapErr("sqlstore.RenewalOf", err)
}

// PendingRenewal reports whether a certification has a renewal handed in
// and not yet decided or withdrawn: the one case in which it stays in force
// past its last valid day.
func (c *conn) PendingRenewal(ctx context.Context, certificationID int64) (bool, error) {
	q := `SELECT COUNT(*) FROM applications WHERE renews_certification_id = ? AND submitted_at IS NOT NULL AND state IN (?`
	args := []any{certificationID, renewalOpenStates[0]}
	for _, s := range renewalOpenStates[1:] {
		q += ", ?"
		args = append(args, s)
	}
	var n int
	err := c.queryRow(ctx, q+")", args...).Scan(&n)
	return n > 0, mapErr("sqlstore.PendingRenewal", err)
}

// DeclareMarkUse records the applicant's self-declaration of proper mark
// use at a known version; it returns the new version.
func (c *conn) DeclareMarkUse(ctx context.Context, id, version int64, at time.Time) (int64, error) {
	return c.bump(ctx, "sqlstore.DeclareMarkUse", id, version, "mark_use_declared_at = ?", c.ts(at))
}

// ActiveWithheld returns the published answers of a number withheld until
// day or later (item ID → last withheld day).
func (c *conn) ActiveWithheld(ctx context.Context, number, day string) (map[string]string, error) {
	rows, err := c.query(ctx, `SELECT item_id, until FROM registry_withheld WHERE number = ? AND until >= ?`, number, day)
	if err != nil {
		return nil, mapErr("sqlstore.ActiveWithheld", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, until string
		if err := rows.Scan(&id, &until); err != nil {
			return nil, mapErr("sqlstore.ActiveWithheld", err)
		}
		out[id] = until
	}
	return out, mapErr("sqlstore.ActiveWithheld", rows.Err())
}

// ForgetWithheld drops the withheld texts of a number, before a new
// snapshot is withheld again with its own texts.
func (tx *Tx) ForgetWithheld(ctx context.Context, number string) error {
	_, err := tx.exec(ctx, `DELETE FROM registry_withheld WHERE number = ?`, number)
	return mapErr("sqlstore.ForgetWithheld", err)
}

// SetCurrentApplication makes an accepted change notice the application
// the certification's registry entry and certificate are read from
// nintei.ErrNotFound unless the certification is in force.
func (tx *Tx) SetCurrentApplication(ctx context.Context, certificationID, applicationID int64) error {
	return tx.execOne(ctx, "sqlstore.SetCurrentApplication", `UPDATE certifications SET application_id = ?
		WHERE id = ? AND status IN ('valid', 'renewal_pending')`, applicationID, certificationID)
}

// AcceptedChanges lists the accepted change notices of a certification.
func (c *conn) AcceptedChanges(ctx context.Context, certificationID int64) ([]int64, error) {
	rows, err := c.query(ctx, `SELECT id FROM applications WHERE renews_certification_id = ? AND kind = 'change'
		AND state = 'accepted' ORDER BY id`, certificationID)
	if err != nil {
		return nil, mapErr("sqlstore.AcceptedChanges", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr("sqlstore.AcceptedChanges", err)
		}
		out = append(out, id)
	}
	return out, mapErr("sqlstore.AcceptedChanges", rows.Err())
}

// SetCertificateIssued records that a new certificate was issued on day
// (a reissue after a change notice, R-9.5).
func (tx *Tx) SetCertificateIssued(ctx context.Context, certificationID int64, day civil.Date) error {
	return tx.execOne(ctx, "sqlstore.SetCertificateIssued", `UPDATE certifications SET certificate_issued_on = ? WHERE id = ?`,
		day, certificationID)
}
