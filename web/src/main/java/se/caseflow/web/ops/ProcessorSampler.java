package se.caseflow.web.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import reactor.core.scheduler.Scheduler;

/**
 * Samples processor positions (events/s, lag gauges) and refreshes the ops page's document every sample
 * interval, from the moment the application is ready: not while it starts, when the event store may not be
 * reachable yet (Axon Server) and start-up must fail with its own message.
 */
final class ProcessorSampler implements ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorSampler.class);

    private final ProcessorMonitor monitor;
    private final OpsDocument document;
    private final OpsProperties properties;
    private final Scheduler workers;
    private final Ticks ticks = new Ticks();

    ProcessorSampler(ProcessorMonitor monitor, OpsDocument document, OpsProperties properties, Scheduler workers) {
        this.monitor = monitor;
        this.document = document;
        this.properties = properties;
        this.workers = workers;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ticks.start(properties.sampleInterval(), properties.sampleInterval(), workers, this::tick);
    }

    private void tick() {
        monitor.sample();
        try {
            document.publish();
        } catch (RuntimeException e) {
            log.debug("Could not publish {}", OpsDocument.KEY, e);
        }
    }

    @Override
    public void close() {
        ticks.close();
    }
}
