package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"nintei/store"
)

// Invitation is defined in package store, the port of the use cases.
type Invitation = store.Invitation

// CreateInvitation stores an invitation.
func (c *conn) CreateInvitation(ctx context.Context, in Invitation) (Invitation, error) {
	in.CreatedAt = c.now()
	id, err := c.insertID(ctx, "sqlstore.CreateInvitation",
		`INSERT INTO invitations (org_id, email, role, token_hash, invited_by, created_at, expires_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`,
		in.OrgID, in.Email, in.Role, in.TokenHash, in.InvitedBy, c.ts(in.CreatedAt), c.ts(in.ExpiresAt))
	in.ID = id
	return in, err
}

const invitationColumns = "id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at, accepted_user_id"

func scanInvitation(row interface{ Scan(...any) error }) (Invitation, error) {
	var in Invitation
	var accepted sql.NullTime
	var acceptedUser sql.NullInt64
	err := row.Scan(&in.ID, &in.OrgID, &in.Email, &in.Role, &in.TokenHash, &in.InvitedBy,
		&in.CreatedAt, &in.ExpiresAt, &accepted, &acceptedUser)
	in.AcceptedAt, in.AcceptedUserID = nullTime(accepted), acceptedUser.Int64
	return in, err
}

// InvitationByHash returns an invitation by token hash, used or not;
// nintei.ErrNotFound when unknown.
func (c *conn) InvitationByHash(ctx context.Context, hash string) (Invitation, error) {
	in, err := scanInvitation(c.queryRow(ctx, "SELECT "+invitationColumns+" FROM invitations WHERE token_hash = ?", hash))
	return in, mapErr("sqlstore.InvitationByHash", err)
}

// InvitationsOfOrg lists an organisation's invitations, newest first.
func (c *conn) InvitationsOfOrg(ctx context.Context, orgID int64) ([]Invitation, error) {
	rows, err := c.query(ctx, "SELECT "+invitationColumns+" FROM invitations WHERE org_id = ? ORDER BY id DESC", orgID)
	if err != nil {
		return nil, mapErr("sqlstore.InvitationsOfOrg", err)
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		in, err := scanInvitation(rows)
		if err != nil {
			return nil, mapErr("sqlstore.InvitationsOfOrg", err)
		}
		out = append(out, in)
	}
	return out, mapErr("sqlstore.InvitationsOfOrg", rows.Err())
}

// MarkInvitationAccepted consumes an invitation. The WHERE clause makes the
// single use race-free: of two concurrent accepts, one changes the row and
// the other gets nintei.ErrNotFound.
func (c *conn) MarkInvitationAccepted(ctx context.Context, id, userID int64, now time.Time) error {
	return c.execOne(ctx, "sqlstore.MarkInvitationAccepted",
		"UPDATE invitations SET accepted_at = ?, accepted_user_id = ? WHERE id = ? AND accepted_at IS NULL AND expires_at > ?",
		c.ts(now), userID, id, c.ts(now))
}
