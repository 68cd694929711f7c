-- Single sign-on (issue 20): identities of an OpenID Connect provider linked
-- to nintei users. Once linked, the issuer and subject find the user; the
-- e-mail is kept only to show which account of the provider it was.
CREATE TABLE oidc_identities (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider   TEXT NOT NULL,
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    email      TEXT NOT NULL,
    linked_at  TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    UNIQUE (issuer, subject)
);
CREATE INDEX oidc_identities_user ON oidc_identities (user_id);
