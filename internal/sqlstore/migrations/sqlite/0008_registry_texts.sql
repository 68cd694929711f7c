-- Keep the list narrow: the snapshot and search text (tens of kilobytes a
-- service) move to their own table, so listing and counting read small rows.
CREATE TABLE registry_texts (
    number      TEXT PRIMARY KEY,
    snapshot    TEXT NOT NULL,
    search_text TEXT NOT NULL
);
INSERT INTO registry_texts (number, snapshot, search_text) SELECT number, snapshot, search_text FROM registry_entries;
ALTER TABLE registry_entries DROP COLUMN snapshot;
ALTER TABLE registry_entries DROP COLUMN search_text;
CREATE INDEX registry_entries_order ON registry_entries (certified_on DESC, number DESC);
