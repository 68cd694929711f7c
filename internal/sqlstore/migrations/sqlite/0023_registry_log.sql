-- The public, hash-chained registry log (docs/registry.md): one line per
-- public event, appended in the transaction of the change it publishes.
-- The head row is updated first by every append, so appends are
-- serialised (the write lock here, the row lock on PostgreSQL) and the
-- chain never forks. registry_log_state is the log replayed: each
-- number's public fields after its newest entry. Snapshots are stored as
-- the exact bytes that were signed.
CREATE TABLE registry_log (
    seq    INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    line   TEXT NOT NULL,
    hash   TEXT NOT NULL
);
CREATE TABLE registry_log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO registry_log_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TABLE registry_log_state (
    number TEXT PRIMARY KEY,
    fields TEXT NOT NULL
);
CREATE TABLE registry_snapshots (
    id         INTEGER PRIMARY KEY,
    log_seq    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    signature  TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
