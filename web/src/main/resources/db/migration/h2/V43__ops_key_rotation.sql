-- Key rotations asked for through the ops API (web/ops, KeyRotations, docs/adr/0040): re-encrypt the subject keys
-- under the primary KEK key, derive the look-up rows again under the primary HMAC key, rebuild the read side.
-- running is 'Y' while the rotation is not finished (unique: one at a time) and NULL afterwards; owner and
-- lease_until name the node working on it, whose lease another node may take once it has expired.
CREATE TABLE ops_key_rotation (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    phase        VARCHAR(16)              NOT NULL,
    running      CHAR(1)                  UNIQUE,
    requested_by VARCHAR(255)             NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    hmac_key_id  BIGINT                   NOT NULL,
    kek_key_id   BIGINT                   NOT NULL,
    owner        VARCHAR(255),
    lease_until  TIMESTAMP WITH TIME ZONE,
    adopted      BIGINT                   NOT NULL,
    rewrapped    BIGINT                   NOT NULL,
    rederived    BIGINT                   NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    error        VARCHAR(500),
    CONSTRAINT ops_key_rotation_phase_chk
        CHECK (phase IN ('SEALING', 'REWRAPPING', 'REDERIVING', 'REBUILDING', 'DONE', 'FAILED'))
);
