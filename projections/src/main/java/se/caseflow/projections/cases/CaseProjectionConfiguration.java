package se.caseflow.projections.cases;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.projections.read.ViewCatalog;
import se.caseflow.projections.store.ProjectionStore;

/** The case projection and its processing group's error handling. */
@Configuration(proxyBeanMethods = false)
public class CaseProjectionConfiguration {

    @Bean
    CaseProjection caseProjection(ProjectionStore projectionStore, PersonalDataUnwrapper unwrapper) {
        return new CaseProjection(projectionStore, unwrapper);
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
     * propagates, the batch rolls back its token and is retried, and applied events are skipped on retry.
     */
    @Bean
    ConfigurerModule caseProjectionErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        CaseProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
