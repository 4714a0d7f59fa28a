package se.caseflow.web.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.axon.StoredEvents;
import se.caseflow.domain.api.CaseRuleViolation;
import se.caseflow.domain.api.EraseSubject;
import se.caseflow.domain.gate.InternalCommands;
import se.caseflow.domain.validation.PersonalNumber;
import se.caseflow.secrets.SubjectShredder;
import se.caseflow.web.erasure.InboundSmsErasure;

/**
 * GDPR erasure of one person: deletes their UC identity cache entry, moves this node's spooled inbound SMS into the
 * inbox, then sends {@link EraseSubject} through the internal gate, whose {@code PersonErasure} shreds their subject
 * key (and the subjects of the unrouted and unmatched inbound SMS from their numbers) and stores {@code SubjectErased}
 * in one transaction (every token of theirs opens as erased from then on, on every node within the key cache's TTL); the
 * read side removes what it had unwrapped of them in place, on whichever node holds the segment, with no rebuild
 * ({@link ErasureProgress} tells how far it got). Writes an audit entry. Blocking.
 */
final class Erasures {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final String NO_SUCH_PERSON = "no-such-person";
    /** The erasure's SubjectErased is in the event store (its aggregate id is the erasure's id). */
    private static final String STORED = StoredEvents.storedCondition("ops_erasure.id");
    /** Shredded if the event is stored, whether or not the request that sent it lived to mark the row. */
    private static final String COLUMNS =
            "id, occurred_at, actor, subject, reason, (shredded OR " + STORED + ") AS shredded";

    /** {@code shredded}: the key is gone and SubjectErased stored; false only while (or if) the command was not. */
    record Erasure(String id, Instant occurredAt, String actor, String subject, String reason, boolean shredded) {}

    private final SubjectShredder shredder;
    private final IdentityCacheEntries identityCache;
    private final InternalCommands commands;
    private final InboundSmsErasure inboundSms;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    Erasures(
            SubjectShredder shredder,
            IdentityCacheEntries identityCache,
            InternalCommands commands,
            InboundSmsErasure inboundSms,
            JdbcTemplate jdbc,
            Clock clock) {
        this.shredder = shredder;
        this.identityCache = identityCache;
        this.commands = commands;
        this.inboundSms = inboundSms;
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

    /**
     * Erases the person: when this returns, their key is gone and SubjectErased is stored; the read side follows. The
     * erasure's row is written before the command, so an erasure that happened always has one, whatever becomes of
     * this request afterwards; whether it was shredded is read from the event store ({@link #find}). A command that
     * stored no event takes its row with it.
     */
    Erasure erase(String personalNumber, String actor, String reason) {
        String subject = subjectOf(personalNumber);
        String id = UUID.randomUUID().toString();
        // before the shred: with Redis away the erasure fails having changed nothing, and can be asked again
        identityCache.delete(subject);
        // this node's spooled inbound SMS into the inbox, where the shred reaches those from the person's numbers
        int stillSpooled = inboundSms.beforeShred();
        if (stillSpooled > 0) {
            log.warn("Erasure: {} inbound SMS still wait in this node's spool, out of its reach", stillSpooled);
        }
        Instant now = clock.instant();
        jdbc.update(
                "INSERT INTO ops_erasure (id, occurred_at, actor, subject, shredded, reason) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                Timestamp.from(now),
                actor,
                subject,
                false,
                reason);
        try {
            commands.send(id, new EraseSubject(id, subject));
        } catch (RuntimeException e) {
            jdbc.update("DELETE FROM ops_erasure WHERE id = ? AND NOT " + STORED, id);
            if (e instanceof CaseRuleViolation refused && refused.code().equals(NO_SUCH_PERSON)) {
                throw new NoSuchPersonException(); // erased by another request in the meantime
            }
            throw e;
        }
        jdbc.update("UPDATE ops_erasure SET shredded = TRUE WHERE id = ?", id);
        try {
            inboundSms.dropErased();
        } catch (RuntimeException e) {
            // the inbox's next round drops them; the erasure's status waits for it
            log.warn(
                    "Erasure {}: the inbox keeps the erased messages' tokens until its next round: {}",
                    id,
                    e.toString());
        }
        log.info("Erasure {} by {}: subject {} shredded, SubjectErased stored", id, actor, subject);
        return new Erasure(id, now, actor, subject, reason, true);
    }

    Optional<Erasure> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ops_erasure WHERE id = ?", Erasures::erasure, id).stream()
                .findFirst();
    }

    List<Erasure> recent(int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM ops_erasure ORDER BY occurred_at DESC LIMIT ?", Erasures::erasure, limit);
    }

    private static Erasure erasure(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Erasure(
                rs.getString("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("subject"),
                rs.getString("reason"),
                rs.getBoolean("shredded"));
    }
}
