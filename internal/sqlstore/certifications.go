package sqlstore

import (
	"context"

	"nintei/certification"
)

// NextSerial allocates the next certification serial of a scheme inside
// the transaction: the counter row is updated (and so locked) first, so
// concurrent certifications get distinct serials with no gap, and a
// rolled-back certification gives its serial back.
func (tx *Tx) NextSerial(ctx context.Context, schemeID string) (int64, error) {
	if _, err := tx.exec(ctx, `INSERT INTO certification_serials (scheme_id, last_serial) VALUES (?, 0)
		ON CONFLICT (scheme_id) DO NOTHING`, schemeID); err != nil {
		return 0, mapErr("sqlstore.NextSerial", err)
	}
	var n int64
	err := tx.queryRow(ctx, `UPDATE certification_serials SET last_serial = last_serial + 1 WHERE scheme_id = ?
		RETURNING last_serial`, schemeID).Scan(&n)
	return n, mapErr("sqlstore.NextSerial", err)
}

// InsertCertification stores a certification.
func (tx *Tx) InsertCertification(ctx context.Context, c certification.Certification) (certification.Certification, error) {
	var err error
	c.ID, err = tx.insertID(ctx, "sqlstore.InsertCertification", `INSERT INTO certifications (application_id, org_id,
		scheme_id, serial, number, certified_on, valid_until, status, created_at, term_starts_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ApplicationID, c.OrgID, c.SchemeID, c.Serial, c.Number, c.CertifiedOn, c.ValidUntil, string(c.Status), tx.ts(tx.Now), c.CertifiedOn)
	if err != nil {
		return c, err
	}
	c.TermStartsOn = c.CertifiedOn
	return c, tx.InsertTerm(ctx, certification.Term{CertificationID: c.ID, ApplicationID: c.ApplicationID, StartsOn: c.CertifiedOn,
		ValidUntil: c.ValidUntil, DecidedOn: c.CertifiedOn})
}

// certificationColumns are scanned by scanCertification.
const certificationColumns = `id, application_id, org_id, scheme_id, serial, number, certified_on, valid_until, status,
	term_starts_on, renewed_on, certificate_issued_on`

func scanCertification(row interface{ Scan(...any) error }) (certification.Certification, error) {
	var x certification.Certification
	err := row.Scan(&x.ID, &x.ApplicationID, &x.OrgID, &x.SchemeID, &x.Serial, &x.Number, &x.CertifiedOn, &x.ValidUntil,
		&x.Status, &x.TermStartsOn, &x.RenewedOn, &x.CertificateIssuedOn)
	return x, err
}

// CertificationOfApplication returns the certification an application was
// certified for: its first one, or one it renewed; nintei.ErrNotFound
// if it has none.
func (c *conn) CertificationOfApplication(ctx context.Context, applicationID int64) (certification.Certification, error) {
	x, err := scanCertification(c.queryRow(ctx, `SELECT `+certificationColumns+` FROM certifications
		WHERE application_id = ? OR id IN (SELECT certification_id FROM certification_terms WHERE application_id = ?)
		OR id IN (SELECT renews_certification_id FROM applications WHERE id = ? AND kind = 'change' AND state = 'accepted')`,
		applicationID, applicationID, applicationID))
	return x, mapErr("sqlstore.CertificationOfApplication", err)
}

// CertificationByID returns one certification.
func (c *conn) CertificationByID(ctx context.Context, id int64) (certification.Certification, error) {
	x, err := scanCertification(c.queryRow(ctx, `SELECT `+certificationColumns+` FROM certifications WHERE id = ?`, id))
	return x, mapErr("sqlstore.CertificationByID", err)
}
