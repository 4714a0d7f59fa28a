package se.caseflow.axon;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The embedded event store of the JDBC deployments, with a short fetch delay. Axon wakes its readers when
 * a unit of work commits, but the command gate runs the unit of work inside its own transaction (with the
 * idempotency key), so that wake-up comes just before the rows are visible and the readers would then
 * sleep for the default 1 s. Re-reading after {@code caseflow.axon.event-fetch-delay} bounds the delay
 * between a commit and the processors seeing it (docs/adr/0009).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
public class EmbeddedEventStoreConfiguration {

    @Bean
    public EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            @Value("${caseflow.axon.event-fetch-delay:PT0.02S}") java.time.Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }
}
