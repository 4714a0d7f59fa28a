-- Local mode (no Twilio credentials): every SMS that would have been sent, NOT sent. Recipient as mask only.
CREATE TABLE sms_outbox (
    message_id VARCHAR(36)              NOT NULL,
    case_id    VARCHAR(36)              NOT NULL,
    to_mask    VARCHAR(64)              NOT NULL,
    body       VARCHAR(1600)            NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sms_outbox_pkey PRIMARY KEY (message_id)
);
CREATE INDEX sms_outbox_created_at_idx ON sms_outbox (created_at);
