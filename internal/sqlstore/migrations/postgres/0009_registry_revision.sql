-- A revision counter per registry entry, bumped at every publication, so
-- cached public pages are never stale whatever the clock says.
ALTER TABLE registry_entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
