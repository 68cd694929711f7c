package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"nintei"
	"nintei/store"
)

// Session is defined in package store, the port of the use cases.
type Session = store.Session

// CreateSession stores a new session.
func (c *conn) CreateSession(ctx context.Context, s Session) error {
	_, err := c.exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`,
		s.TokenHash, s.UserID, s.CSRFToken, c.ts(s.CreatedAt), c.ts(s.LastSeenAt), c.ts(s.ExpiresAt))
	return mapErr("sqlstore.CreateSession", err)
}

// SessionByHash returns an unexpired session; nintei.ErrNotFound otherwise.
func (c *conn) SessionByHash(ctx context.Context, hash string, now time.Time) (Session, error) {
	var s Session
	err := c.queryRow(ctx, `SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at
		FROM sessions WHERE token_hash = ? AND expires_at > ?`, hash, c.ts(now)).
		Scan(&s.TokenHash, &s.UserID, &s.CSRFToken, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt)
	return s, mapErr("sqlstore.SessionByHash", err)
}

// TouchSession extends a session's idle expiry.
func (c *conn) TouchSession(ctx context.Context, hash string, seen, expires time.Time) error {
	_, err := c.exec(ctx, "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
		c.ts(seen), c.ts(expires), hash)
	return mapErr("sqlstore.TouchSession", err)
}

// DeleteSession ends one session (logout). Deleting a missing one is not an error.
func (c *conn) DeleteSession(ctx context.Context, hash string) error {
	_, err := c.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash)
	return mapErr("sqlstore.DeleteSession", err)
}

// DeleteUserSessions ends every session of a user except keepHash (after a
// password change, other devices are logged out).
func (c *conn) DeleteUserSessions(ctx context.Context, userID int64, keepHash string) error {
	_, err := c.exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", userID, keepHash)
	return mapErr("sqlstore.DeleteUserSessions", err)
}

// DeleteExpiredSessions removes sessions past their expiry.
func (c *conn) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := c.exec(ctx, "DELETE FROM sessions WHERE expires_at <= ?", c.ts(now))
	if err != nil {
		return 0, mapErr("sqlstore.DeleteExpiredSessions", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// APIToken is defined in package store, the port of the use cases.
type APIToken = store.APIToken

// CreateAPIToken stores a token and returns its ID.
func (c *conn) CreateAPIToken(ctx context.Context, t APIToken) (APIToken, error) {
	t.CreatedAt = c.now()
	id, err := c.insertID(ctx, "sqlstore.CreateAPIToken",
		"INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
		t.UserID, t.Name, t.Prefix, t.TokenHash, c.ts(t.CreatedAt), c.tsPtr(t.ExpiresAt))
	t.ID = id
	return t, err
}

const tokenColumns = "id, user_id, name, prefix, token_hash, created_at, last_used_at, expires_at, revoked_at" // #nosec G101 -- column names, not a credential

func scanToken(row interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	var used, expires, revoked sql.NullTime
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.TokenHash, &t.CreatedAt, &used, &expires, &revoked)
	t.LastUsedAt, t.ExpiresAt, t.RevokedAt = nullTime(used), nullTime(expires), nullTime(revoked)
	return t, err
}

func nullTime(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}

// ActiveAPIToken finds a usable token by hash; nintei.ErrNotFound when it is
// unknown, revoked or expired.
func (c *conn) ActiveAPIToken(ctx context.Context, hash string, now time.Time) (APIToken, error) {
	t, err := scanToken(c.queryRow(ctx, "SELECT "+tokenColumns+` FROM api_tokens
		WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`, hash, c.ts(now)))
	return t, mapErr("sqlstore.ActiveAPIToken", err)
}

// TouchAPIToken records a token's last use.
func (c *conn) TouchAPIToken(ctx context.Context, id int64, now time.Time) error {
	_, err := c.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", c.ts(now), id)
	return mapErr("sqlstore.TouchAPIToken", err)
}

// APITokensOfUser lists a user's tokens, newest first, revoked ones included.
func (c *conn) APITokensOfUser(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := c.query(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE user_id = ? ORDER BY id DESC", userID)
	if err != nil {
		return nil, mapErr("sqlstore.APITokensOfUser", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, mapErr("sqlstore.APITokensOfUser", err)
		}
		out = append(out, t)
	}
	return out, mapErr("sqlstore.APITokensOfUser", rows.Err())
}

// RevokeAPIToken revokes one of the user's own tokens; nintei.ErrNotFound
// when the token is not theirs or already revoked.
func (c *conn) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	return c.execOne(ctx, "sqlstore.RevokeAPIToken",
		"UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
		c.ts(c.now()), id, userID)
}

// ShiftSessions moves every session's times by d: the demo does it when
// an administrator moves its clock, so that moving the date does not log
// everyone out (or keep dead sessions alive).
func (c *conn) ShiftSessions(ctx context.Context, d time.Duration) error {
	rows, err := c.query(ctx, "SELECT token_hash, created_at, last_seen_at, expires_at FROM sessions")
	if err != nil {
		return mapErr("sqlstore.ShiftSessions", err)
	}
	type times struct {
		hash                   string
		created, seen, expires time.Time
	}
	var all []times
	for rows.Next() {
		var x times
		if err := rows.Scan(&x.hash, &x.created, &x.seen, &x.expires); err != nil {
			_ = rows.Close() // the scan error is the one to report
			return mapErr("sqlstore.ShiftSessions", err)
		}
		all = append(all, x)
	}
	_ = rows.Close() // rows.Err below reports what went wrong
	if err := rows.Err(); err != nil {
		return mapErr("sqlstore.ShiftSessions", err)
	}
	for _, x := range all {
		if _, err := c.exec(ctx, "UPDATE sessions SET created_at = ?, last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
			c.ts(x.created.Add(d)), c.ts(x.seen.Add(d)), c.ts(x.expires.Add(d)), x.hash); err != nil {
			return mapErr("sqlstore.ShiftSessions", err)
		}
	}
	return nil
}

// Identity is defined in package store.
type Identity = store.Identity

const identityColumns = "id, user_id, provider, issuer, subject, email, linked_at, last_used_at"

func scanIdentity(row interface{ Scan(...any) error }) (Identity, error) {
	var id Identity
	var used sql.NullTime
	err := row.Scan(&id.ID, &id.UserID, &id.Provider, &id.Issuer, &id.Subject, &id.Email, &id.LinkedAt, &used)
	if used.Valid {
		id.LastUsedAt = &used.Time
	}
	return id, err
}

// LinkIdentity stores a link of an OpenID Connect identity to a user; an
// identity already linked (to anyone) is nintei.ErrDuplicate.
func (c *conn) LinkIdentity(ctx context.Context, in Identity) (Identity, error) {
	id, err := c.insertID(ctx, "sqlstore.LinkIdentity",
		`INSERT INTO oidc_identities (user_id, provider, issuer, subject, email, linked_at) VALUES (?, ?, ?, ?, ?, ?)`,
		in.UserID, in.Provider, in.Issuer, in.Subject, in.Email, c.ts(in.LinkedAt))
	in.ID = id
	return in, err
}

// IdentityBySubject finds the link of an issuer's subject; nintei.ErrNotFound otherwise.
func (c *conn) IdentityBySubject(ctx context.Context, issuer, subject string) (Identity, error) {
	id, err := scanIdentity(c.queryRow(ctx, "SELECT "+identityColumns+
		" FROM oidc_identities WHERE issuer = ? AND subject = ?", issuer, subject))
	return id, mapErr("sqlstore.IdentityBySubject", err)
}

// IdentitiesOfUser lists a user's linked identities, oldest first.
func (c *conn) IdentitiesOfUser(ctx context.Context, userID int64) ([]Identity, error) {
	rows, err := c.query(ctx, "SELECT "+identityColumns+" FROM oidc_identities WHERE user_id = ? ORDER BY id", userID)
	if err != nil {
		return nil, mapErr("sqlstore.IdentitiesOfUser", err)
	}
	defer rows.Close()
	var out []Identity
	for rows.Next() {
		id, err := scanIdentity(rows)
		if err != nil {
			return nil, mapErr("sqlstore.IdentitiesOfUser", err)
		}
		out = append(out, id)
	}
	return out, mapErr("sqlstore.IdentitiesOfUser", rows.Err())
}

// TouchIdentity records a sign-in through an identity.
func (c *conn) TouchIdentity(ctx context.Context, id int64, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE oidc_identities SET last_used_at = ? WHERE id = ?", c.ts(at), id)
	return mapErr("sqlstore.TouchIdentity", err)
}

// UnlinkIdentity removes one of a user's identities; nintei.ErrNotFound
// when the user has no such identity.
func (c *conn) UnlinkIdentity(ctx context.Context, userID, id int64) error {
	res, err := c.exec(ctx, "DELETE FROM oidc_identities WHERE id = ? AND user_id = ?", id, userID)
	if err != nil {
		return mapErr("sqlstore.UnlinkIdentity", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nintei.ErrNotFound
	}
	return nil
}
