-- A revoked service's public page states the grounds of the revocation
-- (R-11.5: which of a to j, as the rules word them), never the decision's
-- own reasons. The grounds travel with the public event, so public pages
-- keep reading public tables only.
ALTER TABLE registry_events ADD COLUMN grounds TEXT NOT NULL DEFAULT '';
UPDATE registry_events SET grounds = COALESCE((SELECT ce.grounds FROM registry_entries r
    JOIN certification_ends ce ON ce.certification_id = r.certification_id
    WHERE r.number = registry_events.number AND ce.kind = 'revoked'), '')
WHERE kind = 'revoked';
