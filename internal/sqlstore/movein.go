package sqlstore

import (
	"context"

	"nintei/certification"
)

// RaiseSerial moves a scheme's serial counter up to atLeast when it is
// lower, so that the next certification issued here follows the highest
// serial brought in from the body's old site (NextSerial adds one to it).
// The counter never goes down.
func (tx *Tx) RaiseSerial(ctx context.Context, schemeID string, atLeast int64) error {
	if _, err := tx.exec(ctx, `INSERT INTO certification_serials (scheme_id, last_serial) VALUES (?, 0)
		ON CONFLICT (scheme_id) DO NOTHING`, schemeID); err != nil {
		return mapErr("sqlstore.RaiseSerial", err)
	}
	_, err := tx.exec(ctx, `UPDATE certification_serials SET last_serial = ? WHERE scheme_id = ? AND last_serial < ?`,
		atLeast, schemeID, atLeast)
	return mapErr("sqlstore.RaiseSerial", err)
}

// SerialsOfScheme maps the serials a scheme has issued to their numbers,
// so that an import can name the row whose number or serial is taken.
func (c *conn) SerialsOfScheme(ctx context.Context, schemeID string) (map[int64]string, error) {
	rows, err := c.query(ctx, `SELECT serial, number FROM certifications WHERE scheme_id = ?`, schemeID)
	if err != nil {
		return nil, mapErr("sqlstore.SerialsOfScheme", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var serial int64
		var number string
		if err := rows.Scan(&serial, &number); err != nil {
			return nil, mapErr("sqlstore.SerialsOfScheme", err)
		}
		out[serial] = number
	}
	return out, mapErr("sqlstore.SerialsOfScheme", rows.Err())
}

// InsertImportedCertification stores a certification brought from the
// body's old site as it was issued there: its serial and number, its first
// day, the current term and the day of its last renewal. Its terms are
// recorded by the caller (InsertTerm), one per term it ran for.
func (tx *Tx) InsertImportedCertification(ctx context.Context, c certification.Certification) (certification.Certification, error) {
	var err error
	c.ID, err = tx.insertID(ctx, "sqlstore.InsertImportedCertification", `INSERT INTO certifications (application_id, org_id,
		scheme_id, serial, number, certified_on, valid_until, status, created_at, term_starts_on, renewed_on, certificate_issued_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ApplicationID, c.OrgID, c.SchemeID, c.Serial, c.Number, c.CertifiedOn, c.ValidUntil, string(c.Status), tx.ts(tx.Now),
		c.TermStartsOn, c.RenewedOn, c.CertificateIssuedOn)
	return c, err
}
