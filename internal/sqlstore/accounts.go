package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"nintei"
	"nintei/store"
)

// AllUsers lists every user, staff first, then by organisation and name.
func (c *conn) AllUsers(ctx context.Context) ([]nintei.User, error) {
	rows, err := c.query(ctx, `SELECT u.id, u.org_id, u.email, u.name, u.role, u.password_hash, u.disabled_at,
		u.created_at, u.last_login_at FROM users u JOIN organizations o ON o.id = u.org_id
		ORDER BY CASE WHEN o.kind = 'body' THEN 0 ELSE 1 END, o.name, u.name, u.id`)
	if err != nil {
		return nil, mapErr("sqlstore.AllUsers", err)
	}
	defer rows.Close()
	var out []nintei.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, mapErr("sqlstore.AllUsers", err)
		}
		out = append(out, u)
	}
	return out, mapErr("sqlstore.AllUsers", rows.Err())
}

// SetUserRole changes a user's role; nintei.ErrNotFound when there is no such user.
func (c *conn) SetUserRole(ctx context.Context, id int64, role nintei.Role) error {
	return c.execOne(ctx, "sqlstore.SetUserRole", "UPDATE users SET role = ? WHERE id = ?", role, id)
}

// SetUserDisabled deactivates a user (at non-nil) or reactivates one (nil).
func (c *conn) SetUserDisabled(ctx context.Context, id int64, at *time.Time) error {
	return c.execOne(ctx, "sqlstore.SetUserDisabled", "UPDATE users SET disabled_at = ? WHERE id = ?", c.tsPtr(at), id)
}

// CountActiveAdmins counts the administrators who can still log in.
func (c *conn) CountActiveAdmins(ctx context.Context) (int, error) {
	var n int
	err := c.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE role = ? AND disabled_at IS NULL", nintei.RoleAdmin).Scan(&n)
	return n, mapErr("sqlstore.CountActiveAdmins", err)
}

// SetLastLogin records when a user last logged in.
func (c *conn) SetLastLogin(ctx context.Context, id int64, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE users SET last_login_at = ? WHERE id = ?", c.ts(at), id)
	return mapErr("sqlstore.SetLastLogin", err)
}

// PasswordReset is defined in package store, the port of the use cases.
type PasswordReset = store.PasswordReset

// CreatePasswordReset stores a reset token.
func (c *conn) CreatePasswordReset(ctx context.Context, r PasswordReset) (PasswordReset, error) {
	r.CreatedAt = c.now()
	id, err := c.insertID(ctx, "sqlstore.CreatePasswordReset",
		"INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
		r.UserID, r.TokenHash, c.ts(r.CreatedAt), c.ts(r.ExpiresAt))
	r.ID = id
	return r, err
}

// PasswordResetByHash returns a reset by its token hash, used or not;
// nintei.ErrNotFound when unknown.
func (c *conn) PasswordResetByHash(ctx context.Context, hash string) (PasswordReset, error) {
	var r PasswordReset
	var used sql.NullTime
	err := c.queryRow(ctx, `SELECT id, user_id, token_hash, created_at, expires_at, used_at
		FROM password_resets WHERE token_hash = ?`, hash).
		Scan(&r.ID, &r.UserID, &r.TokenHash, &r.CreatedAt, &r.ExpiresAt, &used)
	r.UsedAt = nullTime(used)
	return r, mapErr("sqlstore.PasswordResetByHash", err)
}

// UsePasswordReset consumes a reset. The WHERE clause makes the single use
// race-free: of two concurrent uses one changes the row, the other gets
// nintei.ErrNotFound (as does an expired token).
func (c *conn) UsePasswordReset(ctx context.Context, id int64, now time.Time) error {
	return c.execOne(ctx, "sqlstore.UsePasswordReset",
		"UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
		c.ts(now), id, c.ts(now))
}

// CountPasswordResetsSince counts the reset links sent to a user since a time.
func (c *conn) CountPasswordResetsSince(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := c.queryRow(ctx, "SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at >= ?",
		userID, c.ts(since)).Scan(&n)
	return n, mapErr("sqlstore.CountPasswordResetsSince", err)
}

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
