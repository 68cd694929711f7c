-- Following services and searches (issue 20). A buyer follows a service
-- (kind 'service', target its number) or a search (kind 'search', target
-- the folded search words) by e-mail; an organisation by a webhook. Both
-- are confirmed through a mailed single-use link (only its SHA-256 is
-- stored) before they receive anything. The notices are made by a job
-- that reads registry_events after follow_cursor, so every event is
-- announced once whichever change wrote it.
CREATE TABLE follow_mails (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    target        TEXT NOT NULL,
    email         TEXT NOT NULL,
    confirm_hash  TEXT NOT NULL UNIQUE,
    confirm_until TIMESTAMP NOT NULL,
    confirmed_at  TIMESTAMP,
    -- Every notice carries the unsubscribe link, so the job must be able to
    -- write the token again: it is kept as is. It can do nothing but end
    -- this one subscription.
    unsub_token   TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX follow_mails_target ON follow_mails (kind, target);

CREATE TABLE follow_hooks (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    target        TEXT NOT NULL,
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    contact       TEXT NOT NULL, -- emptied on confirmation
    confirm_hash  TEXT NOT NULL UNIQUE,
    confirm_until TIMESTAMP NOT NULL,
    confirmed_at  TIMESTAMP,
    manage_hash   TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX follow_hooks_target ON follow_hooks (kind, target);

CREATE TABLE follow_deliveries (
    id          INTEGER PRIMARY KEY,
    hook_id     BIGINT NOT NULL REFERENCES follow_hooks (id) ON DELETE CASCADE,
    event_id    BIGINT NOT NULL,
    event_kind  TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    status_code INTEGER NOT NULL, -- 0: no answer (refused, timed out)
    error       TEXT NOT NULL,
    at          TIMESTAMP NOT NULL
);
CREATE INDEX follow_deliveries_hook ON follow_deliveries (hook_id, id);

-- The last registry event the notices were made for. Existing events are
-- history: nobody followed anything when they happened.
CREATE TABLE follow_cursor (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    event_id BIGINT NOT NULL
);
INSERT INTO follow_cursor (id, event_id) SELECT 1, COALESCE(MAX(id), 0) FROM registry_events;

-- A change notice's public event names the items whose published answers
-- changed (newline-separated item names, as published).
ALTER TABLE registry_events ADD COLUMN items TEXT NOT NULL DEFAULT '';
