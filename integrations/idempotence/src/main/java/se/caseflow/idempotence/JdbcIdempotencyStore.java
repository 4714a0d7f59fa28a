package se.caseflow.idempotence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.idempotency.IdempotencyStore;

/**
 * Idempotency keys in the event database, one namespace per command gate (column {@code gate}). {@code INSERT ... ON CONFLICT DO NOTHING} makes a concurrent
 * claim of the same key wait on the primary key until the first transaction ends, and never aborts the
 * surrounding transaction (H2 runs in PostgreSQL mode for the same statement).
 */
class JdbcIdempotencyStore implements IdempotencyStore {

    private final JdbcTemplate jdbc;

    JdbcIdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PreviousUse> claim(
            String namespace, String key, String fingerprint, Instant now, Instant expiresAt) {
        int inserted = jdbc.update(
                "INSERT INTO idempotency_key (gate, idem_key, fingerprint, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                namespace,
                key,
                fingerprint,
                Timestamp.from(now),
                Timestamp.from(expiresAt));
        if (inserted == 1) {
            return Optional.empty();
        }
        int reclaimed = jdbc.update(
                "UPDATE idempotency_key SET fingerprint = ?, outcome = NULL, case_id = NULL, created_at = ?, expires_at = ?"
                        + " WHERE gate = ? AND idem_key = ? AND expires_at <= ?",
                fingerprint,
                Timestamp.from(now),
                Timestamp.from(expiresAt),
                namespace,
                key,
                Timestamp.from(now));
        if (reclaimed == 1) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT fingerprint, outcome FROM idempotency_key WHERE gate = ? AND idem_key = ?",
                        (rs, row) -> new PreviousUse(rs.getString(1), rs.getString(2)),
                        namespace,
                        key)
                .stream()
                .findFirst();
    }

    @Override
    public void complete(String namespace, String key, String caseId, String outcome) {
        jdbc.update(
                "UPDATE idempotency_key SET outcome = ?, case_id = ? WHERE gate = ? AND idem_key = ?",
                outcome,
                caseId,
                namespace,
                key);
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbc.update("DELETE FROM idempotency_key WHERE expires_at <= ?", Timestamp.from(now));
    }
}
