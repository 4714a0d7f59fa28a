package se.caseflow.web.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The ops page's live document {@code ops/processors} (outside the projections' generations): every processor
 * as {@code /api/ops/processors} shows it, the current rebuild's progress and what can be rebuilt. Written after
 * every sample with a change notice, so the doc-store pushes it to OPS sockets like any document.
 */
final class OpsDocument {

    static final String KEY = "ops/processors";

    /**
     * Every sample rewrites it; a status no node has written for this long is gone rather than shown as if
     * current (and a stopped node leaves nothing behind in Redis).
     */
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final StatefulRedisConnection<String, String> redis;
    private final String prefix;
    private final ProcessorMonitor monitor;
    private final Rebuilds rebuilds;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();

    OpsDocument(
            StatefulRedisConnection<String, String> redis,
            String prefix,
            ProcessorMonitor monitor,
            Rebuilds rebuilds,
            ObjectMapper json,
            Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.monitor = monitor;
        this.rebuilds = rebuilds;
        this.json = json;
        this.clock = clock;
    }

    /** The current content, as the page renders it first. */
    Map<String, Object> content(long version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("at", clock.instant().toString());
        body.put("processors", monitor.processors());
        body.put("rebuild", rebuilds.current().orElse(null));
        body.put("replayable", rebuilds.replayable());
        return body;
    }

    void publish() {
        // versions grow across nodes too (the doc-store drops an older copy than the one it pushed)
        long next = version.updateAndGet(v -> Math.max(v + 1, clock.millis()));
        String text;
        try {
            text = json.writeValueAsString(content(next));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        redis.sync()
                .eval(
                        "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4]); redis.call('PUBLISH', ARGV[2], ARGV[3]);"
                                + " return 1",
                        ScriptOutputType.INTEGER,
                        new String[] {prefix + KEY},
                        text,
                        prefix + ProjectionStore.CHANGES_CHANNEL,
                        "{\"key\":\"" + KEY + "\",\"version\":" + next + "}",
                        Long.toString(LIFETIME.toMillis()));
    }
}
