-- Durable background jobs (package jobs). A job is queued until its run_at,
-- running while a worker holds its lease (locked_until), then done or dead
-- (failed max_attempts times). (kind, unique_key) makes scheduling the same
-- logical job twice a no-op, which is how periodic ticks run once across
-- instances; jobs without a key never collide (NULLs are distinct).
-- 0011 follows 0009: 0010 is taken by another change, and the migrator
-- applies every unrecorded version whatever the order.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    unique_key   TEXT,
    payload      TEXT NOT NULL DEFAULT '{}',
    state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
    run_at       TIMESTAMP NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
    last_error   TEXT NOT NULL DEFAULT '',
    locked_by    TEXT,
    locked_until TIMESTAMP,
    finished_at  TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (kind, unique_key)
);
CREATE INDEX jobs_due ON jobs (state, run_at);
