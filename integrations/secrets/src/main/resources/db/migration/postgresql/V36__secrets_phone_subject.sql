-- Which subjects wrapped which phone number (docs/adr/0026): phone_index is the blind index of the number (an HMAC
-- under the installation's key), kept here, where erasure deletes it. It lets an erasure find the unmatched inbound
-- messages from the person's numbers, which are wrapped under subjects of their own, and shred them too; the
-- erasure deletes the rows of the person and of those messages in the same transaction.
CREATE TABLE secrets_phone_subject (
    phone_index VARCHAR(64) NOT NULL,
    subject     VARCHAR(64) NOT NULL,
    PRIMARY KEY (phone_index, subject)
);

CREATE INDEX secrets_phone_subject_subject_idx ON secrets_phone_subject (subject);
