package se.caseflow.web.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who unwrapped which personal data when: the secrets store's audit rows ({@code secrets_unwrap_audit}), newest
 * first, optionally of one subject, one caller or from a time on. Tokens appear only as their SHA-256.
 */
final class UnwrapAuditView {

    record Entry(
            long id,
            Instant occurredAt,
            String caller,
            String purpose,
            String subject,
            String kind,
            String tokenSha256,
            String outcome) {}

    private final JdbcTemplate jdbc;

    UnwrapAuditView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> entries(String subject, String caller, Instant from, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, occurred_at, caller, purpose, subject, kind, token_sha256, outcome FROM secrets_unwrap_audit"
                        + " WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (subject != null) {
            sql.append(" AND subject = ?");
            arguments.add(subject);
        }
        if (caller != null) {
            sql.append(" AND caller = ?");
            arguments.add(caller);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            arguments.add(java.sql.Timestamp.from(from));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(
                sql.toString(),
                (rs, i) -> new Entry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("caller"),
                        rs.getString("purpose"),
                        rs.getString("subject"),
                        rs.getString("kind"),
                        rs.getString("token_sha256"),
                        rs.getString("outcome")),
                arguments.toArray());
    }
}
