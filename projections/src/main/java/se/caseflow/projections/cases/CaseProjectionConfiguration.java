package se.caseflow.projections.cases;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.projections.DeadLetterPolicy;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.partners.PartnerProjectionConfiguration;
import se.caseflow.projections.read.ViewCatalog;
import se.caseflow.projections.sms.SmsProjectionConfiguration;
import se.caseflow.projections.store.ProjectionStore;

/** The case projection, its processing group's error handling, and its rebuild twin. */
@Configuration(proxyBeanMethods = false)
public class CaseProjectionConfiguration {

    /** The live processor of the case, SMS and partner projections. */
    public static final String PROCESSING_GROUP = CaseProjection.PROCESSING_GROUP;

    /** The twin processor that rebuilds {@code case-projections} into a new generation. */
    public static final String REBUILD_PROCESSING_GROUP = CaseProjection.PROCESSING_GROUP + "-rebuild";

    @Bean
    CaseProjection caseProjection(ProjectionStore projectionStore, PersonalDataUnwrapper unwrapper) {
        return new CaseProjection(projectionStore, unwrapper);
    }

    @Bean
    RebuildableProjection caseProjectionRebuild(ProjectionStore projectionStore) {
        return new RebuildableProjection(
                CaseProjection.PROCESSING_GROUP,
                REBUILD_PROCESSING_GROUP,
                projectionStore,
                Stream.of(
                                CaseProjection.OWNED_KEYS,
                                SmsProjectionConfiguration.OWNED_KEYS,
                                PartnerProjectionConfiguration.OWNED_KEYS)
                        .flatMap(List::stream)
                        .toList());
    }

    /**
     * Registers another projection of this processing group ({@code twin}: its handlers writing
     * {@link RebuildableProjection#target}) in the rebuild twin processor, so a rebuild redoes its keys too.
     */
    public static ConfigurerModule inRebuild(Object twin) {
        return configurer -> configurer
                .eventProcessing()
                .registerEventHandler(c -> twin)
                .assignHandlerInstancesMatching(
                        REBUILD_PROCESSING_GROUP, Integer.MAX_VALUE, handler -> handler == twin);
    }

    /** Every view of {@link Views}, for pages that list them. */
    @Bean
    ViewCatalog viewCatalog() {
        return new ViewCatalog(Views.ALL.stream()
                .map(view -> new ViewCatalog.Entry(view.name(), view.daily()))
                .toList());
    }

    /**
     * A failed write (Redis down, say) must not be logged and skipped, which is Axon's default: the error
     * propagates, the batch rolls back its token and is retried, and applied events are skipped on retry. An
     * event that cannot be applied at all goes to the dead-letter queue.
     */
    @Bean
    ConfigurerModule caseProjectionErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        CaseProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                // with axon.eventhandling.processors.case-projections.dlq.enabled, a poisoned event is
                // dead-lettered and the stream goes on; an outage is retried (DeadLetterPolicy)
                .registerDeadLetterPolicy(CaseProjection.PROCESSING_GROUP, c -> new DeadLetterPolicy());
    }

    /**
     * The rebuild twin: the same handlers writing the generation being built, in a tracking processor that
     * never starts by itself (the ops side starts it). Its errors are retried like the live one's; it has no
     * dead letters, so a poisoned event holds the rebuild up where ops can see it.
     */
    @Bean
    ConfigurerModule caseProjectionRebuildProcessor(
            RebuildableProjection caseProjectionRebuild,
            PersonalDataUnwrapper unwrapper,
            @Value("${caseflow.projections.rebuild.batch-size:500}") int batchSize,
            @Value("${caseflow.projections.rebuild.segments:2}") int segments) {
        CaseProjection twin = new CaseProjection(caseProjectionRebuild::target, unwrapper);
        return configurer -> configurer
                .eventProcessing()
                .registerEventHandler(c -> twin)
                .assignHandlerInstancesMatching(REBUILD_PROCESSING_GROUP, Integer.MAX_VALUE, handler -> handler == twin)
                .registerTrackingEventProcessor(
                        REBUILD_PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andBatchSize(batchSize)
                                .andAutoStart(false))
                .registerListenerInvocationErrorHandler(
                        REBUILD_PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
