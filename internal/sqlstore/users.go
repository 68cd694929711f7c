package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"nintei"
)

// CreateOrganization inserts an organisation and returns it with its ID.
func (c *conn) CreateOrganization(ctx context.Context, o nintei.Organization) (nintei.Organization, error) {
	o.CreatedAt = c.now()
	id, err := c.insertID(ctx, "sqlstore.CreateOrganization",
		"INSERT INTO organizations (kind, name, corporate_number, created_at) VALUES (?, ?, ?, ?)",
		o.Kind, o.Name, o.CorporateNumber, c.ts(o.CreatedAt))
	o.ID = id
	return o, err
}

const orgColumns = "id, kind, name, corporate_number, created_at"

func scanOrg(row interface{ Scan(...any) error }) (nintei.Organization, error) {
	var o nintei.Organization
	err := row.Scan(&o.ID, &o.Kind, &o.Name, &o.CorporateNumber, &o.CreatedAt)
	return o, err
}

// Organization returns one organisation; nintei.ErrNotFound if there is none.
func (c *conn) Organization(ctx context.Context, id int64) (nintei.Organization, error) {
	o, err := scanOrg(c.queryRow(ctx, "SELECT "+orgColumns+" FROM organizations WHERE id = ?", id))
	return o, mapErr("sqlstore.Organization", err)
}

// Organizations lists the organisations of a kind, by name.
func (c *conn) Organizations(ctx context.Context, kind nintei.OrgKind) ([]nintei.Organization, error) {
	rows, err := c.query(ctx, "SELECT "+orgColumns+" FROM organizations WHERE kind = ? ORDER BY name, id", kind)
	if err != nil {
		return nil, mapErr("sqlstore.Organizations", err)
	}
	defer rows.Close()
	var out []nintei.Organization
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, mapErr("sqlstore.Organizations", err)
		}
		out = append(out, o)
	}
	return out, mapErr("sqlstore.Organizations", rows.Err())
}

// CreateUser inserts a user; nintei.ErrDuplicate when the e-mail is taken.
func (c *conn) CreateUser(ctx context.Context, u nintei.User) (nintei.User, error) {
	u.CreatedAt = c.now()
	id, err := c.insertID(ctx, "sqlstore.CreateUser",
		`INSERT INTO users (org_id, email, name, role, password_hash, password_changed_at, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?)`,
		u.OrgID, u.Email, u.Name, u.Role, u.PasswordHash, c.ts(u.CreatedAt), c.ts(u.CreatedAt))
	u.ID = id
	return u, err
}

const userColumns = "id, org_id, email, name, role, password_hash, disabled_at, created_at, last_login_at"

func scanUser(row interface{ Scan(...any) error }) (nintei.User, error) {
	var u nintei.User
	var disabled, lastLogin sql.NullTime
	err := row.Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &disabled, &u.CreatedAt, &lastLogin)
	u.DisabledAt, u.LastLoginAt = nullTime(disabled), nullTime(lastLogin)
	return u, err
}

// User returns a user by ID; nintei.ErrNotFound if there is none.
func (c *conn) User(ctx context.Context, id int64) (nintei.User, error) {
	u, err := scanUser(c.queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
	return u, mapErr("sqlstore.User", err)
}

// UserByEmail returns a user by normalised e-mail; nintei.ErrNotFound if none.
func (c *conn) UserByEmail(ctx context.Context, email string) (nintei.User, error) {
	u, err := scanUser(c.queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE email = ?", email))
	return u, mapErr("sqlstore.UserByEmail", err)
}

// UsersOfOrg lists an organisation's users by name.
func (c *conn) UsersOfOrg(ctx context.Context, orgID int64) ([]nintei.User, error) {
	rows, err := c.query(ctx, "SELECT "+userColumns+" FROM users WHERE org_id = ? ORDER BY name, id", orgID)
	if err != nil {
		return nil, mapErr("sqlstore.UsersOfOrg", err)
	}
	defer rows.Close()
	var out []nintei.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, mapErr("sqlstore.UsersOfOrg", err)
		}
		out = append(out, u)
	}
	return out, mapErr("sqlstore.UsersOfOrg", rows.Err())
}

// SetPasswordHash replaces a user's password hash.
func (c *conn) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	return c.execOne(ctx, "sqlstore.SetPasswordHash",
		"UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?", hash, c.ts(c.now()), userID)
}

// CountUsers counts all users; the demo uses it to tell an empty database.
func (c *conn) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := c.queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, mapErr("sqlstore.CountUsers", err)
}

// RecordLoginFailure notes a failed login for throttling.
func (c *conn) RecordLoginFailure(ctx context.Context, email string) error {
	_, err := c.exec(ctx, "INSERT INTO login_failures (email, at) VALUES (?, ?)", email, c.ts(c.now()))
	return mapErr("sqlstore.RecordLoginFailure", err)
}

// LoginFailuresSince counts failed logins for an address since a time.
func (c *conn) LoginFailuresSince(ctx context.Context, email string, since time.Time) (int, error) {
	var n int
	err := c.queryRow(ctx, "SELECT COUNT(*) FROM login_failures WHERE email = ? AND at >= ?", email, c.ts(since)).Scan(&n)
	return n, mapErr("sqlstore.LoginFailuresSince", err)
}

// ClearLoginFailures forgets an address's failures after a good login.
func (c *conn) ClearLoginFailures(ctx context.Context, email string) error {
	_, err := c.exec(ctx, "DELETE FROM login_failures WHERE email = ?", email)
	return mapErr("sqlstore.ClearLoginFailures", err)
}
