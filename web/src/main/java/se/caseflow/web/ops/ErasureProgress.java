package se.caseflow.web.ops;

import java.util.List;
import se.caseflow.axon.StoredEvents;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.web.erasure.InboundSmsErasure;

/**
 * How far the read side and the SMS inbox got with an erasure: the position of its {@code SubjectErased} in the event stream, and each
 * segment of {@value ProcessingGroups#CASE_PROJECTIONS} (whichever node holds it) past it or not. Every trace in Redis
 * is gone once every segment is past it, unless the projection could not apply the event and dead-lettered it (a
 * segment moves past a dead letter): then the erasure is {@link #DEAD_LETTERED} until that letter is retried. It is
 * not {@link #DONE} while the SMS inbox still holds the tokens of messages the shred reached (dropped at once by the
 * erasure, or by the inbox's next round).
 * Blocking.
 */
final class ErasureProgress {

    /** Every segment is past the erasure's event: nothing readable about the person is left on the read side. */
    static final String DONE = "DONE";

    /** Some segment has not yet handled the erasure's event. */
    static final String IN_PROGRESS = "IN_PROGRESS";

    /**
     * No SubjectErased is stored: the command is still being sent, or the node stopped before it was stored (the key
     * is not shredded; ask for the erasure again).
     */
    static final String NOT_SHREDDED = "NOT_SHREDDED";

    /**
     * The projection could not apply the erasure's event: what it had shown of the person may still be in Redis until
     * the dead letter ({@code deadLetterSequence}) is retried (docs/ops.md).
     */
    static final String DEAD_LETTERED = "DEAD_LETTERED";

    record Segment(int segment, String owner, Long position, boolean past) {}

    record Progress(
            String status,
            Long eventPosition,
            String processor,
            List<Segment> segments,
            String deadLetterSequence,
            int erasedSmsInInbox) {}

    private final ProcessorMonitor monitor;
    private final StoredEvents events;
    private final InboundSmsErasure inboundSms;

    ErasureProgress(ProcessorMonitor monitor, StoredEvents events, InboundSmsErasure inboundSms) {
        this.monitor = monitor;
        this.events = events;
        this.inboundSms = inboundSms;
    }

    Progress of(String erasureId) {
        StoredEvents.StoredEvent event = events.first(erasureId).orElse(null);
        List<Segment> segments = monitor.tokenRows(ProcessingGroups.CASE_PROJECTIONS).stream()
                .map(row -> new Segment(
                        row.segment(),
                        row.owner(),
                        row.position(),
                        event != null && row.position() != null && row.position() >= event.position()))
                .toList();
        String deadLetter = event == null
                ? null
                : events.deadLetterSequence(ProcessingGroups.CASE_PROJECTIONS, event.eventId())
                        .orElse(null);
        boolean past = event != null && !segments.isEmpty() && segments.stream().allMatch(Segment::past);
        // the tokens of inbound SMS the shred reached while they waited, not yet dropped from the inbox
        int erasedSms = event == null ? 0 : inboundSms.erasedStillHeld();
        boolean gone = past && erasedSms == 0;
        String status = event == null ? NOT_SHREDDED : deadLetter != null ? DEAD_LETTERED : gone ? DONE : IN_PROGRESS;
        return new Progress(
                status,
                event == null ? null : event.position(),
                ProcessingGroups.CASE_PROJECTIONS,
                segments,
                deadLetter,
                erasedSms);
    }
}
