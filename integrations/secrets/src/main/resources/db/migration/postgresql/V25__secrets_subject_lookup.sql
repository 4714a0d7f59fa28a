-- Which subject a personnummer belongs to (ADR 0025). Subject ids are random and carry no information; this
-- table is the only place that ties one to a person: lookup is an HMAC of the personnummer under the
-- installation's key. Erasure deletes the row together with the subject's key, so no HMAC of an erased
-- person's number is left to walk.
CREATE TABLE secrets_subject_lookup (
    lookup     VARCHAR(64)              NOT NULL PRIMARY KEY,
    subject    VARCHAR(64)              NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
