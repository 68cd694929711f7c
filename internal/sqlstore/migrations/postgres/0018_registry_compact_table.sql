-- The compact answers move to a table of their own, as on SQLite, where
-- reading them after the snapshot in one long row cost about ten page
-- reads instead of two; one layout for both keeps the queries the same.
CREATE TABLE registry_compact (
    number  TEXT PRIMARY KEY,
    answers TEXT NOT NULL
);
INSERT INTO registry_compact (number, answers) SELECT number, answers FROM registry_texts WHERE answers IS NOT NULL;
ALTER TABLE registry_texts DROP COLUMN answers;
CREATE TRIGGER registry_compact_generation AFTER UPDATE ON registry_compact
    FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_generation();
