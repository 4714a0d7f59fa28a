package se.caseflow.bench;

import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;

/** Where a streaming event processor stands against the head of the event store. */
final class Processors {

    private Processors() {}

    static StreamingEventProcessor named(ConfigurableApplicationContext app, String name) {
        return app.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor " + name));
    }

    static long head(EventStore eventStore) {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }

    /** The lowest position over the processor's segments: everything below it is handled. */
    static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(0))
                .min()
                .orElse(0);
    }

    static void waitUntilCaughtUp(StreamingEventProcessor processor, long head) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (processor.processingStatus().isEmpty() || position(processor) < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Processor did not catch up: at " + position(processor) + " of " + head);
            }
            Thread.sleep(5);
        }
    }
}
