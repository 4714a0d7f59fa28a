package se.caseflow.projections.cases;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.projections.CaseProjectionsGroup;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.read.ViewCatalog;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The case projection and its handlers in the rebuild twin of {@value CaseProjectionsGroup#NAME} (the group:
 * {@link CaseProjectionsGroup}).
 */
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

    /** The case handlers in the rebuild twin processor, writing the generation being built. */
    @Bean
    ConfigurerModule caseProjectionRebuildTwin(
            RebuildableProjection caseProjectionRebuild, PersonalDataUnwrapper unwrapper) {
        return CaseProjectionsGroup.inRebuildTwin(new CaseProjection(caseProjectionRebuild::target, unwrapper));
    }
}
