-- Inbound SMS as Twilio delivered them (web/sms SmsInbox), stored before the webhook answers 200: Twilio never
-- sends an inbound message again, so it is kept here until it is routed to its case. The sender and the text are
-- one token (`message`) wrapped by the secrets store under `subject`, a subject of the message's own: shredding
-- it (erasure) leaves nothing readable, deleting the row removes the rest. Once routed, `message` is emptied and
-- the subject shredded; the row keeps the sid, so a repeat delivery stores nothing new.
CREATE TABLE sms_inbox (
    message_sid  VARCHAR(34)              NOT NULL PRIMARY KEY,
    subject      VARCHAR(64)              NOT NULL,
    message      TEXT,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    routed_at    TIMESTAMP WITH TIME ZONE,
    refused_at   TIMESTAMP WITH TIME ZONE,
    attempts     INTEGER                  NOT NULL,
    last_error   VARCHAR(500)
);

CREATE INDEX sms_inbox_pending_idx ON sms_inbox (routed_at, refused_at, received_at);
CREATE INDEX sms_inbox_subject_idx ON sms_inbox (subject);
