package sqlstore

import (
	"context"
	"database/sql"
)

// Revocation is a recorded loss of certification for a provider's service.
type Revocation struct {
	OrgID       int64
	ServiceKey  string // application.ServiceKey of the service name
	ServiceName string
	RevokedOn   string // YYYY-MM-DD
	Reason      string
}

// InsertRevocation records a revocation.
func (c *conn) InsertRevocation(ctx context.Context, r Revocation) error {
	_, err := c.exec(ctx, `INSERT INTO revocations (org_id, service_key, service_name, revoked_on, reason, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?)`, r.OrgID, r.ServiceKey, r.ServiceName, r.RevokedOn, r.Reason, c.ts(c.now()))
	return mapErr("sqlstore.InsertRevocation", err)
}

// LatestRevocation returns the date of the newest revocation of a
// provider's service, or "" when there is none.
func (c *conn) LatestRevocation(ctx context.Context, orgID int64, serviceKey string) (string, error) {
	var on sql.NullString
	err := c.queryRow(ctx, "SELECT MAX(revoked_on) FROM revocations WHERE org_id = ? AND service_key = ?", orgID, serviceKey).Scan(&on)
	return on.String, mapErr("sqlstore.LatestRevocation", err)
}
