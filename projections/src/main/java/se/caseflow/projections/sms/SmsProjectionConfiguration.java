package se.caseflow.projections.sms;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.caseflow.domain.personal.PersonalDataUnwrapper;
import se.caseflow.domain.personal.PersonalDataVault;
import se.caseflow.projections.RebuildableProjection;
import se.caseflow.projections.cases.CaseProjectionConfiguration;
import se.caseflow.projections.store.ProjectionStore;

/**
 * The SMS projection and its twin in the rebuild of {@code case-projections} (it shares that processing group, and
 * with it the sequencing that writes the unmatched feed in event order: axon-config's
 * {@code EventProcessorSettings}).
 */
@Configuration(proxyBeanMethods = false)
public class SmsProjectionConfiguration {

    /** The keys the SMS projection writes besides {@code case/{id}/sms}: dropped with a generation. */
    public static final List<String> OWNED_KEYS = SmsProjection.OWNED_KEYS;

    @Bean
    SmsProjection smsProjection(
            ProjectionStore projectionStore, PersonalDataUnwrapper unwrapper, PersonalDataVault vault) {
        return new SmsProjection(projectionStore, new SmsPersonalData(unwrapper, vault));
    }

    /** The SMS handlers in the rebuild twin processor, writing the generation being built. */
    @Bean
    ConfigurerModule smsProjectionRebuildTwin(
            RebuildableProjection caseProjectionRebuild, PersonalDataUnwrapper unwrapper, PersonalDataVault vault) {
        return CaseProjectionConfiguration.inRebuild(
                new SmsProjection(caseProjectionRebuild::target, new SmsPersonalData(unwrapper, vault)));
    }
}
