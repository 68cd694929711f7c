-- The one-year bar after a revocation (R-4.2e) holds for the provider, not
-- only its account: the revocation keeps the provider's corporate number
-- (法人番号; '' for a sole proprietor), so an application under another
-- account of the same corporation is barred too. A service renamed through
-- a change notice stays the same service: revocation_services keeps every
-- name (folded by application.ServiceKey) the revoked certification's
-- chain of applications carried.
ALTER TABLE revocations ADD COLUMN corporate_number TEXT NOT NULL DEFAULT '';
UPDATE revocations SET corporate_number = (SELECT o.corporate_number FROM organizations o WHERE o.id = revocations.org_id);
CREATE INDEX revocations_corporate_number ON revocations (corporate_number);
CREATE TABLE revocation_services (
    revocation_id INTEGER NOT NULL REFERENCES revocations (id),
    service_key   TEXT NOT NULL,
    PRIMARY KEY (revocation_id, service_key)
);
CREATE INDEX revocation_services_key ON revocation_services (service_key);
INSERT INTO revocation_services (revocation_id, service_key) SELECT id, service_key FROM revocations;
