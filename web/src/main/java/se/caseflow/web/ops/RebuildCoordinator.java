package se.caseflow.web.ops;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import reactor.core.scheduler.Scheduler;

/**
 * This node's part in rebuilding on several nodes (docs/adr/0035), three times per lock ttl: while a rebuild runs
 * here it renews the {@link RebuildLock}; while another node holds the lock it releases this node's segments of
 * every rebuildable live processor for one ttl (Axon's {@link StreamingEventProcessor#releaseSegment(int, long,
 * TimeUnit)}: the processor keeps running and claims nothing until the release lapses), so that the holder's switch
 * finds every segment unclaimed; when no node holds the lock and a rebuild asked for never ended (its node died or
 * stopped), it starts that rebuild again here. After the holder's switch the releases lapse within a ttl and the
 * processors here claim what is free again; when the holder dies the lock expires and they lapse too.
 */
final class RebuildCoordinator implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RebuildCoordinator.class);

    private final RebuildLock lock;
    private final Rebuilds rebuilds;
    private final ProcessorMonitor monitor;
    private final EventProcessingConfiguration processing;
    private final Scheduler workers;
    private final Ticks ticks = new Ticks();
    private String yieldingTo;

    RebuildCoordinator(
            RebuildLock lock,
            Rebuilds rebuilds,
            ProcessorMonitor monitor,
            EventProcessingConfiguration processing,
            Scheduler workers) {
        this.lock = lock;
        this.rebuilds = rebuilds;
        this.monitor = monitor;
        this.processing = processing;
        this.workers = workers;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ticks.start(Duration.ZERO, lock.ttl().dividedBy(3), workers, this::tick);
    }

    private void tick() {
        try {
            coordinate();
        } catch (RuntimeException e) {
            // Redis or the database unreachable: the lock expires, releases lapse, the next tick tries again
            log.debug("Could not coordinate rebuilds", e);
        }
    }

    synchronized void coordinate() {
        if (rebuilds.running()) {
            if (!lock.renew()) {
                log.warn(
                        "This node lost the rebuild lock during its rebuild (node {} holds it): its switch will fail",
                        lock.holder().orElse("(none)"));
            }
            return;
        }
        String holder = lock.holder().orElse(null);
        if (holder == null) {
            yieldingTo = null;
            rebuilds.takeOver();
        } else if (holder.equals(lock.node())) {
            // left behind by a run whose release failed
            lock.release();
        } else {
            yieldTo(holder);
        }
    }

    private void yieldTo(String holder) {
        for (String processor : rebuilds.replayable()) {
            processing
                    .eventProcessor(processor, StreamingEventProcessor.class)
                    .ifPresent(live -> monitor.tokenRows(processor)
                            .forEach(row -> live.releaseSegment(
                                    row.segment(), lock.ttl().toMillis(), TimeUnit.MILLISECONDS)));
        }
        if (!holder.equals(yieldingTo)) {
            yieldingTo = holder;
            log.info(
                    "Node {} rebuilds the read side: this node releases its segments of {} until it is done",
                    holder,
                    rebuilds.replayable());
        }
    }

    @Override
    public void close() {
        ticks.close();
    }
}
