-- Idempotency keys per command gate ('staff', 'partner', 'internal'): a key sent on one channel never meets
-- the same key of another. Rows from before are staff keys, so a client retrying across the deploy still
-- gets its first answer.
ALTER TABLE idempotency_key ADD COLUMN gate VARCHAR(32) DEFAULT 'staff' NOT NULL;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE idempotency_key ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (gate, idem_key);
