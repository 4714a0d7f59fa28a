package se.caseflow.projections.cases;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.projections.DeadLetterPolicy;
import se.caseflow.projections.store.ProjectionStore;

/** The case projection and its processing group's error handling. */
@Configuration(proxyBeanMethods = false)
public class CaseProjectionConfiguration {

    @Bean
    CaseProjection caseProjection(ProjectionStore projectionStore, PersonalDataUnwrapper unwrapper) {
        return new CaseProjection(projectionStore, unwrapper);
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
}
