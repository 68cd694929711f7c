package sqlstore

import (
	"context"

	"nintei/certification"
	"nintei/civil"
)

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
