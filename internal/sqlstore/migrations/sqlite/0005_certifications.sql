-- Certification (R-8) and the public registry (R-7). The registry is a
-- projection: registry_entries holds the published snapshot written at
-- publication time, and public pages read only it.
CREATE TABLE certification_serials (
    scheme_id   TEXT PRIMARY KEY,
    last_serial INTEGER NOT NULL
);

CREATE TABLE certifications (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    org_id         INTEGER NOT NULL REFERENCES organizations (id),
    scheme_id      TEXT NOT NULL,
    serial         INTEGER NOT NULL,
    number         TEXT NOT NULL UNIQUE,
    certified_on   TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    status         TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    UNIQUE (scheme_id, serial)
);

CREATE TABLE registry_entries (
    number           TEXT PRIMARY KEY,
    certification_id INTEGER NOT NULL REFERENCES certifications (id),
    service_name     TEXT NOT NULL,
    provider_name    TEXT NOT NULL,
    certified_on     TEXT NOT NULL,
    valid_until      TEXT NOT NULL,
    snapshot         TEXT NOT NULL,
    search_text      TEXT NOT NULL,
    published_at     TIMESTAMP NOT NULL
);
CREATE INDEX registry_entries_certified ON registry_entries (certified_on);
