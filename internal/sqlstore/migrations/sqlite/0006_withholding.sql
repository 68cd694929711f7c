-- Withholding of published answers (公表の留保, R-7.3). The withheld text
-- leaves the public snapshot and waits in registry_withheld until the
-- period ends; public pages merge it back from the day after.
CREATE TABLE withholdings (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    item_ids       TEXT NOT NULL,
    reason         TEXT NOT NULL,
    until          TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'rejected')),
    requested_by   INTEGER NOT NULL REFERENCES users (id),
    requested_at   TIMESTAMP NOT NULL,
    decided_by     INTEGER REFERENCES users (id),
    decided_at     TIMESTAMP
);
CREATE INDEX withholdings_application ON withholdings (application_id);

CREATE TABLE registry_withheld (
    number  TEXT NOT NULL,
    item_id TEXT NOT NULL,
    until   TEXT NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (number, item_id)
);
