-- Accounts (issue 16): forgotten-password resets and the last login.
-- A reset link carries a single-use token; only its SHA-256 is stored, as
-- for sessions, so a copy of the database does not let anyone reset.
CREATE TABLE password_resets (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);

ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP;

-- The audit log page filters by actor and action and pages by seq.
CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_action ON audit_events (action, seq);
