-- Review (R-6): state history, formal review, invoices and payments,
-- per-item assessments, inquiries, investigation, committee and decision.

CREATE TABLE state_history (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    state          TEXT NOT NULL,
    event          TEXT NOT NULL,
    entered_at     TIMESTAMP NOT NULL,
    actor_id       INTEGER NOT NULL
);
CREATE INDEX state_history_application ON state_history (application_id, id);

CREATE TABLE formal_reviews (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    outcome        TEXT NOT NULL,
    points         TEXT NOT NULL,
    reviewed_by    INTEGER NOT NULL REFERENCES users (id),
    reviewed_at    TIMESTAMP NOT NULL
);
CREATE INDEX formal_reviews_application ON formal_reviews (application_id);

CREATE TABLE invoices (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    number         TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    base_yen       INTEGER NOT NULL,
    tax_yen        INTEGER NOT NULL,
    total_yen      INTEGER NOT NULL,
    tax_percent    INTEGER NOT NULL,
    issued_on      TEXT NOT NULL,
    due_on         TEXT NOT NULL,
    paid_on        TEXT NOT NULL DEFAULT '',
    paid_yen       INTEGER NOT NULL DEFAULT 0,
    payment_ref    TEXT NOT NULL DEFAULT '',
    confirmed_by   INTEGER REFERENCES users (id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX invoices_application ON invoices (application_id);

CREATE TABLE assessments (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    verdict        TEXT NOT NULL CHECK (verdict IN ('ok', 'inquiry', 'not_met')),
    comment        TEXT NOT NULL,
    assessed_by    INTEGER NOT NULL REFERENCES users (id),
    assessed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, item_id)
);

CREATE TABLE inquiries (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    question       TEXT NOT NULL,
    asked_by       INTEGER NOT NULL REFERENCES users (id),
    asked_at       TIMESTAMP NOT NULL,
    answer         TEXT NOT NULL DEFAULT '',
    before_entry   TEXT NOT NULL DEFAULT '',
    after_entry    TEXT NOT NULL DEFAULT '',
    answered_by    INTEGER REFERENCES users (id),
    answered_at    TIMESTAMP
);
CREATE INDEX inquiries_application ON inquiries (application_id);

CREATE TABLE investigations (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    held_on        TEXT NOT NULL,
    place          TEXT NOT NULL,
    participants   TEXT NOT NULL,
    report         TEXT NOT NULL,
    recorded_by    INTEGER NOT NULL REFERENCES users (id),
    recorded_at    TIMESTAMP NOT NULL
);

CREATE TABLE committee_members (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    user_id        INTEGER NOT NULL REFERENCES users (id),
    conflict       BOOLEAN,
    declaration    TEXT NOT NULL DEFAULT '',
    declared_at    TIMESTAMP,
    opinion        TEXT NOT NULL DEFAULT '',
    opinion_at     TIMESTAMP,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE committee_conclusions (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    conclusion     TEXT NOT NULL,
    met_on         TEXT NOT NULL,
    recorded_by    INTEGER NOT NULL REFERENCES users (id),
    recorded_at    TIMESTAMP NOT NULL
);

CREATE TABLE decisions (
    application_id  INTEGER PRIMARY KEY REFERENCES applications (id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('certified', 'not_certified')),
    explanation     TEXT NOT NULL,
    override_reason TEXT NOT NULL,
    improvements    TEXT NOT NULL,
    decided_by      INTEGER NOT NULL REFERENCES users (id),
    decided_at      TIMESTAMP NOT NULL
);
