-- Applications: Form A (as JSON: a face sheet read and written whole),
-- Form B entries (one row per item), attachments and submissions.

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id),
    edition_id   TEXT NOT NULL REFERENCES catalog_editions (id),
    kind         TEXT NOT NULL CHECK (kind IN ('new', 'renewal')),
    state        TEXT NOT NULL,
    form_a       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP
);
CREATE INDEX applications_org ON applications (org_id);
CREATE INDEX applications_state ON applications (state);

CREATE TABLE form_b_entries (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    answer         TEXT NOT NULL,
    evidence_doc   TEXT NOT NULL,
    evidence_loc   TEXT NOT NULL,
    updated_by     INTEGER NOT NULL REFERENCES users (id),
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, item_id)
);

CREATE TABLE attachments (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    purpose        TEXT NOT NULL,
    blob_key       TEXT NOT NULL UNIQUE,
    file_name      TEXT NOT NULL,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    source_url     TEXT NOT NULL,
    captured_on    TEXT NOT NULL,
    original       BOOLEAN NOT NULL,
    uploaded_by    INTEGER NOT NULL REFERENCES users (id),
    uploaded_at    TIMESTAMP NOT NULL,
    removed_at     TIMESTAMP
);
CREATE INDEX attachments_application ON attachments (application_id);

CREATE TABLE attachment_items (
    attachment_id INTEGER NOT NULL REFERENCES attachments (id),
    item_id       TEXT NOT NULL,
    PRIMARY KEY (attachment_id, item_id)
);

-- A submission freezes Form A, Form B and the attachment list; its hash
-- lets anyone prove later that what was reviewed is what was handed in.
CREATE TABLE submissions (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    seq            INTEGER NOT NULL,
    snapshot       TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    submitted_by   INTEGER NOT NULL REFERENCES users (id),
    submitted_at   TIMESTAMP NOT NULL,
    UNIQUE (application_id, seq)
);
