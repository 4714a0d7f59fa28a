package se.caseflow.web.ops;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * How far the read side got with an erasure: the position of its {@code SubjectErased} in the event stream, and each
 * segment of {@value ProcessingGroups#CASE_PROJECTIONS} (whichever node holds it) past it or not. Every trace in Redis
 * is gone once every segment is past it. Blocking.
 */
final class ErasureProgress {

    /** Every segment is past the erasure's event: nothing readable about the person is left on the read side. */
    static final String DONE = "DONE";

    /** Some segment has not yet handled the erasure's event. */
    static final String IN_PROGRESS = "IN_PROGRESS";

    record Segment(int segment, String owner, Long position, boolean past) {}

    record Progress(String status, Long eventPosition, String processor, List<Segment> segments) {}

    private final ProcessorMonitor monitor;
    private final JdbcTemplate jdbc;

    ErasureProgress(ProcessorMonitor monitor, JdbcTemplate jdbc) {
        this.monitor = monitor;
        this.jdbc = jdbc;
    }

    Progress of(String erasureId) {
        Long event = jdbc
                .query(
                        "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                        (rs, i) -> rs.getLong(1),
                        erasureId)
                .stream()
                .findFirst()
                .orElse(null);
        List<Segment> segments = monitor.tokenRows(ProcessingGroups.CASE_PROJECTIONS).stream()
                .map(row -> new Segment(
                        row.segment(),
                        row.owner(),
                        row.position(),
                        event != null && row.position() != null && row.position() >= event))
                .toList();
        boolean done = event != null && !segments.isEmpty() && segments.stream().allMatch(Segment::past);
        return new Progress(done ? DONE : IN_PROGRESS, event, ProcessingGroups.CASE_PROJECTIONS, segments);
    }
}
