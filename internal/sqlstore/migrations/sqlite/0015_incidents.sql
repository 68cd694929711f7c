-- Incidents after certification (R-11.1, R-11.2): one row per incident,
-- its reports appended and never edited.
CREATE TABLE incidents (
    id                INTEGER PRIMARY KEY,
    application_id    INTEGER NOT NULL REFERENCES applications (id),
    certification_id  INTEGER NOT NULL REFERENCES certifications (id),
    kind              TEXT NOT NULL CHECK (kind IN ('outage', 'leak', 'threat', 'maintenance_notice')),
    state             TEXT NOT NULL CHECK (state IN ('report_needed', 'open', 'closed')),
    opened_at         TIMESTAMP NOT NULL,
    first_reported_at TIMESTAMP,
    closed_at         TIMESTAMP
);
CREATE INDEX incidents_application ON incidents (application_id, id);
CREATE INDEX incidents_state ON incidents (state, opened_at);

CREATE TABLE incident_reports (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    stage       TEXT NOT NULL CHECK (stage IN ('first', 'followup', 'final')),
    occurred_at TIMESTAMP,
    summary     TEXT NOT NULL,
    impact      TEXT NOT NULL,
    measures    TEXT NOT NULL,
    filed_by    INTEGER NOT NULL REFERENCES users (id),
    filed_at    TIMESTAMP NOT NULL
);
CREATE INDEX incident_reports_incident ON incident_reports (incident_id, id);
CREATE TRIGGER incident_reports_no_update BEFORE UPDATE ON incident_reports
BEGIN SELECT RAISE(ABORT, 'incident_reports is append-only'); END;
CREATE TRIGGER incident_reports_no_delete BEFORE DELETE ON incident_reports
BEGIN SELECT RAISE(ABORT, 'incident_reports is append-only'); END;

-- Planned maintenance the provider records, with the check of its notice
-- against the period disclosed in Form B (R-11.2).
CREATE TABLE maintenance_notices (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    announced_on   TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    description    TEXT NOT NULL,
    disclosed      TEXT NOT NULL,
    period         TEXT NOT NULL,
    verdict        TEXT NOT NULL CHECK (verdict IN ('in_time', 'late', 'unknown')),
    incident_id    INTEGER REFERENCES incidents (id),
    recorded_by    INTEGER NOT NULL REFERENCES users (id),
    recorded_at    TIMESTAMP NOT NULL
);
CREATE INDEX maintenance_notices_application ON maintenance_notices (application_id, id);

-- Supervision (R-11.3): requests for explanation, documents or an
-- investigation, and improvement requests, with the provider's responses
-- appended and never edited.
CREATE TABLE supervision_requests (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES applications (id),
    certification_id INTEGER NOT NULL REFERENCES certifications (id),
    kind             TEXT NOT NULL CHECK (kind IN ('explanation', 'documents', 'investigation', 'improvement')),
    body             TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('open', 'answered', 'resolved')),
    published_on     TEXT,
    requested_by     INTEGER NOT NULL REFERENCES users (id),
    requested_at     TIMESTAMP NOT NULL,
    resolved_by      INTEGER REFERENCES users (id),
    resolved_at      TIMESTAMP
);
CREATE INDEX supervision_requests_application ON supervision_requests (application_id, id);
CREATE INDEX supervision_requests_state ON supervision_requests (state, due_on);

CREATE TABLE supervision_responses (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES supervision_requests (id),
    body         TEXT NOT NULL,
    responded_by INTEGER NOT NULL REFERENCES users (id),
    responded_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_responses_request ON supervision_responses (request_id, id);
CREATE TRIGGER supervision_responses_no_update BEFORE UPDATE ON supervision_responses
BEGIN SELECT RAISE(ABORT, 'supervision_responses is append-only'); END;
CREATE TRIGGER supervision_responses_no_delete BEFORE DELETE ON supervision_responses
BEGIN SELECT RAISE(ABORT, 'supervision_responses is append-only'); END;

-- The public projection of published improvement requests: what the
-- service page shows (day, text, status) and nothing else. Every change
-- bumps the registry generation, so cached public pages follow.
CREATE TABLE registry_improvements (
    request_id   INTEGER PRIMARY KEY REFERENCES supervision_requests (id),
    number       TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    body         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'resolved'))
);
CREATE INDEX registry_improvements_number ON registry_improvements (number, requested_on);
CREATE TRIGGER registry_improvements_insert_generation AFTER INSERT ON registry_improvements
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER registry_improvements_update_generation AFTER UPDATE ON registry_improvements
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER registry_improvements_delete_generation AFTER DELETE ON registry_improvements
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
