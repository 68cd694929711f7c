package sqlstore

import (
	"context"
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

// Certification is a certified service's record.
type Certification struct {
	ID            int64
	ApplicationID int64
	OrgID         int64
	SchemeID      string
	Serial        int64
	Number        string
	CertifiedOn   string // YYYY-MM-DD (JST)
	ValidUntil    string // the last valid day
	Status        string
}

// InsertCertification stores a certification.
func (tx *Tx) InsertCertification(ctx context.Context, c Certification) (Certification, error) {
	var err error
	c.ID, err = tx.insertID(ctx, "sqlstore.InsertCertification", `INSERT INTO certifications (application_id, org_id,
		scheme_id, serial, number, certified_on, valid_until, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ApplicationID, c.OrgID, c.SchemeID, c.Serial, c.Number, c.CertifiedOn, c.ValidUntil, c.Status, tx.ts(tx.Now))
	return c, err
}

// CertificationOfApplication returns an application's certification;
// nintei.ErrNotFound if it has none.
func (c *conn) CertificationOfApplication(ctx context.Context, applicationID int64) (Certification, error) {
	var x Certification
	err := c.queryRow(ctx, `SELECT id, application_id, org_id, scheme_id, serial, number, certified_on, valid_until, status
		FROM certifications WHERE application_id = ?`, applicationID).Scan(&x.ID, &x.ApplicationID, &x.OrgID, &x.SchemeID,
		&x.Serial, &x.Number, &x.CertifiedOn, &x.ValidUntil, &x.Status)
	return x, mapErr("sqlstore.CertificationOfApplication", err)
}
