-- Search: the distinct character bigrams and single characters of the
-- public text (registry.Lexemes) as a tsvector with a GIN index; a query
-- needs every bigram of each word, and the substring is confirmed on the
-- text. It finds one- and two-character Japanese queries, which pg_trgm
-- cannot serve from an index. Written by PublishEntry; sqlstore fills it
-- for entries published before this migration when the store opens.
ALTER TABLE registry_texts ADD COLUMN search_terms tsvector;
CREATE INDEX registry_texts_search ON registry_texts USING gin (search_terms);

-- The registry's status is part of the projection: kept in step with the
-- certification by a trigger, so listing never joins the workflow tables.
ALTER TABLE registry_entries ADD COLUMN status TEXT NOT NULL DEFAULT 'valid';
UPDATE registry_entries r SET status = c.status FROM certifications c WHERE c.id = r.certification_id;
CREATE FUNCTION certifications_status_to_registry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE registry_entries SET status = NEW.status WHERE certification_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER certifications_status_to_registry AFTER UPDATE OF status ON certifications
    FOR EACH ROW EXECUTE FUNCTION certifications_status_to_registry();

-- One generation number for the whole registry, bumped by every change a
-- public page could show, so cached public responses are keyed by it and
-- no code path can forget to invalidate them.
CREATE TABLE registry_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO registry_state (id, generation) VALUES (1, 1);
CREATE FUNCTION registry_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE registry_state SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER registry_entries_generation AFTER INSERT OR UPDATE OR DELETE ON registry_entries
    FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_generation();
CREATE TRIGGER registry_texts_generation AFTER UPDATE ON registry_texts
    FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_generation();
CREATE INDEX registry_entries_status ON registry_entries (status, valid_until);
