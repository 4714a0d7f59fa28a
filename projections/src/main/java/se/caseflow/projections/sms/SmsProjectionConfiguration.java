package se.caseflow.projections.sms;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.cases.CaseProjectionConfiguration;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The SMS projection, its twin in the rebuild of {@code case-projections} (it shares that processing group), and the
 * sequencing that lets the unmatched feed be written in event order.
 */
@Configuration(proxyBeanMethods = false)
public class SmsProjectionConfiguration {

    static final String UNMATCHED_SEQUENCE = "sms-unmatched";

    /** The keys the SMS projection writes besides {@code case/{id}/sms}: dropped with a generation. */
    public static final List<String> OWNED_KEYS = SmsProjection.OWNED_KEYS;

    @Bean
    SmsProjection smsProjection(ProjectionStore projectionStore) {
        return new SmsProjection(projectionStore);
    }

    /**
     * Per case as before; every unmatched message (each its own record) in one sequence, so they reach the
     * unmatched feed in global order and its entry ids (the global index) only grow.
     */
    @Bean
    ConfigurerModule unmatchedSmsInOneSequence() {
        SequentialPerAggregatePolicy perAggregate = SequentialPerAggregatePolicy.instance();
        SequencingPolicy<EventMessage<?>> policy = event -> event.getPayload() instanceof UnmatchedSmsReceived
                ? UNMATCHED_SEQUENCE
                : perAggregate.getSequenceIdentifierFor(event);
        return configurer -> configurer
                .eventProcessing()
                .registerSequencingPolicy(CaseProjectionConfiguration.PROCESSING_GROUP, c -> policy)
                .registerSequencingPolicy(CaseProjectionConfiguration.REBUILD_PROCESSING_GROUP, c -> policy);
    }

    /** The SMS handlers in the rebuild twin processor, writing the generation being built. */
    @Bean
    ConfigurerModule smsProjectionRebuildTwin(RebuildableProjection caseProjectionRebuild) {
        return CaseProjectionConfiguration.inRebuild(new SmsProjection(caseProjectionRebuild::target));
    }
}
