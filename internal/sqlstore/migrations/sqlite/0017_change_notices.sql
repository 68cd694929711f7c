-- nintei:foreign-keys-off
-- Change notices (R-9.9) are applications of kind 'change': like a renewal
-- they start from the current term's forms and are compared with it, but
-- they are accepted or rejected by the secretariat without a review fee and
-- leave the term as it is. SQLite cannot change a CHECK constraint, so the
-- applications table is rebuilt (SQLite's documented procedure: foreign
-- keys off for this migration, every reference checked before commit).
CREATE TABLE applications_new (
    id                      INTEGER PRIMARY KEY,
    org_id                  INTEGER NOT NULL REFERENCES organizations (id),
    edition_id              TEXT NOT NULL REFERENCES catalog_editions (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('new', 'renewal', 'change')),
    state                   TEXT NOT NULL,
    form_a                  TEXT NOT NULL,
    version                 INTEGER NOT NULL,
    created_by              INTEGER NOT NULL REFERENCES users (id),
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL,
    submitted_at            TIMESTAMP,
    renews_certification_id INTEGER,
    previous_application_id INTEGER REFERENCES applications (id),
    mark_use_declared_at    TIMESTAMP
);
INSERT INTO applications_new (id, org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at,
    submitted_at, renews_certification_id, previous_application_id, mark_use_declared_at)
    SELECT id, org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at,
    submitted_at, renews_certification_id, previous_application_id, mark_use_declared_at FROM applications;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
CREATE INDEX applications_org ON applications (org_id);
CREATE INDEX applications_state ON applications (state);
CREATE INDEX applications_renews ON applications (renews_certification_id);

-- A change notice's decision is accepted or rejected: the decisions
-- table's CHECK is rebuilt the same way.
CREATE TABLE decisions_new (
    application_id  INTEGER PRIMARY KEY REFERENCES applications (id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('certified', 'not_certified', 'accepted', 'rejected')),
    explanation     TEXT NOT NULL,
    override_reason TEXT NOT NULL,
    improvements    TEXT NOT NULL,
    decided_by      INTEGER NOT NULL REFERENCES users (id),
    decided_at      TIMESTAMP NOT NULL
);
INSERT INTO decisions_new (application_id, outcome, explanation, override_reason, improvements, decided_by, decided_at)
    SELECT application_id, outcome, explanation, override_reason, improvements, decided_by, decided_at FROM decisions;
DROP TABLE decisions;
ALTER TABLE decisions_new RENAME TO decisions;

-- The day the current certificate was issued: the certification, its
-- renewal, or a reissue after a change of names, representative or
-- address (R-9.5, R-4.6). Empty means the certification day.
ALTER TABLE certifications ADD COLUMN certificate_issued_on TEXT NOT NULL DEFAULT '';
