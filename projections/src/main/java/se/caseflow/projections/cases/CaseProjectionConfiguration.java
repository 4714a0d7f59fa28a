package se.caseflow.projections.cases;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.processing.ProcessingGroups;
import se.caseflow.projections.DeadLetterPolicy;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.partners.PartnerProjectionConfiguration;
import se.caseflow.projections.read.ViewCatalog;
import se.caseflow.projections.sms.SmsProjectionConfiguration;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The case projection, its dead-letter policy, and its rebuild twin's handlers. The processors themselves
 * ({@value ProcessingGroups#CASE_PROJECTIONS} and {@value ProcessingGroups#CASE_PROJECTIONS_REBUILD}) are set up
 * with every other one in axon-config's {@code EventProcessorSettings}.
 */
@Configuration(proxyBeanMethods = false)
public class CaseProjectionConfiguration {

    @Bean
    CaseProjection caseProjection(ProjectionStore projectionStore, PersonalDataUnwrapper unwrapper) {
        return new CaseProjection(projectionStore, unwrapper);
    }

    @Bean
    RebuildableProjection caseProjectionRebuild(ProjectionStore projectionStore) {
        return new RebuildableProjection(
                ProcessingGroups.CASE_PROJECTIONS,
                ProcessingGroups.CASE_PROJECTIONS_REBUILD,
                projectionStore,
                Stream.of(
                                CaseProjection.OWNED_KEYS,
                                SmsProjectionConfiguration.OWNED_KEYS,
                                PartnerProjectionConfiguration.OWNED_KEYS)
                        .flatMap(List::stream)
                        .toList());
    }

    /**
     * Which failures of {@value ProcessingGroups#CASE_PROJECTIONS} are dead letters and which are outages to retry;
     * the processor settings register it with that processor's dead-letter queue.
     */
    @Bean
    DeadLetterPolicy caseProjectionsDeadLetterPolicy() {
        return new DeadLetterPolicy();
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
                        ProcessingGroups.CASE_PROJECTIONS_REBUILD, Integer.MAX_VALUE, handler -> handler == twin);
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
        return inRebuild(new CaseProjection(caseProjectionRebuild::target, unwrapper));
    }
}
