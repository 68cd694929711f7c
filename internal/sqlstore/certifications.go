package sqlstore

import (
	"context"

	"nintei/certification"
	"nintei/civil"
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

// InsertRevocation records a revocation and the names of its service.
func (c *conn) InsertRevocation(ctx context.Context, r certification.Revocation) error {
	var cert any
	if r.CertificationID != 0 {
		cert = r.CertificationID
	}
	id, err := c.insertID(ctx, "sqlstore.InsertRevocation", `INSERT INTO revocations (org_id, corporate_number, service_key,
		service_name, revoked_on, reason, certification_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		r.OrgID, r.CorporateNumber, r.ServiceKey, r.ServiceName, r.RevokedOn, r.Reason, cert, c.ts(c.now()))
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, k := range append([]string{r.ServiceKey}, r.ServiceKeys...) {
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if _, err := c.exec(ctx, `INSERT INTO revocation_services (revocation_id, service_key) VALUES (?, ?)`, id, k); err != nil {
			return mapErr("sqlstore.InsertRevocation", err)
		}
	}
	return nil
}

// providerMatch selects the revocations of a provider: by account, or by
// corporate number under any account (R-4.2e). Arguments: orgID, cn, cn.
const providerMatch = `(r.org_id = ? OR (? <> '' AND r.corporate_number = ?))`

// LatestRevocation returns the date of the newest revocation of a
// provider's service, or the zero date when there is none: the provider by
// account or corporate number, the service by any name its chain carried.
func (c *conn) LatestRevocation(ctx context.Context, orgID int64, corporateNumber, serviceKey string) (civil.Date, error) {
	var on civil.Date
	err := c.queryRow(ctx, `SELECT MAX(r.revoked_on) FROM revocations r WHERE `+providerMatch+`
		AND EXISTS (SELECT 1 FROM revocation_services s WHERE s.revocation_id = r.id AND s.service_key = ?)`,
		orgID, corporateNumber, corporateNumber, serviceKey).Scan(&on)
	return on, mapErr("sqlstore.LatestRevocation", err)
}

// RevocationsSince lists a provider's revocations (by account or corporate
// number) on or after a day, newest first, for the formal review's notice.
func (c *conn) RevocationsSince(ctx context.Context, orgID int64, corporateNumber, since string) ([]certification.Revocation, error) {
	rows, err := c.query(ctx, `SELECT r.id, r.org_id, r.corporate_number, r.service_key, r.service_name, r.revoked_on, r.reason,
		COALESCE(r.certification_id, 0) FROM revocations r WHERE `+providerMatch+` AND r.revoked_on >= ?
		ORDER BY r.revoked_on DESC, r.id DESC`, orgID, corporateNumber, corporateNumber, since)
	if err != nil {
		return nil, mapErr("sqlstore.RevocationsSince", err)
	}
	defer rows.Close()
	var out []certification.Revocation
	for rows.Next() {
		var r certification.Revocation
		if err := rows.Scan(&r.ID, &r.OrgID, &r.CorporateNumber, &r.ServiceKey, &r.ServiceName, &r.RevokedOn, &r.Reason,
			&r.CertificationID); err != nil {
			return nil, mapErr("sqlstore.RevocationsSince", err)
		}
		out = append(out, r)
	}
	return out, mapErr("sqlstore.RevocationsSince", rows.Err())
}

// Moving in: certifications brought from the body's old site.
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
