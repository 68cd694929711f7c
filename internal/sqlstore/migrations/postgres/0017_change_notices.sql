-- Change notices (R-9.9) are applications of kind 'change': like a renewal
-- they start from the current term's forms and are compared with it, but
-- they are accepted or rejected by the secretariat without a review fee and
-- leave the term as it is.
ALTER TABLE applications DROP CONSTRAINT applications_kind_check;
ALTER TABLE applications ADD CONSTRAINT applications_kind_check CHECK (kind IN ('new', 'renewal', 'change'));
ALTER TABLE decisions DROP CONSTRAINT decisions_outcome_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_outcome_check CHECK (outcome IN ('certified', 'not_certified', 'accepted', 'rejected'));

-- The day the current certificate was issued: the certification, its
-- renewal, or a reissue after a change of names, representative or
-- address (R-9.5, R-4.6). Empty means the certification day.
ALTER TABLE certifications ADD COLUMN certificate_issued_on TEXT NOT NULL DEFAULT '';
