-- Returning documents (R-10). An attachment is put on the return list
-- when the body no longer keeps it: non-certification, the end of the
-- certification (expiry without renewal, revocation, termination,
-- succession), withdrawal after hand-in, a rejected change notice, and at renewal the evidence it
-- superseded (R-10.3). The secretariat records the return or destruction;
-- the file is then deleted from the evidence store by a job, and the
-- attachment row stays, marked disposed, for the audit trail.
CREATE TABLE document_returns (
    attachment_id  BIGINT PRIMARY KEY REFERENCES attachments (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    reason         TEXT NOT NULL CHECK (reason IN ('not_certified', 'rejected', 'withdrawn', 'expired', 'revoked', 'terminated', 'lapsed', 'renewal')),
    listed_on      TEXT NOT NULL,
    listed_at      TIMESTAMPTZ NOT NULL,
    method         TEXT CHECK (method IN ('returned', 'destroyed')),
    disposed_on    TEXT,
    disposed_by    BIGINT REFERENCES users (id),
    disposed_at    TIMESTAMPTZ
);
CREATE INDEX document_returns_pending ON document_returns (disposed_at, application_id);
ALTER TABLE attachments ADD COLUMN disposed_at TIMESTAMPTZ;
