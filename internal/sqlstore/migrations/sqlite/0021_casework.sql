-- Casework: the reviewers the secretariat assigns to an application, and
-- the day an inquiry's answer is due (with the one reminder sent for it).
CREATE TABLE application_reviewers (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    user_id        INTEGER NOT NULL REFERENCES users (id),
    assigned_by    INTEGER NOT NULL REFERENCES users (id),
    assigned_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, user_id)
);
CREATE INDEX application_reviewers_user ON application_reviewers (user_id);
ALTER TABLE inquiries ADD COLUMN answer_due_on TEXT NOT NULL DEFAULT '';
