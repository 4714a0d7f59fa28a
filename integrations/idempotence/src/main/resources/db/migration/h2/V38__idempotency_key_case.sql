-- An erasure deletes the idempotency keys of the person's cases in its transaction (ADR 0038): a fingerprint hashes the
-- command as sent, in plaintext. Each kept key names the case its command was accepted for (keys from before name
-- none and expire with their retention), and each case the subjects whose data it holds.
ALTER TABLE idempotency_key ADD COLUMN case_id VARCHAR(64);
CREATE INDEX idempotency_key_case_idx ON idempotency_key (case_id);
CREATE TABLE idempotency_case_subject (
    subject VARCHAR(128) NOT NULL,
    case_id VARCHAR(64)  NOT NULL,
    CONSTRAINT idempotency_case_subject_pkey PRIMARY KEY (subject, case_id)
);
