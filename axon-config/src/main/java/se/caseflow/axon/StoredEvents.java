package se.caseflow.axon;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Look-ups in Axon's event table ({@code domainevententry}) and dead-letter table ({@code deadletterentry}) that the
 * ops side needs and Axon's API does not offer: where an aggregate's first event is in the stream, and under which
 * sequence a processor dead-lettered an event. Blocking.
 */
public final class StoredEvents {

    /** An event in the store: its position in the stream (global index) and its identifier. */
    public record StoredEvent(long position, String eventId) {}

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A SQL condition, true when an event of the aggregate whose identifier is in {@code aggregateIdColumn} is stored:
     * for a statement over a table of the caller's that must decide in one step (an erasure's row and its event).
     */
    public static String storedCondition(String aggregateIdColumn) {
        return "EXISTS (SELECT 1 FROM domainevententry d WHERE d.aggregateidentifier = " + aggregateIdColumn + ")";
    }

    /** The first event of the aggregate {@code aggregateId}, if it is stored. */
    public Optional<StoredEvent> first(String aggregateId) {
        return jdbc
                .query(
                        "SELECT globalindex, eventidentifier FROM domainevententry"
                                + " WHERE aggregateidentifier = ? AND sequencenumber = 0",
                        (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2)),
                        aggregateId)
                .stream()
                .findFirst();
    }

    /** The sequence under which {@code processingGroup} dead-lettered the event {@code eventId}, if it did. */
    public Optional<String> deadLetterSequence(String processingGroup, String eventId) {
        return jdbc
                .query(
                        "SELECT sequenceidentifier FROM deadletterentry WHERE processinggroup = ? AND eventidentifier = ?",
                        (rs, i) -> rs.getString(1),
                        processingGroup,
                        eventId)
                .stream()
                .findFirst();
    }
}
