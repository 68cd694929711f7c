package sqlstore

import (
	"context"

	"nintei/certification"
	"nintei/civil"
)

// InsertRevocation records a revocation.
func (c *conn) InsertRevocation(ctx context.Context, r certification.Revocation) error {
	_, err := c.exec(ctx, `INSERT INTO revocations (org_id, service_key, service_name, revoked_on, reason, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?)`, r.OrgID, r.ServiceKey, r.ServiceName, r.RevokedOn, r.Reason, c.ts(c.now()))
	return mapErr("sqlstore.InsertRevocation", err)
}

// LatestRevocation returns the date of the newest revocation of a
// provider's service, or the zero date when there is none.
func (c *conn) LatestRevocation(ctx context.Context, orgID int64, serviceKey string) (civil.Date, error) {
	var on civil.Date
	err := c.queryRow(ctx, "SELECT MAX(revoked_on) FROM revocations WHERE org_id = ? AND service_key = ?", orgID, serviceKey).Scan(&on)
	return on, mapErr("sqlstore.LatestRevocation", err)
}
