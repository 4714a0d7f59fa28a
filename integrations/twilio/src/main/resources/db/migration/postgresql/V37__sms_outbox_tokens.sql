-- The local outbox keeps the recipient and the text as the tokens they came in (wrapped under the case's subject),
-- so an erasure reaches them with the key; rows written before held the body in plaintext and go (local mode only).
DELETE FROM sms_outbox;
ALTER TABLE sms_outbox DROP COLUMN to_mask;
ALTER TABLE sms_outbox DROP COLUMN body;
ALTER TABLE sms_outbox ADD COLUMN to_token TEXT NOT NULL;
ALTER TABLE sms_outbox ADD COLUMN text_token TEXT NOT NULL;
