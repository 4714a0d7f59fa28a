package se.caseflow.axon;

import static se.caseflow.domain.processing.ProcessingGroups.BIDDING;
import static se.caseflow.domain.processing.ProcessingGroups.CASE_PROJECTIONS;
import static se.caseflow.domain.processing.ProcessingGroups.CASE_PROJECTIONS_REBUILD;
import static se.caseflow.domain.processing.ProcessingGroups.KAFKA_PUBLISHER;
import static se.caseflow.domain.processing.ProcessingGroups.SMS_SENDING;
import static se.caseflow.domain.processing.ProcessingGroups.UC_CREDIT_CHECK;
import static se.caseflow.domain.processing.ProcessingGroups.UC_IDENTITY_CHECK;

import java.util.List;
import java.util.function.Supplier;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import se.caseflow.domain.processing.ProcessingGroups;

/**
 * Every event processor of caseflow, in one place (their names: {@link ProcessingGroups}). All are tracking
 * processors on the event store: on the embedded (JDBC) store a tracking processor is woken by each commit, where a
 * pooled one would poll every 500 ms (docs/adr/0009).
 *
 * <table>
 *   <caption>The processors</caption>
 *   <tr><th>processor</th><th>segments (threads)</th><th>batch</th><th>first token</th><th>on error</th></tr>
 *   <tr><td>{@value ProcessingGroups#UC_IDENTITY_CHECK}, {@value ProcessingGroups#UC_CREDIT_CHECK},
 *       {@value ProcessingGroups#BIDDING}, {@value ProcessingGroups#SMS_SENDING} (sagas)</td>
 *       <td>1</td><td>1</td><td>head of the stream: history never calls UC, opens bidding or sends an SMS</td>
 *       <td>delivered again</td></tr>
 *   <tr><td>{@value ProcessingGroups#CASE_PROJECTIONS}</td><td>{@value #READ_SIDE_SEGMENTS}</td>
 *       <td>{@value #READ_SIDE_BATCH}</td><td>start of the stream</td>
 *       <td>an outage is retried, an event the projection cannot apply is dead-lettered (the projections'
 *       {@code DeadLetterPolicy} decides which is which)</td></tr>
 *   <tr><td>{@value ProcessingGroups#CASE_PROJECTIONS_REBUILD} (started by ops only)</td>
 *       <td>{@code caseflow.projections.rebuild.segments}</td><td>{@code caseflow.projections.rebuild.batch-size}</td>
 *       <td>start of the stream</td><td>retried; no dead letters, so a poisoned event holds the rebuild up where ops
 *       see it</td></tr>
 *   <tr><td>{@value ProcessingGroups#KAFKA_PUBLISHER}</td><td>{@code caseflow.kafka.publisher-segments}</td>
 *       <td>{@code caseflow.kafka.publisher-batch-size}</td><td>start of the stream</td>
 *       <td>the batch is published again (consumers dedupe by event id)</td></tr>
 * </table>
 *
 * <p>"Delivered again": a handler's exception is never logged and skipped, which is Axon's default: it propagates,
 * the batch rolls back with its token, and the processor delivers it again after a back-off. The read side and its
 * twin are sequenced as the projections' {@code CaseProjectionsGroup} says (a bean of theirs: per case, every unmatched
 * inbound SMS in one sequence; per aggregate when the projections are absent). A processor for a group with no
 * handlers (UC or Kafka switched off) is never built.
 */
@AutoConfiguration
public class EventProcessorSettings {

    static final int READ_SIDE_SEGMENTS = 2;

    /** Batches of about 100: one event per batch tops out near 1,000 events/s here (DESIGN.md). */
    static final int READ_SIDE_BATCH = 100;

    private static final List<String> SAGAS = List.of(UC_IDENTITY_CHECK, UC_CREDIT_CHECK, BIDDING, SMS_SENDING);

    @Bean
    ConfigurerModule eventProcessors(
            @Value("${caseflow.projections.rebuild.segments:2}") int rebuildSegments,
            @Value("${caseflow.projections.rebuild.batch-size:500}") int rebuildBatchSize,
            @Value("${caseflow.kafka.publisher-segments:2}") int publisherSegments,
            @Value("${caseflow.kafka.publisher-batch-size:100}") int publisherBatchSize,
            ObjectProvider<EnqueuePolicy<EventMessage<?>>> readSideDeadLetterPolicy,
            ObjectProvider<SequencingPolicy<EventMessage<?>>> readSideSequencing,
            ObjectProvider<ConnectionProvider> connections,
            ObjectProvider<TransactionManager> transactions,
            ObjectProvider<DeadLetterSchema> deadLetterSchema) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            SequencingPolicy<EventMessage<?>> readSideSequence = readSideSequencing.getIfAvailable(
                    () -> SequentialPerAggregatePolicy.instance()::getSequenceIdentifierFor);
            for (String saga : SAGAS) {
                tracking(
                        processing,
                        saga,
                        () -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(1)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
            }
            tracking(processing, CASE_PROJECTIONS, () -> parallel(READ_SIDE_SEGMENTS, READ_SIDE_BATCH));
            processing
                    .registerSequencingPolicy(CASE_PROJECTIONS, c -> readSideSequence)
                    .registerDeadLetterQueue(
                            CASE_PROJECTIONS,
                            c -> JdbcSequencedDeadLetterQueue.builder()
                                    .processingGroup(CASE_PROJECTIONS)
                                    .connectionProvider(connections.getObject())
                                    .transactionManager(transactions.getObject())
                                    .schema(deadLetterSchema.getIfAvailable(DeadLetterSchema::defaultSchema))
                                    .genericSerializer(c.serializer())
                                    .eventSerializer(c.eventSerializer())
                                    .build());
            readSideDeadLetterPolicy.ifAvailable(
                    policy -> processing.registerDeadLetterPolicy(CASE_PROJECTIONS, c -> policy));
            tracking(
                    processing,
                    CASE_PROJECTIONS_REBUILD,
                    () -> parallel(rebuildSegments, rebuildBatchSize).andAutoStart(false));
            processing.registerSequencingPolicy(CASE_PROJECTIONS_REBUILD, c -> readSideSequence);
            tracking(processing, KAFKA_PUBLISHER, () -> parallel(publisherSegments, publisherBatchSize));
        };
    }

    private static void tracking(
            EventProcessingConfigurer processing, String name, Supplier<TrackingEventProcessorConfiguration> settings) {
        processing
                .registerTrackingEventProcessor(name, c -> c.eventStore(), c -> settings.get())
                .registerListenerInvocationErrorHandler(name, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(name, c -> PropagatingErrorHandler.instance());
    }

    private static TrackingEventProcessorConfiguration parallel(int segments, int batchSize) {
        return TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                .andInitialSegmentsCount(segments)
                .andBatchSize(batchSize);
    }
}
