package se.caseflow.web.ops;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import reactor.core.scheduler.Scheduler;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.store.ProjectionStore;

/**
 * Gives the read side back after Redis lost it (restarted without its data, failed over to an empty replica,
 * flushed): the tracking tokens say every event was applied, so nothing else would ever write it again. Every
 * {@code caseflow.ops.read-side-loss-check-interval} it looks for the epoch key that a rebuild's switch (and a
 * first start on an empty event store) writes; when it is gone it starts the same rebuild the ops API starts, which
 * writes it again when the rebuilt generation serves (docs/adr/0033). Only a node that no other node shares the
 * live processor with starts it: on another node the switch would fail (ADR 0016).
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
    private final EventProcessingConfiguration processing;
    private final OpsProperties properties;
    private final Scheduler workers;
    private volatile State state = State.PRESENT;
    private volatile boolean warned;
    private final Ticks ticks = new Ticks();

    ReadSideLossCheck(
            RebuildableProjection projection,
            Rebuilds rebuilds,
            ProcessorMonitor monitor,
            EventProcessingConfiguration processing,
            OpsProperties properties,
            Scheduler workers) {
        this.projection = projection;
        this.rebuilds = rebuilds;
        this.monitor = monitor;
        this.processing = processing;
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
        List<ProcessorMonitor.TokenRow> tokens = monitor.tokenRows(projection.processor());
        if (tokens.stream().allMatch(row -> row.position() == null)) {
            // nothing applied yet (a first start): the empty Redis is complete
            projection.markReadSide();
            return state = State.PRESENT;
        }
        if (rebuilds.current().filter(p -> !finished(p)).isPresent()) {
            return state = State.REBUILDING;
        }
        String otherOwner = segmentOwnerElsewhere(tokens);
        if (otherOwner != null) {
            warnOnce("Redis lost the read side; node " + otherOwner + " also runs " + projection.processor()
                    + ", and a rebuild can only switch where no other node holds a segment: stop the other nodes and this"
                    + " one starts the rebuild");
            return state = State.LOST;
        }
        try {
            rebuilds.start(projection.processor(), REQUESTED_BY, REASON, false);
        } catch (Rebuilds.RefusedException e) {
            return state = e.code.equals("rebuild-running") ? State.REBUILDING : State.LOST;
        }
        warnOnce("Redis lost the read side (no " + ProjectionStore.EPOCH_KEY + "): rebuilding " + projection.processor()
                + " from the first event");
        return state = State.REBUILDING;
    }

    State state() {
        return state;
    }

    private String segmentOwnerElsewhere(List<ProcessorMonitor.TokenRow> tokens) {
        Set<Integer> here = processing
                .eventProcessor(projection.processor(), StreamingEventProcessor.class)
                .map(p -> p.processingStatus().keySet())
                .orElse(Set.of());
        return tokens.stream()
                .filter(row -> row.owner() != null && !here.contains(row.segment()))
                .map(ProcessorMonitor.TokenRow::owner)
                .findFirst()
                .orElse(null);
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            log.warn(message);
        }
    }

    private static boolean finished(Rebuilds.Progress progress) {
        return progress.phase() == Rebuilds.Phase.DONE || progress.phase() == Rebuilds.Phase.FAILED;
    }

    @Override
    public void close() {
        ticks.close();
    }
}
