-- Foundation: organisations, users, sessions, tokens, invitations, login
-- throttling, catalog editions and the audit trail.

CREATE TABLE organizations (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('body', 'provider')),
    name             TEXT NOT NULL,
    corporate_number TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    org_id              INTEGER NOT NULL REFERENCES organizations (id),
    email               TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('owner', 'member', 'secretariat', 'reviewer', 'committee', 'admin')),
    password_hash       TEXT NOT NULL,
    disabled_at         TIMESTAMP,
    password_changed_at TIMESTAMP NOT NULL,
    created_at          TIMESTAMP NOT NULL
);
CREATE INDEX users_org ON users (org_id);

-- Only the SHA-256 of a session token is stored: a copy of the database
-- does not let anyone log in.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    expires_at   TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE invitations (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES organizations (id),
    email            TEXT NOT NULL,
    role             TEXT NOT NULL,
    token_hash       TEXT NOT NULL UNIQUE,
    invited_by       INTEGER NOT NULL REFERENCES users (id),
    created_at       TIMESTAMP NOT NULL,
    expires_at       TIMESTAMP NOT NULL,
    accepted_at      TIMESTAMP,
    accepted_user_id INTEGER REFERENCES users (id)
);
CREATE INDEX invitations_org ON invitations (org_id);

CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    at    TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email_at ON login_failures (email, at);

CREATE TABLE catalog_schemes (
    id            TEXT PRIMARY KEY,
    name_ja       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    number_prefix TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

-- An edition keeps the file it was imported from, byte for byte, and the
-- digest of its parsed content: a re-import with the same digest is a no-op.
CREATE TABLE catalog_editions (
    id          TEXT PRIMARY KEY,
    scheme_id   TEXT NOT NULL REFERENCES catalog_schemes (id),
    version     TEXT NOT NULL,
    title_ja    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    status      TEXT NOT NULL,
    item_count  INTEGER NOT NULL,
    digest      TEXT NOT NULL,
    source      TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    imported_by INTEGER REFERENCES users (id)
);
CREATE INDEX catalog_editions_scheme ON catalog_editions (scheme_id);

CREATE TABLE audit_events (
    seq           INTEGER PRIMARY KEY,
    at            TIMESTAMP NOT NULL,
    actor_id      INTEGER NOT NULL,
    actor_label   TEXT NOT NULL,
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     TEXT NOT NULL,
    before_digest TEXT NOT NULL,
    after_digest  TEXT NOT NULL,
    detail        TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_events_object ON audit_events (object_type, object_id);

-- The head row serialises appends (it is updated in every appending
-- transaction) and records the newest hash, so deleting the tail is seen.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The program never updates or deletes audit rows; the database refuses too.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
