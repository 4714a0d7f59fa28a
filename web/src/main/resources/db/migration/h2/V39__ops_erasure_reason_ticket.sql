-- An erasure's reason is kept in plaintext, so it must name nobody: from this version the ops API takes only a ticket
-- reference such as GDPR-42 (web/ops ErasureController). A reason typed before as free text may name the person:
-- it is replaced by a fixed text.
UPDATE ops_erasure SET reason = '(free text removed by V39)' WHERE NOT REGEXP_LIKE(reason, '^[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}$');
