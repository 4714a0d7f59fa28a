package se.caseflow.web.ops;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import reactor.core.scheduler.Scheduler;
import se.caseflow.axon.ProcessorTokens;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.store.ProjectionStore;

/**
 * Gives the read side back after Redis lost it (restarted without its data, failed over to an empty replica,
 * flushed): the tracking tokens say every event was applied, so nothing else would ever write it again. Every
 * {@code caseflow.ops.read-side-loss-check-interval} it looks for the epoch key that a rebuild's switch (and a
 * first start on an empty event store) writes; when it is gone it starts the same rebuild the ops API starts, which
 * writes it again when the rebuilt generation serves (docs/adr/0033). Every node checks; the first to take the
 * rebuild lock rebuilds, and the others find the rebuild running there (docs/adr/0035).
 */
final class ReadSideLossCheck implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    static final String REASON = "Redis lost the read side";
    static final String REQUESTED_BY = "caseflow";

    private static final Logger log = LoggerFactory.getLogger(ReadSideLossCheck.class);

    enum State {
        PRESENT,
        REBUILDING,
        LOST
    }

    private final RebuildableProjection projection;
    private final Rebuilds rebuilds;
    private final ProcessorMonitor monitor;
    private final OpsProperties properties;
    private final Scheduler workers;
    private volatile State state = State.PRESENT;
    private volatile boolean warned;
    private final Ticks ticks = new Ticks();

    ReadSideLossCheck(
            RebuildableProjection projection,
            Rebuilds rebuilds,
            ProcessorMonitor monitor,
            OpsProperties properties,
            Scheduler workers) {
        this.projection = projection;
        this.rebuilds = rebuilds;
        this.monitor = monitor;
        this.properties = properties;
        this.workers = workers;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ticks.start(Duration.ZERO, properties.readSideLossCheckInterval(), workers, this::tick);
    }

    private void tick() {
        try {
            check();
        } catch (RuntimeException e) {
            // Redis or the database unreachable is an outage, not a loss: health says so elsewhere
            log.debug("Could not check the read side", e);
        }
    }

    /** One check; returns what it found (and, when the read side was lost, whether a rebuild now runs). */
    synchronized State check() {
        if (projection.readSidePresent()) {
            warned = false;
            return state = State.PRESENT;
        }
        List<ProcessorTokens.Segment> tokens = monitor.tokenRows(projection.processor());
        if (tokens.stream().allMatch(row -> row.position() == null)) {
            // nothing applied yet (a first start): the empty Redis is complete
            projection.markReadSide();
            return state = State.PRESENT;
        }
        if (rebuilds.running()) {
            return state = State.REBUILDING;
        }
        try {
            if (rebuilds.startIfNeeded(
                            projection.processor(), REQUESTED_BY, REASON, () -> !projection.readSidePresent())
                    .isEmpty()) {
                // another node's rebuild switched meanwhile
                return state = State.PRESENT;
            }
        } catch (Rebuilds.RefusedException e) {
            // another node holds the rebuild lock: its rebuild (or the next) writes the marker at its switch
            warnOnce("Redis lost the read side: " + e.getMessage());
            return state = e.code.equals("rebuild-running") ? State.REBUILDING : State.LOST;
        }
        warnOnce("Redis lost the read side (no " + ProjectionStore.EPOCH_KEY + "): rebuilding " + projection.processor()
                + " from the first event");
        return state = State.REBUILDING;
    }

    State state() {
        return state;
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            log.warn(message);
        }
    }

    @Override
    public void close() {
        ticks.close();
    }
}
