-- The compact answers move to a table of their own. In registry_texts they
-- came after the JSON snapshot and the search text, and SQLite follows a
-- long row's overflow pages as a chain: reading one service's answers read
-- every page of its snapshot first, about ten pages instead of two (preads
-- were a sixth of a service page's and of a comparison's CPU).
CREATE TABLE registry_compact (
    number  TEXT PRIMARY KEY,
    answers TEXT NOT NULL
);
INSERT INTO registry_compact (number, answers) SELECT number, answers FROM registry_texts WHERE answers IS NOT NULL;
ALTER TABLE registry_texts DROP COLUMN answers;
CREATE TRIGGER registry_compact_update_generation AFTER UPDATE ON registry_compact
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
END;
