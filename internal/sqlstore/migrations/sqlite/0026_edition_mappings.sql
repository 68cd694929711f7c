-- An edition imported with a mapping from the edition before it
-- (docs/catalog-schema.md, "Edition mappings"): the mapping file is kept
-- as imported, so the differences page, the comparison and later renewals
-- read the same rows the import moved applications by.
CREATE TABLE catalog_mappings (
    to_edition_id   TEXT PRIMARY KEY REFERENCES catalog_editions (id),
    from_edition_id TEXT NOT NULL REFERENCES catalog_editions (id),
    source          TEXT NOT NULL,
    digest          TEXT NOT NULL,
    imported_at     TIMESTAMP NOT NULL
);
CREATE INDEX catalog_mappings_from ON catalog_mappings (from_edition_id);

-- Items of a Form B moved to a new edition that the applicant must answer
-- (a new item) or look at again (a merged or split answer); a mark blocks
-- submission until the applicant confirms the item.
CREATE TABLE form_b_marks (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    kind           TEXT NOT NULL,
    map_kind       TEXT NOT NULL,
    from_items     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, item_id)
);
