package se.caseflow.axon;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Storage details Axon's JDBC auto-configuration leaves to us: the saga SQL dialect, how a duplicate
 * key is recognised, the snapshot trigger of the Case aggregate, and the upcasters of older event revisions
 * (Axon's auto-configuration puts every {@link EventUpcaster} bean into the store's chain). The tables themselves come from Flyway (db/migration/{vendor}).
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
public class AxonStorageConfiguration {

    @Bean
    public SagaSqlSchema sagaSqlSchema(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return "PostgreSQL".equals(product)
                    ? new PostgresSagaSqlSchema(new SagaSchema())
                    : new GenericSagaSqlSchema(new SagaSchema());
        }
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    /** Snapshot every N events so that loading a long-lived case stays cheap. */
    @Bean
    public SnapshotTriggerDefinition caseSnapshotTrigger(
            Snapshotter snapshotter, @Value("${caseflow.axon.snapshot-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public EventUpcaster eventRevisionUpcasters() {
        return EventRevisionUpcasters.all();
    }
}
