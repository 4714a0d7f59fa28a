package se.caseflow.web.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.validation.PersonalNumber;
import se.caseflow.secrets.SubjectShredder;

/**
 * GDPR erasure of one person: deletes their UC identity cache entry, shreds their subject key in the secrets store
 * (every token of theirs opens as erased from then on, on every node within the key cache's TTL), writes an audit
 * entry, and rebuilds every
 * rebuildable projection so that no copy of their unwrapped data stays in Redis (queued behind a rebuild already
 * running, which may have read them before the shred). Blocking.
 */
final class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    record Erasure(
            String id,
            Instant occurredAt,
            String actor,
            String subject,
            boolean shredded,
            String reason,
            String rebuildId) {}

    private final SubjectShredder shredder;
    private final IdentityCacheEntries identityCache;
    private final Rebuilds rebuilds;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    Erasures(
            SubjectShredder shredder,
            IdentityCacheEntries identityCache,
            Rebuilds rebuilds,
            JdbcTemplate jdbc,
            Clock clock) {
        this.shredder = shredder;
        this.identityCache = identityCache;
        this.rebuilds = rebuilds;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Nothing is held for the personal number: never seen, or erased before. */
    static final class NoSuchPersonException extends RuntimeException {
        NoSuchPersonException() {
            super("caseflow holds no personal data for this personal number (never seen, or erased before)");
        }
    }

    /**
     * The secrets store's subject of a personal number, which must be valid (IllegalArgumentException) and known
     * ({@link NoSuchPersonException}); never creates one.
     */
    String subjectOf(String personalNumber) {
        String normalised = PersonalNumber.parse(personalNumber, LocalDate.now(clock.withZone(STOCKHOLM)))
                .normalised();
        return shredder.existingSubject(normalised).orElseThrow(NoSuchPersonException::new);
    }

    Erasure erase(String personalNumber, String actor, String reason) {
        String subject = subjectOf(personalNumber);
        String id = UUID.randomUUID().toString();
        // before the shred: with Redis away the erasure fails having changed nothing, and can be asked again
        identityCache.delete(subject);
        boolean shredded = shredder.shred(subject);
        String rebuildId = null;
        for (String processor : rebuilds.replayable()) {
            rebuildId = rebuilds.start(processor, actor, "erasure " + id, true).id();
        }
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO ops_erasure (id, occurred_at, actor, subject, shredded, reason, rebuild_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                id,
                Timestamp.from(now),
                actor,
                subject,
                shredded,
                reason,
                rebuildId);
        log.info(
                "Erasure {} by {}: subject {} shredded={}, read side rebuilt by {}",
                id,
                actor,
                subject,
                shredded,
                rebuildId);
        return new Erasure(id, now, actor, subject, shredded, reason, rebuildId);
    }

    List<Erasure> recent(int limit) {
        return jdbc.query(
                "SELECT id, occurred_at, actor, subject, shredded, reason, rebuild_id FROM ops_erasure"
                        + " ORDER BY occurred_at DESC LIMIT ?",
                (rs, i) -> new Erasure(
                        rs.getString("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("subject"),
                        rs.getBoolean("shredded"),
                        rs.getString("reason"),
                        rs.getString("rebuild_id")),
                limit);
    }
}
