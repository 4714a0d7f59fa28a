-- GDPR erasures done through the ops API (web/ops): who erased which subject, when, why. The subject is the
-- secrets store's opaque id (an HMAC of the personal number); no personal data is written here.
CREATE TABLE ops_erasure (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(255)             NOT NULL,
    subject      VARCHAR(64)              NOT NULL,
    shredded     BOOLEAN                  NOT NULL,
    reason       VARCHAR(200)             NOT NULL,
    rebuild_id   VARCHAR(36)
);

CREATE INDEX ops_erasure_subject_idx ON ops_erasure (subject, occurred_at);
