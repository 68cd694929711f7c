-- Renewal (R-9.1 to R-9.8). A renewal is an application of kind
-- 'renewal' that names the certification it renews and the application
-- whose Form B it starts from (its diff is taken against that one). The
-- certification keeps its row, serial and number; each term it ran for is
-- a row of certification_terms, and certifications.application_id names
-- the application of the current term (the registry's source).
-- renews_certification_id has no foreign key: certifications already refer
-- to applications, and a reference back would make the two tables a cycle
-- that no insert order (nor the SQLite-to-PostgreSQL copy) could satisfy.
-- The service sets it only from a certification it has just read.
ALTER TABLE applications ADD COLUMN renews_certification_id INTEGER;
ALTER TABLE applications ADD COLUMN previous_application_id INTEGER REFERENCES applications (id);
ALTER TABLE applications ADD COLUMN mark_use_declared_at TIMESTAMP;
CREATE INDEX applications_renews ON applications (renews_certification_id);

ALTER TABLE certifications ADD COLUMN term_starts_on TEXT NOT NULL DEFAULT '';
ALTER TABLE certifications ADD COLUMN renewed_on TEXT NOT NULL DEFAULT '';
UPDATE certifications SET term_starts_on = certified_on;

CREATE TABLE certification_terms (
    certification_id INTEGER NOT NULL REFERENCES certifications (id),
    application_id   INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    starts_on        TEXT NOT NULL,
    valid_until      TEXT NOT NULL,
    decided_on       TEXT NOT NULL,
    PRIMARY KEY (certification_id, starts_on)
);
INSERT INTO certification_terms (certification_id, application_id, starts_on, valid_until, decided_on)
    SELECT id, application_id, certified_on, valid_until, certified_on FROM certifications;
