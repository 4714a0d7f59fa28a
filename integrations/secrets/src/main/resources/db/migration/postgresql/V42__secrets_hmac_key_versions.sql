-- The HMAC key is versioned and rotatable (docs/adr/0040). Every look-up row says under which HMAC key (its Tink key
-- id) it was derived, and keeps the value it was derived from as a token under its subject's key (sealed), so that
-- a key rotation can derive it again under the new key and the old key can then be destroyed. A NULL hmac_key_id
-- means the row was written before V42, under the one key the installation had then; a NULL sealed value is filled
-- in by the rotation from the tokens in the events (HmacKeyRotation.adopt) or when the person is seen again. The
-- shred deletes these rows as before, and with them the sealed values.
ALTER TABLE secrets_subject_lookup ADD COLUMN hmac_key_id BIGINT;
ALTER TABLE secrets_subject_lookup ADD COLUMN sealed VARCHAR(1024);
ALTER TABLE secrets_phone_subject ADD COLUMN hmac_key_id BIGINT;
ALTER TABLE secrets_phone_subject ADD COLUMN sealed VARCHAR(1024);
