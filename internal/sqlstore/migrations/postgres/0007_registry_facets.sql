-- Facets of the public registry for filtering: the base services of each
-- entry, and each published (not withheld) answer for "answers to chosen
-- items" filters. Both are written with the snapshot.
ALTER TABLE registry_entries ADD COLUMN bases TEXT NOT NULL DEFAULT '';

CREATE TABLE registry_answers (
    number  TEXT NOT NULL,
    item_id TEXT NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (number, item_id)
);
CREATE INDEX registry_answers_item ON registry_answers (item_id, text);
