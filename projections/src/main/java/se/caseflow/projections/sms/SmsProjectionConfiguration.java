package se.caseflow.projections.sms;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.api.UnmatchedSmsReceived;
import se.caseflow.projections.store.ProjectionStore;

/** The SMS projection, and the sequencing that lets the unmatched feed be written in event order. */
@Configuration(proxyBeanMethods = false)
public class SmsProjectionConfiguration {

    static final String UNMATCHED_SEQUENCE = "sms-unmatched";

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
        return configurer -> configurer
                .eventProcessing()
                .registerSequencingPolicy(
                        "case-projections",
                        c -> event -> event.getPayload() instanceof UnmatchedSmsReceived
                                ? UNMATCHED_SEQUENCE
                                : perAggregate.getSequenceIdentifierFor(event));
    }
}
