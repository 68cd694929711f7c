-- Revocations of certification (R-11.5), kept per provider and service so
-- that a new application for the same service can be refused for a year
-- (R-4.2e). Certification records join this table when they arrive.
CREATE TABLE revocations (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES organizations (id),
    service_key      TEXT NOT NULL,
    service_name     TEXT NOT NULL,
    revoked_on       TEXT NOT NULL,
    reason           TEXT NOT NULL,
    certification_id INTEGER,
    recorded_at      TIMESTAMP NOT NULL
);
CREATE INDEX revocations_service ON revocations (org_id, service_key);
