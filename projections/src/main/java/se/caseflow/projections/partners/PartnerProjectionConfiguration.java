package se.caseflow.projections.partners;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.cases.CaseProjectionConfiguration;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The partner projection and its twin in the rebuild of {@code case-projections} (it shares that processing group,
 * and with it its sequencing: axon-config's {@code EventProcessorSettings}).
 */
@Configuration(proxyBeanMethods = false)
public class PartnerProjectionConfiguration {

    /** The keys the partner projection writes: dropped with a generation. */
    public static final List<String> OWNED_KEYS = PartnerProjection.OWNED_KEYS;

    @Bean
    PartnerProjection partnerProjection(ProjectionStore projectionStore) {
        return new PartnerProjection(projectionStore);
    }

    /** The partner handlers in the rebuild twin processor, writing the generation being built. */
    @Bean
    ConfigurerModule partnerProjectionRebuildTwin(RebuildableProjection caseProjectionRebuild) {
        return CaseProjectionConfiguration.inRebuild(new PartnerProjection(caseProjectionRebuild::target));
    }
}
