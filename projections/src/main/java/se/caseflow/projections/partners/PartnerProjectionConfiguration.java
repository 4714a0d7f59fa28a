package se.caseflow.projections.partners;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.projections.CaseProjectionsGroup;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The partner projection and its handlers in the rebuild twin of {@value CaseProjectionsGroup#NAME} (it is one of
 * that group's handlers and shares its sequencing: {@link CaseProjectionsGroup}).
 */
@Configuration(proxyBeanMethods = false)
public class PartnerProjectionConfiguration {

    @Bean
    PartnerProjection partnerProjection(ProjectionStore projectionStore) {
        return new PartnerProjection(projectionStore);
    }

    /** The partner handlers in the rebuild twin processor, writing the generation being built. */
    @Bean
    ConfigurerModule partnerProjectionRebuildTwin(RebuildableProjection caseProjectionRebuild) {
        return CaseProjectionsGroup.inRebuildTwin(new PartnerProjection(caseProjectionRebuild::target));
    }
}
