package se.caseflow.faultsuite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import se.caseflow.domain.gate.RecordKeys;

/**
 * Kafka commands sent without a key that caseflow has handled (the key it made from their record is claimed and
 * answered in the database) while their record's offset is not committed: a node that dies now delivers them
 * again, to itself when it is back or to the node that takes its partitions.
 */
final class UncommittedRecords {

    /** A handled, uncommitted record: where it is and the case its command opened. */
    record Held(int partition, long offset, String caseId) {}

    private static final String PREFIX = RecordKeys.PREFIX + KafkaChannel.COMMANDS + ":";
    private static final Pattern RECORD_KEY = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+):(\\d+)");

    private final JdbcTemplate jdbc;
    private final KafkaChannel kafka;

    UncommittedRecords(JdbcTemplate jdbc, KafkaChannel kafka) {
        this.jdbc = jdbc;
        this.kafka = kafka;
    }

    /**
     * Waits until handled records are held uncommitted on {@code partitions} partitions (each node's listener is
     * held on one) or {@code patience} has passed; what is held then.
     */
    List<Held> await(int partitions, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Held> held = now();
        while (held.stream().map(Held::partition).distinct().count() < partitions && System.nanoTime() < deadline) {
            Thread.sleep(200);
            held = now();
        }
        return held;
    }

    private List<Held> now() throws Exception {
        Map<Integer, Long> committed = kafka.committed();
        List<Held> held = new ArrayList<>();
        jdbc.query(
                "SELECT idem_key, outcome FROM idempotency_key WHERE idem_key LIKE ? AND outcome IS NOT NULL",
                rs -> {
                    Matcher key = RECORD_KEY.matcher(rs.getString(1));
                    Matcher caseId = Promises.CASE_ID.matcher(rs.getString(2));
                    if (key.matches() && caseId.find()) {
                        int partition = Integer.parseInt(key.group(1));
                        long offset = Long.parseLong(key.group(2));
                        if (offset >= committed.getOrDefault(partition, 0L)) {
                            held.add(new Held(partition, offset, caseId.group()));
                        }
                    }
                },
                PREFIX + "%");
        return held;
    }
}
