-- How a certification ended before or at its expiry (R-9.10 termination,
-- R-11.4 succession, R-11.5 revocation): the decision record, and when the
-- certificate came back.
CREATE TABLE certification_ends (
    certification_id        INTEGER PRIMARY KEY REFERENCES certifications (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('terminated', 'revoked', 'lapsed')),
    effective_on            TEXT NOT NULL,
    grounds                 TEXT NOT NULL,
    reason                  TEXT NOT NULL,
    decided_by              INTEGER NOT NULL REFERENCES users (id),
    recorded_at             TIMESTAMP NOT NULL,
    certificate_returned_on TEXT
);

-- Public events of the registry, for the Atom feed: written in the same
-- transaction as the change they announce, and holding nothing that is
-- not public (the number, the kind and the day).
CREATE TABLE registry_events (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
INSERT INTO registry_events (number, kind, occurred_on, recorded_at)
    SELECT number, 'certified', certified_on, published_at FROM registry_entries ORDER BY published_at;
CREATE TRIGGER registry_events_generation AFTER INSERT ON registry_events
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
