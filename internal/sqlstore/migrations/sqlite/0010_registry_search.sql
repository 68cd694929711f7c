-- Search: an FTS5 index of character bigrams (registry.BigramSequence),
-- keyed by the certification id, holding no copy of the text. It finds one-
-- and two-character Japanese queries, which FTS5's trigram tokenizer cannot.
-- Rows are written by PublishEntry; sqlstore fills it for entries published
-- before this migration when the store opens.
CREATE VIRTUAL TABLE registry_search USING fts5 (
    terms,
    tokenize = 'unicode61 remove_diacritics 0',
    content = '',
    contentless_delete = 1
);

-- The registry's status is part of the projection: kept in step with the
-- certification by a trigger, so listing never joins the workflow tables.
ALTER TABLE registry_entries ADD COLUMN status TEXT NOT NULL DEFAULT 'valid';
UPDATE registry_entries SET status = (SELECT c.status FROM certifications c WHERE c.id = registry_entries.certification_id);
CREATE TRIGGER certifications_status_to_registry AFTER UPDATE OF status ON certifications
BEGIN
    UPDATE registry_entries SET status = NEW.status WHERE certification_id = NEW.id;
END;

-- One generation number for the whole registry, bumped by every change a
-- public page could show, so cached public responses are keyed by it and
-- no code path can forget to invalidate them.
CREATE TABLE registry_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO registry_state (id, generation) VALUES (1, 1);
CREATE TRIGGER registry_entries_insert_generation AFTER INSERT ON registry_entries
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER registry_entries_update_generation AFTER UPDATE ON registry_entries
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER registry_entries_delete_generation AFTER DELETE ON registry_entries
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER registry_texts_update_generation AFTER UPDATE ON registry_texts
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE INDEX registry_entries_status ON registry_entries (status, valid_until);
