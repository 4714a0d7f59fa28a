-- Idempotency keys of accepted commands, written in the transaction that appends their events.
CREATE TABLE idempotency_key (
    idem_key    VARCHAR(255) NOT NULL,
    fingerprint CHAR(64)     NOT NULL,
    outcome     TEXT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (idem_key)
);
CREATE INDEX idempotency_key_expires_idx ON idempotency_key (expires_at);
